package dev.faas4j.local.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.contract.ObjectStorageContract;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.port.PutOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStorageTest extends ObjectStorageContract<FileSystemObjectStorage> {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  @TempDir
  Path workDir;
  private Path root;
  private Path outside;
  private LocalDatabase db;

  @Override
  protected FileSystemObjectStorage newSubject() {
    root = workDir.resolve("objects");
    outside = workDir.resolve("outside");
    db = LocalDatabase.open(workDir.resolve("data"));
    return new FileSystemObjectStorage(db, root, "bucket", clock);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void changesWhoseListenerNeverFinishedAreDeliveredByTheNextInstance() throws Exception {
    // The listener failing stands in for a process killed after the commit and before the trigger was queued.
    storage.onChange(change -> {
      throw new IllegalStateException("killed before the trigger was queued");
    });
    assertThatThrownBy(() -> storage.put("a.txt", bytes("one"))).hasMessageContaining("killed");
    assertThatThrownBy(() -> storage.put("b.txt", bytes("two"))).hasMessageContaining("killed");
    storage.onChange(change -> { });
    storage.put("gone.txt", bytes("x"));
    storage.onChange(change -> {
      throw new IllegalStateException("killed before the trigger was queued");
    });
    assertThatThrownBy(() -> storage.delete("gone.txt")).hasMessageContaining("killed");
    storage.onChange(change -> { });
    storage.put("delivered.txt", bytes("fine"));

    FileSystemObjectStorage restarted = new FileSystemObjectStorage(db, root, "bucket", clock);
    List<FileSystemObjectStorage.Change> seen = new ArrayList<>();
    restarted.onChange(seen::add);
    assertThat(FileSystemObjectStorage.bucketsWithPendingChanges(db)).containsExactly("bucket");
    assertThat(restarted.redeliverPending()).isEqualTo(3);

    assertThat(seen).extracting(FileSystemObjectStorage.Change::key).containsExactly("a.txt", "b.txt", "gone.txt");
    assertThat(seen.get(0).written()).map(ObjectInfo::etag).contains(md5("one"));
    assertThat(seen.get(2).written()).isEmpty();
    assertThat(FileSystemObjectStorage.bucketsWithPendingChanges(db)).isEmpty();
    assertThat(restarted.redeliverPending()).isZero();
  }

  @Test
  void aPutThatFailsLeavesNothingToRedeliver() {
    storage.onChange(change -> { });
    storage.put("a.txt", bytes("one"));
    assertThatThrownBy(() -> storage.put("a.txt", bytes("two"), PutOptions.defaults().ifAbsent()))
        .isInstanceOf(ObjectStorageException.class);

    assertThat(FileSystemObjectStorage.bucketsWithPendingChanges(db)).isEmpty();
  }

  @Test
  void objectIsAPlainFileUnderTheBucketDirectory() throws IOException {
    storage.put("photos/2030/cat.jpg", bytes("meow"));

    assertThat(root.resolve("bucket/photos/2030/cat.jpg")).hasContent("meow");
  }

  @Test
  void hostileKeysNeverTouchAnythingOutsideTheRoot() throws IOException {
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Map<String, String> before = snapshot(workDir, "objects", "data");

    for (String key : HOSTILE_KEYS) {
      assertRefused(() -> storage.put(key, bytes("pwned")), Reason.INVALID_ARGUMENT);
      assertRefused(() -> storage.delete(key), Reason.INVALID_ARGUMENT);
    }
    assertRefused(() -> storage.put("../outside/secret.txt", bytes("pwned")), Reason.INVALID_ARGUMENT);
    assertRefused(() -> storage.put("../../outside/new.txt", bytes("pwned")), Reason.INVALID_ARGUMENT);
    assertRefused(() -> storage.put(outside.resolve("abs.txt").toString(), bytes("pwned")),
        Reason.INVALID_ARGUMENT);

    assertThat(snapshot(workDir, "objects", "data")).isEqualTo(before);
    try (Stream<Path> top = Files.list(workDir)) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("objects", "data", "outside");
    }
  }

  @Test
  void symbolicLinkToADirectoryOutsideIsNeitherReadNorWrittenThrough() throws IOException {
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("bucket/evil"), outside);
    Map<String, String> before = snapshot(outside);

    assertRefused(() -> storage.get("evil/secret.txt"), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.head("evil/secret.txt"), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.put("evil/secret.txt", bytes("pwned")), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.put("evil/new.txt", bytes("pwned")), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.put("evil/deeper/new.txt", bytes("pwned")), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.delete("evil/secret.txt"), Reason.ACCESS_DENIED);

    assertThat(storage.listAll("")).isEmpty();
    assertThat(storage.listAll("evil/")).isEmpty();
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void symbolicLinkToAFileOutsideIsNeitherReadNorReplaced() throws IOException {
    Files.createDirectories(outside);
    Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
    Path link = Files.createSymbolicLink(root.resolve("bucket/link.txt"), secret);

    assertRefused(() -> storage.get("link.txt"), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.put("link.txt", bytes("pwned")), Reason.ACCESS_DENIED);
    assertRefused(() -> storage.delete("link.txt"), Reason.ACCESS_DENIED);

    assertThat(secret).hasContent("secret");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(storage.listAll("")).isEmpty();
  }

  @Test
  void fileDroppedInByHandIsReadableWithComputedEtagAndGuessedContentType() throws Exception {
    Path dropped = root.resolve("bucket/reports/q1.json");
    Files.createDirectories(dropped.getParent());
    Files.writeString(dropped, "{\"total\":1}");

    ObjectInfo info = storage.head("reports/q1.json").orElseThrow();

    assertThat(info.etag()).isEqualTo(md5("{\"total\":1}"));
    assertThat(info.size()).isEqualTo(11);
    assertThat(info.contentType()).contains("application/json");
    assertThat(info.metadata()).isEmpty();
    assertThat(storage.get("reports/q1.json").orElseThrow().info().etag()).isEqualTo(info.etag());
    assertThat(storage.listAll("reports/")).extracting(ObjectInfo::etag).containsExactly(info.etag());
  }

  @Test
  void fileChangedByHandGetsAnEtagOfItsNewContent() throws Exception {
    String written = storage.put("k.txt", bytes("original"), PutOptions.defaults().metadata("a", "1")).etag();

    Files.writeString(root.resolve("bucket/k.txt"), "edited by hand, longer");

    ObjectInfo info = storage.head("k.txt").orElseThrow();
    assertThat(info.etag()).isEqualTo(md5("edited by hand, longer")).isNotEqualTo(written);
    assertThat(info.metadata()).isEmpty();
    assertThatThrownBy(() -> storage.put("k.txt", bytes("x"), PutOptions.defaults().ifMatch(written)))
        .isInstanceOfSatisfying(ObjectStorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
  }

  @Test
  void contentTypeMetadataAndEtagSurviveReopening() {
    ObjectInfo written = storage.put("a/b.bin", bytes("data"),
        PutOptions.contentType("application/x-custom").metadata("owner", "42"));
    db.close();

    db = LocalDatabase.open(workDir.resolve("data"));
    FileSystemObjectStorage reopened = new FileSystemObjectStorage(db, root, "bucket", clock);

    assertThat(reopened.head("a/b.bin")).contains(written);
  }

  @Test
  void keyCannotBeBothAnObjectAndAFolderButCanAfterTheFolderEmpties() {
    storage.put("a/b", bytes("inner"));

    assertRefused(() -> storage.put("a", bytes("outer")), Reason.INVALID_ARGUMENT);
    storage.put("c", bytes("outer"));
    assertRefused(() -> storage.put("c/d", bytes("inner")), Reason.INVALID_ARGUMENT);

    storage.delete("a/b");
    storage.put("a", bytes("outer"));
    assertThat(storage.get("a").orElseThrow().text()).isEqualTo("outer");
    assertThat(storage.head("a/b")).isEmpty();
  }

  @Test
  void keyLookingLikeTheTempDirectoryIsAnOrdinaryObjectOfTheBucket() throws IOException {
    storage.put(".faas4j-tmp/x", bytes("mine"));

    assertThat(root.resolve("bucket/.faas4j-tmp/x")).hasContent("mine");
    try (Stream<Path> temps = Files.list(root.resolve(FileSystemObjectStorage.TEMP_DIR))) {
      assertThat(temps).isEmpty();
    }
    assertThat(storage.listAll("")).extracting(ObjectInfo::key).containsExactly(".faas4j-tmp/x");
  }

  @Test
  void tempFilesAreNeverListedAndThoseOfDeadProcessesAreRemovedOnOpen() throws IOException {
    Path temps = root.resolve(FileSystemObjectStorage.TEMP_DIR);
    Path abandoned = Files.writeString(temps.resolve("2147483646-abandoned.tmp"), "half");
    Path ours = Files.writeString(temps.resolve(ProcessHandle.current().pid() + "-inflight.tmp"), "half");
    storage.put("real", bytes("x"));

    assertThat(storage.listAll("")).extracting(ObjectInfo::key).containsExactly("real");
    new FileSystemObjectStorage(db, root, "bucket", clock);

    assertThat(abandoned).doesNotExist();
    assertThat(ours).exists();
  }

  @Test
  void segmentLongerThanTheFileSystemAllowsIsRefused() {
    assertRefused(() -> storage.put("a/" + "x".repeat(256), bytes("x")), Reason.INVALID_ARGUMENT);
    storage.put("a/" + "x".repeat(255), bytes("x"));
  }

  @Test
  void bucketNamesThatAreNotPlainDirectoryNamesAreRefused() {
    for (String bucket : List.of("", "..", ".faas4j-tmp", "a/b", "a\\b", "../x")) {
      assertThatThrownBy(() -> new FileSystemObjectStorage(db, root, bucket, clock)).as(bucket)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void listenerSeesWritesAndDeletesOfExistingObjects() {
    List<FileSystemObjectStorage.Change> changes = new ArrayList<>();
    storage.onChange(changes::add);

    ObjectInfo written = storage.put("k", bytes("x"));
    storage.delete("k");
    storage.delete("k");
    assertRefused(() -> storage.put("k2", bytes("x"), PutOptions.defaults().ifMatch("nope")), Reason.CONFLICT);

    assertThat(changes).containsExactly(
        new FileSystemObjectStorage.Change("bucket", "k", Optional.of(written)),
        new FileSystemObjectStorage.Change("bucket", "k", Optional.empty()));
  }

  @Test
  void conditionalWritesAreAtomicAcrossInstancesSharingTheDatabase() throws Exception {
    FileSystemObjectStorage second = new FileSystemObjectStorage(db, root, "bucket", clock);
    List<Thread> threads = new ArrayList<>();
    List<Boolean> wins = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 16; i++) {
      FileSystemObjectStorage target = i % 2 == 0 ? storage : second;
      String text = "writer-" + i;
      threads.add(new Thread(() -> {
        try {
          target.put("race", bytes(text), PutOptions.defaults().ifAbsent());
          wins.add(true);
        } catch (ObjectStorageException e) {
          wins.add(false);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(wins).hasSize(16).containsOnlyOnce(true);
  }

  private static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** Every file under {@code dir} (relative path to content), leaving out the named top-level entries. */
  private static Map<String, String> snapshot(Path dir, String... skip) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        Path relative = dir.relativize(p);
        if (relative.getNameCount() > 0 && List.of(skip).contains(relative.getName(0).toString())) {
          continue;
        }
        files.put(relative.toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
      }
    }
    return files;
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(UTF_8)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
