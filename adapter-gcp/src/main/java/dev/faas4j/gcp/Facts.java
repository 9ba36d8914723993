package dev.faas4j.gcp;

import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Name/value pairs gathered while reading an event, turned into the immutable map an origin or event keeps without
 * a second copy ({@code Map.copyOf} keeps an immutable map as it is). Cheaper per event than a hash map that is
 * then copied; names are unique because JSON object members are.
 */
final class Facts {
  private String[] pairs;
  private int size;

  Facts(int expected) {
    this.pairs = new String[2 * expected];
  }

  void put(String name, String value) {
    if (size == pairs.length) {
      pairs = Arrays.copyOf(pairs, Math.max(4, 2 * pairs.length));
    }
    pairs[size++] = name;
    pairs[size++] = value;
  }

  @Nullable String get(String name) {
    for (int i = 0; i < size; i += 2) {
      if (pairs[i].equals(name)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /** The pairs as an immutable map: up to ten through {@code Map.of}, which needs no entry objects. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Map<String, String> toMap() {
    String[] p = pairs;
    switch (size / 2) {
      case 0: return Map.of();
      case 1: return Map.of(p[0], p[1]);
      case 2: return Map.of(p[0], p[1], p[2], p[3]);
      case 3: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5]);
      case 4: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
      case 5: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
      case 6: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
      case 7: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]);
      case 8: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
          p[14], p[15]);
      case 9: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
          p[14], p[15], p[16], p[17]);
      case 10: return Map.of(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
          p[14], p[15], p[16], p[17], p[18], p[19]);
      default:
        Map.Entry<String, String>[] entries = new Map.Entry[size / 2];
        for (int i = 0; i < entries.length; i++) {
          entries[i] = Map.entry(p[2 * i], p[2 * i + 1]);
        }
        return Map.ofEntries(entries);
    }
  }
}
