package dev.faas4j.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers.
 *
 * <p>Every platform differs here (API Gateway REST keeps the client's casing, HTTP APIs and Azure lower-case every
 * name, some join repeated values with commas): lookups are always case-insensitive, and values are kept as the
 * platform delivered them. Names keep the casing of their first occurrence.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(Map.of());

  /** Lower-cased name to (original name, values). */
  private final Map<String, Entry> entries;

  private record Entry(String name, List<String> values) {}

  /** {@link #asMap()}, built once: adapters write every response's headers through it. */
  private @Nullable Map<String, List<String>> byName;

  private Headers(Map<String, Entry> entries) {
    this.entries = entries;
  }

  public static Headers empty() {
    return EMPTY;
  }

  /** Headers from a map of names to values, e.g. an API Gateway {@code multiValueHeaders} object. */
  public static Headers of(Map<String, ? extends Collection<String>> map) {
    Builder b = builder();
    map.forEach((name, values) -> {
      if (values != null) {
        values.forEach(v -> b.add(name, v));
      }
    });
    return b.build();
  }

  /** Headers from name/value pairs: {@code Headers.of("Content-Type", "text/plain", "X-A", "1")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Headers.of needs name/value pairs; got an odd number of strings");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    entries.values().forEach(e -> e.values.forEach(v -> b.add(e.name, v)));
    return b;
  }

  /** The first value of the header, if present. */
  public Optional<String> first(String name) {
    Entry e = entries.get(key(name));
    return e == null ? Optional.empty() : Optional.of(e.values.get(0));
  }

  /** Every value of the header in arrival order; empty if absent. */
  public List<String> all(String name) {
    Entry e = entries.get(key(name));
    return e == null ? List.of() : e.values;
  }

  public boolean contains(String name) {
    return entries.containsKey(key(name));
  }

  /** Header names, in the casing of their first occurrence and in arrival order. */
  public Set<String> names() {
    Set<String> names = new java.util.LinkedHashSet<>();
    entries.values().forEach(e -> names.add(e.name));
    return Collections.unmodifiableSet(names);
  }

  /** An ordered, unmodifiable view keyed by the original names. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> m = byName;
    if (m == null) {
      Map<String, List<String>> map = new LinkedHashMap<>(entries.size() * 2);
      for (Entry e : entries.values()) {
        map.put(e.name, e.values);
      }
      m = Collections.unmodifiableMap(map);
      byName = m; // a benign race: the headers are immutable, every thread builds the same view
    }
    return m;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The number of distinct header names. */
  public int size() {
    return entries.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Names only: header values carry credentials and cookies, which must not reach logs. */
  @Override
  public String toString() {
    return "Headers" + names();
  }

  private static String key(String name) {
    // Every response sets Content-Type: its key is spelled out rather than lower-cased anew each time.
    return name.equals("Content-Type") ? "content-type" : name.toLowerCase(Locale.ROOT);
  }

  /** Collects headers; {@link #add} appends a value, {@link #set} replaces all values of a name. */
  public static final class Builder {
    private Map<String, Entry> entries = new LinkedHashMap<>();
    /** Set by build(), which hands its map to the Headers: the next change copies it first. */
    private boolean shared;

    private Builder() {}

    public Builder add(String name, String value) {
      unshare();
      checkName(name);
      Checks.notNull(value, "value of header " + name);
      String key = key(name);
      Entry e = entries.get(key);
      if (e == null) {
        // Most headers have one value: an immutable one-element list that build() keeps as it is.
        entries.put(key, new Entry(name, List.of(value)));
      } else if (e.values instanceof ArrayList<String> values) {
        values.add(value);
      } else {
        List<String> values = new ArrayList<>(e.values.size() + 2);
        values.addAll(e.values);
        values.add(value);
        entries.put(key, new Entry(e.name, values));
      }
      return this;
    }

    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    public Builder remove(String name) {
      unshare();
      entries.remove(key(name));
      return this;
    }

    public boolean contains(String name) {
      return entries.containsKey(key(name));
    }

    public Headers build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      // Hand the map over instead of copying it (a third of a small request's mapping cost); freeze the lists
      // that grew past one value (single values are immutable already).
      for (Map.Entry<String, Entry> m : entries.entrySet()) {
        if (m.getValue().values instanceof ArrayList) {
          m.setValue(new Entry(m.getValue().name, List.copyOf(m.getValue().values)));
        }
      }
      shared = true;
      return new Headers(Collections.unmodifiableMap(entries));
    }

    private void unshare() {
      if (shared) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries.size() * 2);
        copy.putAll(entries); // entries and their lists are immutable once built; add() replaces, never mutates
        entries = copy;
        shared = false;
      }
    }

    private static void checkName(String name) {
      Checks.notNull(name, "header name");
      if (name.isEmpty()) {
        throw new InvalidEventException("Header name must not be empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f || c == ':') {
          throw new InvalidEventException("Header name contains an illegal character at index " + i);
        }
      }
    }
  }
}
