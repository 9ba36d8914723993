package dev.faas4j.port;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A table of byte values by string key (DynamoDB, Firestore, Azure Table Storage, the embedded local store, memory),
 * with versions for optimistic concurrency and optional time-to-live.
 *
 * <p>An expired entry is absent for every method at once, even where the backend deletes it later (DynamoDB's TTL
 * deletion lags by up to days). Keys follow {@link Keys#kvKey}; values hold at most {@link Keys#MAX_KV_VALUE_BYTES}.
 * Every method may throw {@link KeyValueStoreException}.
 */
public interface KeyValueStore {

  /** The table this store reads and writes. */
  String table();

  /** The live entry under {@code key}; empty if there is none or it expired. */
  Optional<KeyValueEntry> get(String key);

  /**
   * Writes unconditionally.
   *
   * @param ttl how long the entry lives; null for ever
   * @return the new version
   */
  long put(String key, byte[] value, @Nullable Duration ttl);

  default long put(String key, byte[] value) {
    return put(key, value, null);
  }

  /**
   * Writes only if there is no live entry under {@code key}.
   *
   * @return the new version if written; empty if a live entry exists
   */
  OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl);

  /**
   * Writes only if the live entry under {@code key} has {@code expectedVersion}.
   *
   * @return the new version if written; empty if the entry is missing, expired or has another version
   */
  OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl);

  /**
   * Deletes the entry.
   *
   * @return whether a live entry was deleted
   */
  boolean delete(String key);

  /**
   * One page of the live entries whose keys start with {@code prefix}, in key order.
   *
   * @param pageToken from the previous page, or null for the first
   * @param pageSize the most entries to return, 1 to 1000
   */
  KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize);
}
