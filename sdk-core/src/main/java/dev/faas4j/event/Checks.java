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
    notNull(map, name);
    noNullEntries(map, name);
    return Map.copyOf(map);
  }

  static void noNulls(Collection<?> values, String name) {
    notNull(values, name);
    for (Object v : values) {
      if (v == null) {
        throw new NullPointerException(name + " must not contain null");
      }
    }
  }

  static <V> Map<String, V> copyValues(Map<String, V> map, String name) {
    notNull(map, name);
    noNullEntries(map, name);
    return Map.copyOf(map);
  }

  /** A loop rather than {@code forEach}, whose capturing lambda is an allocation per event under C1. */
  private static void noNullEntries(Map<String, ?> map, String name) {
    if (map.isEmpty()) {
      return;
    }
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException(name + " must not contain null keys or values");
      }
    }
  }

  /** String attributes as typed text values, in one pass. */
  static Map<String, AttributeValue> texts(Map<String, String> map, String name) {
    notNull(map, name);
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<String, AttributeValue> out = new java.util.HashMap<>(map.size() * 2);
    map.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new NullPointerException(name + " must not contain null keys or values");
      }
      out.put(k, new AttributeValue.Text(v));
    });
    return out;
  }
}
