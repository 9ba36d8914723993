package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM in the middle of a loop of 1 MB writes (SIGKILL, no mocks) and checks that no object is half-written:
 * each one is a whole write, its etag is its content's MD5, and it is no older than the last write reported.
 */
class FileSystemObjectStorageCrashTest {
  @TempDir
  Path workDir;

  @Test
  void killDuringLargeWritesLeavesOnlyWholeObjectsWithMatchingEtags() throws Exception {
    Path dataDir = workDir.resolve("data");
    Random jitter = new Random();
    for (int round = 0; round < 3; round++) { // each round restarts on what the previous kill left
      ChildProcess child = ChildProcess.start("objects", dataDir);
      List<String> lines = child.killAfter(12, line -> line.startsWith("wrote "), jitter.nextInt(40));
      checkWholeObjects(dataDir, lines);
    }
  }

  private static void checkWholeObjects(Path dataDir, List<String> lines) throws Exception {
    Map<String, Long> lastReported = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("wrote") && parts[1].startsWith("big/")) {
        lastReported.merge(parts[1], Long.parseLong(parts[2]), Math::max);
      }
    }
    assertThat(lastReported).containsOnlyKeys("big/0", "big/1", "big/2", "big/3");

    try (LocalDatabase db = LocalDatabase.open(dataDir)) {
      FileSystemObjectStorage storage =
          new FileSystemObjectStorage(db, dataDir.resolve("objects"), "bucket", Clock.systemUTC());
      List<ObjectInfo> listed = storage.listAll("");
      assertThat(listed).extracting(ObjectInfo::key).containsExactly("big/0", "big/1", "big/2", "big/3");

      for (ObjectInfo info : listed) {
        StoredObject object = storage.get(info.key()).orElseThrow();
        byte[] content = object.content();
        long seq = CrashChild.seqOf(content);
        assertThat(content).as(info.key()).isEqualTo(CrashChild.content(seq));
        assertThat(seq % 4).isEqualTo(Long.parseLong(info.key().substring(4)));
        assertThat(seq).isGreaterThanOrEqualTo(lastReported.get(info.key()));
        assertThat(object.info().etag()).isEqualTo(md5(content)).isEqualTo(info.etag());
        if (object.info().metadata().containsKey("seq")) {
          assertThat(object.info().metadata()).containsEntry("seq", Long.toString(seq));
        }
      }
      try (Stream<Path> temps = Files.list(dataDir.resolve("objects").resolve(FileSystemObjectStorage.TEMP_DIR))) {
        assertThat(temps).as("the dead writer's temp files are cleaned up on open").isEmpty();
      }
    }
  }

  private static String md5(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }
}
