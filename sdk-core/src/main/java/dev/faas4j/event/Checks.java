package dev.faas4j.event;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Argument checks shared by the event records; messages name the argument. */
final class Checks {
  private Checks() {}

  /** A plain check: a message supplier would be a capturing lambda allocated on every call (C1 keeps it). */
  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new InvalidEventException(name + " must not be blank");
    }
    return value;
  }

  static <T> Optional<T> optional(Optional<T> value, String name) {
    return notNull(value, name);
  }

  static Map<String, String> copy(Map<String, String> map, String name) {
    return copyValues(map, name);
  }

  static void noNulls(Collection<?> values, String name) {
    notNull(values, name);
    for (Object v : values) {
      if (v == null) {
        throw new NullPointerException(name + " must not contain null");
      }
    }
  }

  /**
   * An immutable copy; one already immutable is kept as it is, without a walk over its entries per event (the
   * copy rejects null keys and values itself: its exception only gets our message).
   */
  static <V> Map<String, V> copyValues(Map<String, V> map, String name) {
    notNull(map, name);
    try {
      return Map.copyOf(map);
    } catch (NullPointerException e) {
      throw new NullPointerException(name + " must not contain null keys or values");
    }
  }

  /** String attributes as typed text values, in one pass. */
  static Map<String, AttributeValue> texts(Map<String, String> map, String name) {
    notNull(map, name);
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<String, AttributeValue> out = new java.util.HashMap<>(map.size() * 2);
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException(name + " must not contain null keys or values");
      }
      out.put(e.getKey(), new AttributeValue.Text(e.getValue()));
    }
    return out;
  }
}
