package dev.faas4j.local.testkit.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ObjectStorage} shares. Extend it and return an empty bucket from {@link #newSubject()}. */
public abstract class ObjectStorageContract<T extends ObjectStorage> {

  /** Keys that no backend may accept: traversal, absolute, control characters, backslash, smuggled dots. */
  protected static final List<String> HOSTILE_KEYS = List.of(
      "../../etc/passwd", "a/../../x", "..", ".", "a/./b", "/abs", "/etc/passwd", "nul\u0000byte", "a\\b",
      "..\\..\\windows", "\uFF0E\uFF0E/x", "a/\uFF0E\uFF0E/b", "", "a//b", "trailing/", "line\nbreak");

  /** The store under test, from {@link #newSubject()}, fresh for each test. */
  protected T storage;

  /** An empty bucket. Called once before each test. */
  protected abstract T newSubject();

  /** The size of the large-object test; 5 MB. */
  protected int largeObjectBytes() {
    return 5 * 1024 * 1024;
  }

  @BeforeEach
  void createSubject() {
    storage = newSubject();
  }

  /**
   * Whether the backend evaluates a write's condition ({@code ifAbsent}, {@code ifMatch}) and the write as one
   * step, so that of many racing writers exactly one wins. Every production store does; override with
   * {@code false} only for an emulator known not to (and say which behaviour stays unverified).
   */
  protected boolean serializesConcurrentConditionalWrites() {
    return true;
  }

  @Test
  void putThenGetReturnsContentAndInfo() {
    ObjectInfo written = storage.put("docs/readme.txt", bytes("hello"));

    StoredObject read = storage.get("docs/readme.txt").orElseThrow();

    assertThat(read.text()).isEqualTo("hello");
    assertThat(read.info().key()).isEqualTo("docs/readme.txt");
    assertThat(read.info().size()).isEqualTo(5);
    assertThat(read.info().etag()).isEqualTo(written.etag()).isNotBlank();
  }

  @Test
  void headReturnsInfoOfWhatGetReturns() {
    storage.put("k", bytes("content"), PutOptions.contentType("text/plain").metadata("owner", "42"));

    ObjectInfo head = storage.head("k").orElseThrow();
    ObjectInfo got = storage.get("k").orElseThrow().info();

    assertThat(head.size()).isEqualTo(7);
    assertThat(head.etag()).isEqualTo(got.etag());
    assertThat(head.contentType()).isEqualTo(got.contentType());
    assertThat(head.metadata()).isEqualTo(got.metadata());
  }

  @Test
  void getAndHeadOfMissingKeyAreEmpty() {
    assertThat(storage.get("missing/key")).isEmpty();
    assertThat(storage.head("missing/key")).isEmpty();
  }

  @Test
  void deleteOfMissingKeyIsNotAnError() {
    storage.delete("missing/key");

    assertThat(storage.head("missing/key")).isEmpty();
  }

  @Test
  void deleteRemovesTheObject() {
    storage.put("a/b/c", bytes("x"));

    storage.delete("a/b/c");

    assertThat(storage.get("a/b/c")).isEmpty();
    assertThat(storage.listAll("")).isEmpty();
  }

  @Test
  void putReplacesContent() {
    storage.put("k", bytes("one"));
    storage.put("k", bytes("two"));

    assertThat(storage.get("k").orElseThrow().text()).isEqualTo("two");
  }

  @Test
  void emptyObjectRoundTrips() {
    storage.put("empty", new byte[0]);

    StoredObject read = storage.get("empty").orElseThrow();
    assertThat(read.content()).isEmpty();
    assertThat(read.info().size()).isZero();
  }

  @Test
  void etagChangesWithContent() {
    String first = storage.put("k", bytes("one")).etag();
    String second = storage.put("k", bytes("two")).etag();

    assertThat(second).isNotEqualTo(first);
    assertThat(storage.head("k").orElseThrow().etag()).isEqualTo(second);
  }

  @Test
  void contentTypeAndMetadataRoundTrip() {
    storage.put("data.json", bytes("{}"),
        PutOptions.contentType("application/json").metadata("owner", "42").metadata("source_system", "crm v2"));

    ObjectInfo info = storage.head("data.json").orElseThrow();

    assertThat(info.contentType()).contains("application/json");
    assertThat(info.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "42", "source_system", "crm v2"));
  }

  @Test
  void rewriteReplacesMetadata() {
    storage.put("k", bytes("1"), PutOptions.defaults().metadata("a", "1"));
    storage.put("k", bytes("2"), PutOptions.defaults().metadata("b", "2"));

    assertThat(storage.head("k").orElseThrow().metadata()).containsExactlyEntriesOf(Map.of("b", "2"));
  }

  @Test
  void ifAbsentWritesWhenKeyIsMissing() {
    storage.put("k", bytes("first"), PutOptions.defaults().ifAbsent());

    assertThat(storage.get("k").orElseThrow().text()).isEqualTo("first");
  }

  @Test
  void ifAbsentFailsWithConflictWhenObjectExists() {
    storage.put("k", bytes("first"));

    assertConflict(() -> storage.put("k", bytes("second"), PutOptions.defaults().ifAbsent()));
    assertThat(storage.get("k").orElseThrow().text()).isEqualTo("first");
  }

  @Test
  void ifMatchWithCurrentEtagWrites() {
    String etag = storage.put("k", bytes("one")).etag();

    ObjectInfo written = storage.put("k", bytes("two"), PutOptions.defaults().ifMatch(etag));

    assertThat(written.etag()).isNotEqualTo(etag);
    assertThat(storage.get("k").orElseThrow().text()).isEqualTo("two");
  }

  @Test
  void ifMatchWithStaleEtagFailsWithConflict() {
    String stale = storage.put("k", bytes("one")).etag();
    storage.put("k", bytes("two"));

    assertConflict(() -> storage.put("k", bytes("three"), PutOptions.defaults().ifMatch(stale)));
    assertThat(storage.get("k").orElseThrow().text()).isEqualTo("two");
  }

  @Test
  void ifMatchOnMissingKeyFailsWithConflict() {
    String etag = storage.put("other", bytes("x")).etag();

    assertConflict(() -> storage.put("missing", bytes("x"), PutOptions.defaults().ifMatch(etag)));
    assertThat(storage.head("missing")).isEmpty();
  }

  @Test
  void concurrentIfAbsentHasExactlyOneWinner() throws Exception {
    assumeTrue(serializesConcurrentConditionalWrites(), "the backend does not serialise concurrent conditional writes");
    List<Boolean> won = Concurrently.run(16, i -> () -> conditionalPut("race", "writer-" + i,
        PutOptions.defaults().ifAbsent()));

    int winner = won.indexOf(true);
    assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
    assertThat(storage.get("race").orElseThrow().text()).isEqualTo("writer-" + winner);
  }

  @Test
  void concurrentIfMatchHasExactlyOneWinner() throws Exception {
    assumeTrue(serializesConcurrentConditionalWrites(), "the backend does not serialise concurrent conditional writes");
    String etag = storage.put("race", bytes("start")).etag();

    List<Boolean> won = Concurrently.run(16, i -> () -> conditionalPut("race", "writer-" + i,
        PutOptions.defaults().ifMatch(etag)));

    int winner = won.indexOf(true);
    assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
    assertThat(storage.get("race").orElseThrow().text()).isEqualTo("writer-" + winner);
  }

  @Test
  void listPagesThroughAllObjectsInKeyOrder() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String key = String.format("page/%03d.txt", i);
      expected.add(key);
      storage.put(key, bytes("v" + i));
    }

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      ObjectPage page = storage.list("page/", token, 10);
      sizes.add(page.objects().size());
      page.objects().forEach(o -> seen.add(o.key()));
      token = page.nextPageToken().orElse(null);
    } while (token != null && sizes.size() <= 25);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(sizes.get(0)).isEqualTo(10);
    assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
  }

  @Test
  void listReportsSizeAndEtag() {
    ObjectInfo written = storage.put("dir/file.bin", new byte[] {1, 2, 3});

    assertThat(storage.listAll("dir/")).singleElement().satisfies(info -> {
      assertThat(info.key()).isEqualTo("dir/file.bin");
      assertThat(info.size()).isEqualTo(3);
      assertThat(info.etag()).isEqualTo(written.etag());
    });
  }

  @Test
  void listPrefixMatchesOnlyKeysStartingWithIt() {
    for (String key : List.of("a/1", "a/2", "a/sub/3", "ab", "abc/d", "b", "a0")) {
      storage.put(key, bytes(key));
    }

    assertThat(keys(storage.listAll("a/"))).containsExactly("a/1", "a/2", "a/sub/3");
    assertThat(keys(storage.listAll("ab"))).containsExactly("ab", "abc/d");
    assertThat(keys(storage.listAll("a"))).containsExactly("a/1", "a/2", "a/sub/3", "a0", "ab", "abc/d");
    assertThat(keys(storage.listAll("a/s"))).containsExactly("a/sub/3");
    assertThat(keys(storage.listAll("zzz/"))).isEmpty();
    assertThat(keys(storage.listAll(""))).hasSize(7);
  }

  @Test
  void listRefusesPageSizeOutsideOneToThousand() {
    assertThatThrownBy(() -> storage.list("", null, 0)).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    assertThatThrownBy(() -> storage.list("", null, 1001)).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void largeObjectRoundTrips() {
    byte[] content = new byte[largeObjectBytes()];
    new Random(7).nextBytes(content);

    ObjectInfo written = storage.put("large/blob.bin", content);

    assertThat(written.size()).isEqualTo(content.length);
    assertThat(storage.get("large/blob.bin").orElseThrow().content()).isEqualTo(content);
  }

  @Test
  void unicodeKeysRoundTripAndAreListedAsWritten() {
    storage.put("fotos/café ☕.jpg", bytes("coffee"), PutOptions.contentType("image/jpeg"));
    storage.put("ключ/ü", bytes("cyrillic"));

    assertThat(storage.get("fotos/café ☕.jpg").orElseThrow().text()).isEqualTo("coffee");
    assertThat(storage.get("ключ/ü").orElseThrow().text()).isEqualTo("cyrillic");
    assertThat(keys(storage.listAll("fotos/"))).containsExactly("fotos/café ☕.jpg");
    assertThat(keys(storage.listAll("ключ/"))).containsExactly("ключ/ü");
  }

  @Test
  void unusualButValidKeysRoundTrip() {
    List<String> keys = List.of("with space.txt", "percent%2Fencoded", "plus+sign", "hash#tag", "dots.in.name",
        ".hidden", "a/..b/c..", "equals=and,comma;");
    for (String key : keys) {
      storage.put(key, bytes(key));
    }

    for (String key : keys) {
      assertThat(storage.get(key).orElseThrow().text()).as(key).isEqualTo(key);
    }
    assertThat(keys(storage.listAll(""))).containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void hostileKeysAreRefusedAsInvalidArgument() {
    for (String key : HOSTILE_KEYS) {
      assertInvalid(key, () -> storage.put(key, bytes("x")));
      assertInvalid(key, () -> storage.get(key));
      assertInvalid(key, () -> storage.head(key));
      assertInvalid(key, () -> storage.delete(key));
    }
    assertThat(storage.listAll("")).isEmpty();
  }

  /** Whether a conditional put won; a CONFLICT is a loss, anything else fails the test. */
  private boolean conditionalPut(String key, String text, PutOptions options) {
    try {
      storage.put(key, bytes(text), options);
      return true;
    } catch (ObjectStorageException e) {
      if (e.reason() != Reason.CONFLICT) {
        throw e;
      }
      return false;
    }
  }

  private static void assertConflict(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
  }

  private static void assertInvalid(String key, ThrowingCallable call) {
    assertThatThrownBy(call).as("key %s", key.replace("\u0000", "\\0").replace("\n", "\\n"))
        .isInstanceOfSatisfying(ObjectStorageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  private static List<String> keys(List<ObjectInfo> infos) {
    return infos.stream().map(ObjectInfo::key).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
