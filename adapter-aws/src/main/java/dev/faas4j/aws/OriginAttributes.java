package dev.faas4j.aws;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code aws.<service>.<field>} attributes of one event's origin, collected as name/value pairs and made into
 * one immutable map: only the facts present, {@code Map.of()} when none, no intermediate hash map for the usual
 * handful.
 */
final class OriginAttributes {
  private String[] pairs = new String[16];
  private int n;

  /** Adds {@code name} when the platform delivered a value for it. */
  OriginAttributes put(String name, @Nullable String value) {
    if (value != null) {
      if (n == pairs.length) {
        pairs = java.util.Arrays.copyOf(pairs, n * 2);
      }
      pairs[n++] = name;
      pairs[n++] = value;
    }
    return this;
  }

  /** @throws dev.faas4j.event.InvalidEventException if two fields of the event gave the same name */
  Map<String, String> build() {
    try {
      return map();
    } catch (IllegalArgumentException e) {
      throw new dev.faas4j.event.InvalidEventException("Event has two fields that name the same origin attribute");
    }
  }

  private Map<String, String> map() {
    String[] p = pairs;
    return switch (n / 2) {
      case 0 -> Map.of();
      case 1 -> Map.of(p[0], p[1]);
      case 2 -> Map.of(p[0], p[1], p[2], p[3]);
      case 3 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5]);
      case 4 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
      case 5 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
      case 6 -> Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
      default -> {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < n; i += 2) {
          if (m.put(p[i], p[i + 1]) != null) {
            throw new IllegalArgumentException("duplicate");
          }
        }
        yield Map.copyOf(m);
      }
    };
  }
}
