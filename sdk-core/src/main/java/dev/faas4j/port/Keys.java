package dev.faas4j.port;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The portable rules for keys and metadata that every port implementation applies, so that code that works
 * locally cannot write a key that a cloud, or the local file system, would mishandle.
 */
public final class Keys {
  /** The longest object key, in UTF-8 bytes (S3 and GCS allow 1024). */
  public static final int MAX_OBJECT_KEY_BYTES = 1024;
  /** The longest key-value key, in UTF-8 bytes. */
  public static final int MAX_KV_KEY_BYTES = 512;
  /** The largest key-value value. */
  public static final int MAX_KV_VALUE_BYTES = 256 * 1024;
  /** The most metadata, names and values together (S3 allows 2 KB of user metadata). */
  public static final int MAX_METADATA_BYTES = 2048;

  private Keys() {}

  /**
   * Checks an object key: 1 to 1024 UTF-8 bytes; no control characters or backslash; no leading or trailing {@code /}; no
   * empty, {@code .} or {@code ..} segment, also after Unicode compatibility normalisation (so fullwidth dots or
   * slashes cannot smuggle one in).
   *
   * @throws ObjectStorageException with {@link PortException.Reason#INVALID_ARGUMENT}
   */
  public static String objectKey(String key) {
    if (key == null || key.isEmpty()) {
      throw invalidKey("Object key must not be empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_KEY_BYTES) {
      throw invalidKey("Object key is longer than " + MAX_OBJECT_KEY_BYTES + " UTF-8 bytes");
    }
    checkCharacters(key);
    String normalized = Normalizer.normalize(key, Normalizer.Form.NFKC);
    checkCharacters(normalized);
    for (String k : new String[] {key, normalized}) {
      if (k.startsWith("/")) {
        throw invalidKey("Object key must not start with '/'");
      }
      for (String segment : k.split("/", -1)) {
        if (segment.equals(".") || segment.equals("..")) {
          throw invalidKey("Object key must not contain a '.' or '..' segment");
        }
        if (segment.isEmpty()) {
          throw invalidKey("Object key must not contain an empty segment ('//' or a trailing '/')");
        }
      }
    }
    return key;
  }

  /**
   * Checks a key-value key: 1 to 512 UTF-8 bytes without control characters.
   *
   * @throws KeyValueStoreException with {@link PortException.Reason#INVALID_ARGUMENT}
   */
  public static String kvKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new KeyValueStoreException(PortException.Reason.INVALID_ARGUMENT, "Key must not be empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KV_KEY_BYTES) {
      throw new KeyValueStoreException(PortException.Reason.INVALID_ARGUMENT,
          "Key is longer than " + MAX_KV_KEY_BYTES + " UTF-8 bytes");
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        throw new KeyValueStoreException(PortException.Reason.INVALID_ARGUMENT,
            "Key contains a control character at index " + i);
      }
    }
    return key;
  }

  /**
   * Checks a key-value value's size.
   *
   * @throws KeyValueStoreException with {@link PortException.Reason#TOO_LARGE}
   */
  public static byte[] kvValue(byte[] value) {
    if (value == null) {
      throw new NullPointerException("value must not be null");
    }
    if (value.length > MAX_KV_VALUE_BYTES) {
      throw new KeyValueStoreException(PortException.Reason.TOO_LARGE,
          "Value has " + value.length + " bytes; the limit is " + MAX_KV_VALUE_BYTES);
    }
    return value;
  }

  /**
   * Checks a key-value write: the key, the value's size, and the time-to-live (null for none, else positive).
   *
   * @throws KeyValueStoreException with {@link PortException.Reason#INVALID_ARGUMENT} or
   *     {@link PortException.Reason#TOO_LARGE}
   */
  public static void kvWrite(String key, byte[] value, @Nullable Duration ttl) {
    kvKey(key);
    kvValue(value);
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new KeyValueStoreException(PortException.Reason.INVALID_ARGUMENT, "TTL must be positive; got " + ttl);
    }
  }

  /**
   * Checks that a message can be published to a topic: topics deliver at once, so a delay is refused.
   *
   * @throws MessagePublisherException with {@link PortException.Reason#INVALID_ARGUMENT}
   */
  public static OutgoingMessage publishable(OutgoingMessage message) {
    if (!message.delay().isZero()) {
      throw new MessagePublisherException(PortException.Reason.INVALID_ARGUMENT,
          "Topics deliver at once: a delay of " + message.delay() + " cannot be honoured");
    }
    return message;
  }

  /**
   * Checks object metadata: names of lower-case letters, digits and {@code _} starting with a letter (what S3,
   * GCS and Azure all keep intact), printable ASCII values, at most 2 KB in all.
   *
   * @throws ObjectStorageException with {@link PortException.Reason#INVALID_ARGUMENT}
   */
  public static Map<String, String> metadata(Map<String, String> metadata) {
    int total = 0;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      String name = e.getKey();
      if (name == null || !name.matches("[a-z][a-z0-9_]{0,127}")) {
        throw new ObjectStorageException(PortException.Reason.INVALID_ARGUMENT, "Metadata name '" + name
            + "' must be lower-case letters, digits and '_', starting with a letter");
      }
      String value = e.getValue();
      if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new ObjectStorageException(PortException.Reason.INVALID_ARGUMENT,
            "Metadata value of '" + name + "' must be printable ASCII");
      }
      total += name.length() + value.length();
    }
    if (total > MAX_METADATA_BYTES) {
      throw new ObjectStorageException(PortException.Reason.INVALID_ARGUMENT,
          "Metadata has " + total + " bytes; the limit is " + MAX_METADATA_BYTES);
    }
    return Map.copyOf(metadata);
  }

  private static void checkCharacters(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c) || c == '\\' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
        throw invalidKey("Object key contains a control character or backslash at index " + i);
      }
      if (Character.isHighSurrogate(c) && (i + 1 == key.length() || !Character.isLowSurrogate(key.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(key.charAt(i - 1)))) {
        throw invalidKey("Object key contains an unpaired surrogate at index " + i + " (not valid UTF-8)");
      }
    }
  }

  private static ObjectStorageException invalidKey(String message) {
    return new ObjectStorageException(PortException.Reason.INVALID_ARGUMENT, message);
  }
}
