package dev.faas4j.port;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stored value with its version.
 *
 * @param version opaque; changes with every write of the key. Pass it to
 *     {@link KeyValueStore#compareAndSet} to update only what you read
 * @param expiresAt when the entry stops being visible, if it was written with a time-to-live
 */
public record KeyValueEntry(String key, byte[] value, long version, Optional<Instant> expiresAt) {

  public KeyValueEntry {
    Objects.requireNonNull(key, "key must not be null");
    value = Objects.requireNonNull(value, "value must not be null").clone();
    Objects.requireNonNull(expiresAt, "expiresAt must not be null");
  }

  /** A copy of the value. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value as UTF-8 text. */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * The value read as JSON (written with {@link dev.faas4j.Json#toBytes}).
   *
   * @throws KeyValueStoreException if it is not JSON or does not fit {@code type}: stored data that does not decode
   *     is the service's fault, not the caller's, so it is a server error (never a 400 or a dead-lettered event)
   */
  public <T> T json(Class<T> type) {
    try {
      return dev.faas4j.internal.Json.read(value, type, "Stored value of " + key);
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new KeyValueStoreException(PortException.Reason.UNKNOWN, e.getMessage(), e);
    }
  }

  /** As {@link #json(Class)} for a generic type: {@code json(new JsonType<List<Order>>() {})}. */
  public <T> T json(dev.faas4j.JsonType<T> type) {
    try {
      return dev.faas4j.internal.Json.read(value, type.type(), "Stored value of " + key);
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new KeyValueStoreException(PortException.Reason.UNKNOWN, e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof KeyValueEntry e && key.equals(e.key) && Arrays.equals(value, e.value)
        && version == e.version && expiresAt.equals(e.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), version, expiresAt);
  }

  @Override
  public String toString() {
    return "KeyValueEntry[" + key + ", v" + version + ", " + value.length + " bytes]";
  }
}
