package dev.faas4j.port.memory;

import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyValueStore} in memory. Versions come from one counter, so a version is never reused for a key even
 * after it expires or is deleted. Time comes from the given clock, so tests expire entries without waiting.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final String table;
  private final Clock clock;
  private final ConcurrentSkipListMap<String, KeyValueEntry> entries = new ConcurrentSkipListMap<>();
  private final AtomicLong versions = new AtomicLong();

  public InMemoryKeyValueStore(String table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  public InMemoryKeyValueStore(String table) {
    this(table, Clock.systemUTC());
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public Optional<KeyValueEntry> get(String key) {
    Keys.kvKey(key);
    return Optional.ofNullable(live(entries.get(key)));
  }

  @Override
  public long put(String key, byte[] value, @Nullable Duration ttl) {
    KeyValueEntry e = entry(key, value, ttl);
    entries.put(key, e);
    return e.version();
  }

  @Override
  public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    KeyValueEntry e = entry(key, value, ttl);
    // ConcurrentSkipListMap may apply the function more than once when writes race, so a flag set inside it can
    // be stale; the value compute returns is the one that was actually stored.
    KeyValueEntry stored = entries.compute(key, (k, old) -> live(old) != null ? old : e);
    return stored == e ? OptionalLong.of(e.version()) : OptionalLong.empty();
  }

  @Override
  public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
    KeyValueEntry e = entry(key, value, ttl);
    KeyValueEntry stored = entries.computeIfPresent(key,
        (k, old) -> live(old) == null || old.version() != expectedVersion ? old : e);
    return stored == e ? OptionalLong.of(e.version()) : OptionalLong.empty();
  }

  @Override
  public boolean delete(String key) {
    Keys.kvKey(key);
    KeyValueEntry old = entries.remove(key);
    return live(old) != null;
  }

  @Override
  public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new KeyValueStoreException(PortException.Reason.INVALID_ARGUMENT,
          "Page size must be 1 to 1000; got " + pageSize);
    }
    Map<String, KeyValueEntry> tail = pageToken == null
        ? entries.tailMap(prefix, true) : entries.tailMap(pageToken, false);
    List<KeyValueEntry> page = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, KeyValueEntry> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      KeyValueEntry live = live(e.getValue());
      if (live == null) {
        continue;
      }
      if (page.size() == pageSize) {
        return new KeyValuePage(page, Optional.of(last));
      }
      page.add(live);
      last = e.getKey();
    }
    return new KeyValuePage(page, Optional.empty());
  }

  private KeyValueEntry entry(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    Optional<Instant> expires = ttl == null ? Optional.empty() : Optional.of(clock.instant().plus(ttl));
    return new KeyValueEntry(key, value, versions.incrementAndGet(), expires);
  }

  private @Nullable KeyValueEntry live(@Nullable KeyValueEntry e) {
    if (e == null) {
      return null;
    }
    return e.expiresAt().isPresent() && !clock.instant().isBefore(e.expiresAt().get()) ? null : e;
  }
}
