package dev.faas4j.local.testkit.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyValueStore} shares. Extend it, return an empty table from {@link #newSubject()}, and
 * override {@link #clock()} and {@link #advanceTime} when the store takes an injectable clock.
 */
public abstract class KeyValueStoreContract<T extends KeyValueStore> {

  /** The store under test, from {@link #newSubject()}, fresh for each test. */
  protected T store;

  /** An empty table. Called once before each test. */
  protected abstract T newSubject();

  /** The clock the store reads; the default is the system clock. */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  /** Lets {@code amount} of the store's time pass. The default really waits, plus a margin for clock skew. */
  protected void advanceTime(Duration amount) throws InterruptedException {
    Thread.sleep(amount.plusMillis(250).toMillis());
  }

  /** The time-to-live that expiry tests use: short, since backends without a manual clock really wait for it. */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /** How many entries a test writes to cross page boundaries; 25 with pages of 10. */
  protected int pagingEntries() {
    return 25;
  }

  @BeforeEach
  void createSubject() {
    store = newSubject();
  }

  @Test
  void putThenGetReturnsValueAndVersion() {
    long version = store.put("user/1", bytes("alice"));

    Optional<KeyValueEntry> entry = store.get("user/1");

    assertThat(entry).isPresent();
    assertThat(entry.get().key()).isEqualTo("user/1");
    assertThat(entry.get().text()).isEqualTo("alice");
    assertThat(entry.get().version()).isEqualTo(version);
    assertThat(entry.get().expiresAt()).isEmpty();
  }

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(store.get("missing")).isEmpty();
  }

  @Test
  void deleteOfMissingKeyReturnsFalse() {
    assertThat(store.delete("missing")).isFalse();
  }

  @Test
  void deleteRemovesLiveEntryAndReportsIt() {
    store.put("k", bytes("v"));

    assertThat(store.delete("k")).isTrue();
    assertThat(store.get("k")).isEmpty();
    assertThat(store.delete("k")).isFalse();
  }

  @Test
  void putReplacesValue() {
    store.put("k", bytes("one"));
    store.put("k", bytes("two"));

    assertThat(store.get("k")).map(KeyValueEntry::text).contains("two");
  }

  @Test
  void emptyValueRoundTrips() {
    store.put("empty", new byte[0]);

    assertThat(store.get("empty")).map(KeyValueEntry::value).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void binaryValueRoundTripsExactly() {
    byte[] value = new byte[256];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    store.put("binary", value);

    assertThat(store.get("binary").orElseThrow().value()).isEqualTo(value);
  }

  @Test
  void versionChangesOnEveryWriteAndIsNeverReused() {
    Set<Long> versions = new HashSet<>();
    versions.add(store.put("k", bytes("1")));
    versions.add(store.put("k", bytes("2")));
    long current = store.get("k").orElseThrow().version();
    versions.add(store.compareAndSet("k", current, bytes("3"), null).orElseThrow());
    store.delete("k");
    versions.add(store.putIfAbsent("k", bytes("4"), null).orElseThrow());
    versions.add(store.put("other", bytes("5")));

    assertThat(versions).hasSize(5);
  }

  @Test
  void putIfAbsentWritesWhenKeyIsMissing() {
    OptionalLong version = store.putIfAbsent("k", bytes("first"), null);

    assertThat(version).isPresent();
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(version.getAsLong());
  }

  @Test
  void putIfAbsentLeavesLiveEntryAlone() {
    store.put("k", bytes("first"));

    assertThat(store.putIfAbsent("k", bytes("second"), null)).isEmpty();
    assertThat(store.get("k")).map(KeyValueEntry::text).contains("first");
  }

  @Test
  void compareAndSetWithCurrentVersionWrites() {
    long v1 = store.put("k", bytes("one"));

    OptionalLong v2 = store.compareAndSet("k", v1, bytes("two"), null);

    assertThat(v2).isPresent();
    assertThat(v2.getAsLong()).isNotEqualTo(v1);
    assertThat(store.get("k").orElseThrow().version()).isEqualTo(v2.getAsLong());
    assertThat(store.get("k")).map(KeyValueEntry::text).contains("two");
  }

  @Test
  void compareAndSetWithStaleVersionFailsAndKeepsValue() {
    long v1 = store.put("k", bytes("one"));
    store.put("k", bytes("two"));

    assertThat(store.compareAndSet("k", v1, bytes("three"), null)).isEmpty();
    assertThat(store.get("k")).map(KeyValueEntry::text).contains("two");
  }

  @Test
  void compareAndSetOnMissingKeyFails() {
    long v = store.put("other", bytes("x"));

    assertThat(store.compareAndSet("missing", v, bytes("y"), null)).isEmpty();
    assertThat(store.get("missing")).isEmpty();
  }

  @Test
  void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
    List<OptionalLong> results = Concurrently.run(16,
        i -> () -> store.putIfAbsent("race", bytes("writer-" + i), null));

    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).isPresent()) {
        winners.add(i);
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(store.get("race")).map(KeyValueEntry::text).contains("writer-" + winners.get(0));
  }

  @Test
  void concurrentCompareAndSetHasExactlyOneWinner() throws Exception {
    long start = store.put("race", bytes("start"));

    List<OptionalLong> results = Concurrently.run(16,
        i -> () -> store.compareAndSet("race", start, bytes("writer-" + i), null));

    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).isPresent()) {
        winners.add(i);
      }
    }
    assertThat(winners).hasSize(1);
    KeyValueEntry entry = store.get("race").orElseThrow();
    assertThat(entry.text()).isEqualTo("writer-" + winners.get(0));
    assertThat(entry.version()).isEqualTo(results.get(winners.get(0)).getAsLong());
  }

  @Test
  void scanPagesThroughAllEntriesInKeyOrder() {
    int n = pagingEntries();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = String.format("page/%03d", i);
      expected.add(key);
      store.put(key, bytes("v" + i));
    }

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = null;
    do {
      KeyValuePage page = store.scan("page/", token, 10);
      pageSizes.add(page.entries().size());
      page.entries().forEach(e -> seen.add(e.key()));
      token = page.nextPageToken().orElse(null);
    } while (token != null && pageSizes.size() <= n);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
    assertThat(pageSizes.get(0)).isEqualTo(10);
  }

  @Test
  void scanReturnsValuesAndVersions() {
    long version = store.put("s/1", bytes("one"));

    KeyValuePage page = store.scan("s/", null, 10);

    assertThat(page.entries()).singleElement().satisfies(e -> {
      assertThat(e.text()).isEqualTo("one");
      assertThat(e.version()).isEqualTo(version);
    });
    assertThat(page.nextPageToken()).isEmpty();
  }

  @Test
  void scanPrefixMatchesOnlyKeysStartingWithIt() {
    for (String key : List.of("a", "a/1", "a/2", "ab", "abc/d", "b", "a0")) {
      store.put(key, bytes(key));
    }

    assertThat(keys(store.scan("a/", null, 100))).containsExactly("a/1", "a/2");
    assertThat(keys(store.scan("ab", null, 100))).containsExactly("ab", "abc/d");
    assertThat(keys(store.scan("a", null, 100))).containsExactly("a", "a/1", "a/2", "a0", "ab", "abc/d");
    assertThat(keys(store.scan("zzz", null, 100))).isEmpty();
  }

  @Test
  void scanWithEmptyPrefixReturnsEverything() {
    store.put("x", bytes("1"));
    store.put("y", bytes("2"));

    assertThat(keys(store.scan("", null, 100))).containsExactly("x", "y");
  }

  @Test
  void scanRefusesPageSizeOutsideOneToThousand() {
    assertThatThrownBy(() -> store.scan("", null, 0)).isInstanceOfSatisfying(KeyValueStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    assertThatThrownBy(() -> store.scan("", null, 1001)).isInstanceOfSatisfying(KeyValueStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void largestAllowedValueRoundTrips() {
    byte[] value = new byte[Keys.MAX_KV_VALUE_BYTES];
    new Random(42).nextBytes(value);

    store.put("large", value);

    assertThat(store.get("large").orElseThrow().value()).isEqualTo(value);
  }

  @Test
  void valueOverTheLimitIsRefusedAsTooLarge() {
    byte[] value = new byte[Keys.MAX_KV_VALUE_BYTES + 1];

    assertThatThrownBy(() -> store.put("large", value)).isInstanceOfSatisfying(KeyValueStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThatThrownBy(() -> store.putIfAbsent("large", value, null))
        .isInstanceOfSatisfying(KeyValueStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(store.get("large")).isEmpty();
  }

  @Test
  void unicodeKeysRoundTripAndScan() {
    store.put("ключ/ü", bytes("cyrillic"));
    store.put("fotos/café ☕", bytes("coffee"));
    store.put("emoji/😀", bytes("smile"));

    assertThat(store.get("ключ/ü")).map(KeyValueEntry::text).contains("cyrillic");
    assertThat(store.get("fotos/café ☕")).map(KeyValueEntry::text).contains("coffee");
    assertThat(store.get("emoji/😀")).map(KeyValueEntry::text).contains("smile");
    assertThat(keys(store.scan("ключ/", null, 10))).containsExactly("ключ/ü");
  }

  @Test
  void invalidKeysAreRefusedAsInvalidArgument() {
    List<String> invalid = List.of("", "nul\u0000byte", "line\nbreak", "x".repeat(Keys.MAX_KV_KEY_BYTES + 1));
    for (String key : invalid) {
      assertThatThrownBy(() -> store.put(key, bytes("v"))).as("put %s", key)
          .isInstanceOfSatisfying(KeyValueStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
      assertThatThrownBy(() -> store.get(key)).as("get %s", key)
          .isInstanceOfSatisfying(KeyValueStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    }
  }

  @Test
  void nonPositiveTtlIsRefused() {
    assertThatThrownBy(() -> store.put("k", bytes("v"), Duration.ZERO))
        .isInstanceOfSatisfying(KeyValueStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    assertThatThrownBy(() -> store.put("k", bytes("v"), Duration.ofSeconds(-1)))
        .isInstanceOf(KeyValueStoreException.class);
  }

  @Test
  void entryWithTtlReportsItsExpiryAndIsLiveUntilThen() {
    Instant before = clock().instant();
    store.put("session", bytes("s"), Duration.ofHours(1));
    Instant after = clock().instant();

    Instant expiresAt = store.get("session").orElseThrow().expiresAt().orElseThrow();

    // backends may keep the expiry to the second (DynamoDB does)
    assertThat(expiresAt).isBetween(before.plus(Duration.ofHours(1)).minusSeconds(1),
        after.plus(Duration.ofHours(1)).plusSeconds(1));
  }

  @Test
  void expiredEntryIsAbsentEverywhere() throws InterruptedException {
    long version = store.put("ttl/short", bytes("gone soon"), shortTtl());
    store.put("ttl/long", bytes("stays"), Duration.ofHours(1));

    advanceTime(shortTtl());

    assertThat(store.get("ttl/short")).isEmpty();
    assertThat(keys(store.scan("ttl/", null, 10))).containsExactly("ttl/long");
    assertThat(store.compareAndSet("ttl/short", version, bytes("revived"), null)).isEmpty();
    assertThat(store.delete("ttl/short")).isFalse();
    assertThat(store.get("ttl/long")).map(KeyValueEntry::text).contains("stays");
  }

  @Test
  void putIfAbsentSucceedsAgainAfterExpiry() throws InterruptedException {
    long first = store.putIfAbsent("lock", bytes("owner-1"), shortTtl()).orElseThrow();
    assertThat(store.putIfAbsent("lock", bytes("owner-2"), shortTtl())).isEmpty();

    advanceTime(shortTtl());

    OptionalLong second = store.putIfAbsent("lock", bytes("owner-3"), null);
    assertThat(second).isPresent();
    assertThat(second.getAsLong()).isNotEqualTo(first);
    assertThat(store.get("lock")).map(KeyValueEntry::text).contains("owner-3");
  }

  @Test
  void putWithoutTtlClearsAnEarlierTtl() throws InterruptedException {
    store.put("k", bytes("temporary"), shortTtl());
    store.put("k", bytes("permanent"));

    advanceTime(shortTtl());

    assertThat(store.get("k")).hasValueSatisfying(e -> {
      assertThat(e.text()).isEqualTo("permanent");
      assertThat(e.expiresAt()).isEmpty();
    });
  }

  private static List<String> keys(KeyValuePage page) {
    return page.entries().stream().map(KeyValueEntry::key).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
