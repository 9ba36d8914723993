package dev.faas4j.event;

import java.util.AbstractMap;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers.
 *
 * <p>Every platform differs here (API Gateway REST keeps the client's casing, HTTP APIs and Azure lower-case every
 * name, some join repeated values with commas): lookups are always case-insensitive, and values are kept as the
 * platform delivered them. Names keep the casing of their first occurrence.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new String[0], newEntries(0), 0, null);
  /** Above this many names a lookup goes through a hash index; below it a scan of the names is faster. */
  private static final int INDEXED = 16;

  /**
   * Lower-cased names, and at the same position (original name, values), in arrival order. Arrays, not a linked map:
   * a request's dozen headers cost a few objects instead of four per header, and a lookup is a short scan. The
   * arrays are the builder's (it copies them before changing anything after build()), so only {@code size} count.
   */
  private final String[] keys;
  private final Map.Entry<String, List<String>>[] entries;
  private final int size;
  /** Lower-cased name to position, for many headers only; null otherwise. */
  private final @Nullable Map<String, Integer> index;

  /** {@link #asMap()}, made once: adapters write every response's headers through it. */
  private @Nullable Map<String, List<String>> byName;
  /**
   * Of headers made by {@link #view}, the platform's map, whose entries are made when first read; of headers made by
   * {@link #lazy}, their reader; else null.
   */
  private final @Nullable Object source;
  private volatile @Nullable Headers read;

  private Headers(String[] keys, Map.Entry<String, List<String>>[] entries, int size,
      @Nullable Map<String, Integer> index) {
    this(keys, entries, size, index, null);
  }

  private Headers(Object source) {
    this(EMPTY.keys, EMPTY.entries, 0, null, source);
  }

  private Headers(String[] keys, Map.Entry<String, List<String>>[] entries, int size,
      @Nullable Map<String, Integer> index, @Nullable Object source) {
    this.keys = keys;
    this.entries = entries;
    this.size = size;
    this.index = index;
    this.source = source;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map.Entry<String, List<String>>[] newEntries(int n) {
    return new Map.Entry[n];
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

  /**
   * Headers over a platform's own map of names to one value each (the Azure worker's request headers), whose names
   * are checked now and whose entries are made when first read: a request whose function never reads its headers
   * does not pay for a copy. The map is kept, not copied, so the caller must not change it afterwards; null names or
   * values are skipped, as {@link #of(Map)} skips absent values.
   *
   * @throws InvalidEventException if a name is empty or holds a character a header name cannot
   */
  public static Headers view(Map<String, String> map) {
    if (map.isEmpty()) {
      return EMPTY;
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        Builder.checkedKey(e.getKey());
      }
    }
    return new Headers(map);
  }

  /**
   * Headers a platform delivered whose names are checked now, as {@link Builder#add} checks them, and which
   * {@code reader} makes when they are first read (called at most once, possibly on another thread): for an entry
   * point that maps a request without decoding its header values, which most functions never read. The reader must
   * not throw, and gives headers with these names (and any it adds, such as a {@code Cookie} it joins). For
   * adapters; a function builds headers with {@link #builder()}.
   *
   * @throws InvalidEventException if a name is empty or holds a character a header name cannot
   */
  public static Headers lazy(String[] names, Supplier<Headers> reader) {
    for (String name : names) {
      Builder.checkedKey(name);
    }
    return new Headers(Checks.notNull(reader, "reader"));
  }

  /** These headers, or for a {@link #view} or {@link #lazy} ones the headers they hold, made on first use. */
  @SuppressWarnings("unchecked")
  private Headers full() {
    Object s = source;
    if (s == null) {
      return this;
    }
    Headers h = read;
    if (h == null) {
      if (s instanceof Supplier<?> reader) {
        synchronized (reader) { // at most once (a reader may parse, or read its platform's bytes again); not on
          // this, which the function holds and may lock itself
          h = read;
          if (h == null) {
            h = Checks.notNull(((Supplier<Headers>) reader).get(), "headers").full();
            read = h;
          }
        }
        return h;
      }
      Builder b = builder();
      ((Map<String, String>) s).forEach((name, value) -> {
        if (name != null && value != null) {
          b.add(name, value);
        }
      });
      h = b.build();
      read = h; // a benign race: every thread makes the same immutable headers
    }
    return h;
  }

  public Builder toBuilder() {
    if (source != null) {
      return full().toBuilder();
    }
    Builder b = new Builder();
    for (int i = 0; i < size; i++) {
      for (String v : entries[i].getValue()) {
        b.add(entries[i].getKey(), v);
      }
    }
    return b;
  }

  /** The first value of the header, if present. */
  public Optional<String> first(String name) {
    if (source != null) {
      return full().first(name);
    }
    int i = find(keys, size, index, key(name));
    return i < 0 ? Optional.empty() : Optional.of(entries[i].getValue().get(0));
  }

  /** Every value of the header in arrival order; empty if absent. */
  public List<String> all(String name) {
    if (source != null) {
      return full().all(name);
    }
    int i = find(keys, size, index, key(name));
    return i < 0 ? List.of() : entries[i].getValue();
  }

  public boolean contains(String name) {
    if (source != null) {
      return full().contains(name);
    }
    return find(keys, size, index, key(name)) >= 0;
  }

  /** Header names, in the casing of their first occurrence and in arrival order. */
  public Set<String> names() {
    if (source != null) {
      return full().names();
    }
    Set<String> names = new java.util.LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      names.add(entries[i].getKey());
    }
    return Collections.unmodifiableSet(names);
  }

  /** An ordered, unmodifiable view keyed by the original names. */
  public Map<String, List<String>> asMap() {
    if (source != null) {
      return full().asMap();
    }
    Map<String, List<String>> m = byName;
    if (m == null) {
      m = new View();
      byName = m; // a benign race: the headers are immutable, every view is the same
    }
    return m;
  }

  public boolean isEmpty() {
    return source != null ? full().isEmpty() : size == 0;
  }

  /** The number of distinct header names. */
  public int size() {
    return source != null ? full().size() : size;
  }

  /** Equal when the same names (ignoring case) have the same original names and values, in any order. */
  @Override
  public boolean equals(Object o) {
    if (source != null) {
      return full().equals(o);
    }
    if (!(o instanceof Headers other)) {
      return false;
    }
    Headers h = other.full();
    if (h.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      int j = find(h.keys, h.size, h.index, keys[i]);
      if (j < 0 || !h.entries[j].equals(entries[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    if (source != null) {
      return full().hashCode();
    }
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += keys[i].hashCode() ^ entries[i].hashCode();
    }
    return h;
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

  private static int find(String[] keys, int size, @Nullable Map<String, Integer> index, String key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    // Lengths first: length() is inlined even without C2, where hashCode() and equals() are calls per name, and
    // names of one request mostly differ in length (equals() then stops at the first differing character).
    int length = key.length();
    for (int i = 0; i < size; i++) {
      String k = keys[i];
      if (k == key || k.length() == length && k.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** {@link #asMap()}: iterates the entries as they are, without copying them into a map. */
  private final class View extends AbstractMap<String, List<String>> {
    /** Made once with the view: adapters iterate every response's headers through it. */
    private final Set<Map.Entry<String, List<String>>> entrySet = new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, List<String>>> iterator() {
        return new Entries(); // one object, where a sub-list's iterator made four (costly without C2)
      }

      @Override
      public int size() {
        return size;
      }
    };

    @Override
    public Set<Map.Entry<String, List<String>>> entrySet() {
      return entrySet;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
      for (int i = 0; i < size; i++) {
        action.accept(entries[i].getKey(), entries[i].getValue());
      }
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** The entries in order; they are immutable, and it cannot remove. */
  private final class Entries implements Iterator<Map.Entry<String, List<String>>> {
    private int next;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, List<String>> next() {
      if (next >= size) {
        throw new java.util.NoSuchElementException();
      }
      return entries[next++];
    }
  }

  /** Collects headers; {@link #add} appends a value, {@link #set} replaces all values of a name. */
  public static final class Builder {
    private String[] keys = EMPTY.keys;
    private Map.Entry<String, List<String>>[] entries = EMPTY.entries;
    private int size;
    private @Nullable Map<String, Integer> index;
    /** Set by build(), which hands its arrays to the headers: the next change copies them first. */
    private boolean shared;

    private Builder() {}

    public Builder add(String name, String value) {
      unshare();
      String key = checkedKey(name);
      if (value == null) {
        throw new NullPointerException("value of header " + name + " must not be null"); // no message built per call
      }
      int i = find(keys, size, index, key);
      if (i < 0) {
        if (size == keys.length) {
          grow(Math.max(8, size * 2));
        }
        keys[size] = key;
        // Most headers have one value: an immutable one-element list that build() keeps as it is.
        entries[size] = new SimpleImmutableEntry<>(name, List.of(value));
        size++;
        if (index != null) {
          index.put(key, size - 1);
        } else if (size > INDEXED) {
          reindex();
        }
      } else if (entries[i].getValue() instanceof ArrayList<String> values) {
        values.add(value);
      } else {
        List<String> values = new ArrayList<>(entries[i].getValue().size() + 2);
        values.addAll(entries[i].getValue());
        values.add(value);
        entries[i] = new SimpleImmutableEntry<>(entries[i].getKey(), values);
      }
      return this;
    }

    /** New arrays copied by hand: {@code Arrays.copyOf} creates them reflectively, slow without C2. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void grow(int capacity) {
      String[] k = new String[capacity];
      Map.Entry<String, List<String>>[] e = new Map.Entry[capacity];
      System.arraycopy(keys, 0, k, 0, size);
      System.arraycopy(entries, 0, e, 0, size);
      keys = k;
      entries = e;
    }

    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    public Builder remove(String name) {
      unshare();
      int i = find(keys, size, index, key(name));
      if (i >= 0) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(entries, i + 1, entries, i, size - i - 1);
        size--;
        keys[size] = null;
        entries[size] = null;
        if (index != null) {
          reindex();
        }
      }
      return this;
    }

    public boolean contains(String name) {
      return find(keys, size, index, key(name)) >= 0;
    }

    public Headers build() {
      if (size == 0) {
        return EMPTY;
      }
      for (int i = 0; i < size; i++) {
        if (entries[i].getValue() instanceof ArrayList) {
          // frozen here and in the builder: a later add() copies it again
          entries[i] = new SimpleImmutableEntry<>(entries[i].getKey(), List.copyOf(entries[i].getValue()));
        }
      }
      shared = true;
      return new Headers(keys, entries, size, index);
    }

    private void unshare() {
      if (shared) {
        keys = keys.clone();
        entries = entries.clone(); // the entries and their lists are immutable once built
        index = index == null ? null : new HashMap<>(index);
        shared = false;
      }
    }

    private void reindex() {
      index = null;
      if (size > INDEXED) {
        Map<String, Integer> m = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          m.put(keys[i], i);
        }
        index = m;
      }
    }

    /**
     * Checks a name and returns its lower-cased key, in one pass over its characters (most platforms deliver names
     * lower-cased already, which are their own key).
     */
    static String checkedKey(String name) {
      if (name == null) {
        throw new NullPointerException("header name must not be null");
      }
      // Every request of a function repeats the same dozen names (often the same String, which parsers intern): a
      // name checked before is looked up instead of scanned again, which costs most without an optimising JIT.
      int slot = name.hashCode() & (CHECKED.length - 1);
      String[] hit = CHECKED[slot];
      if (hit != null && (hit[0] == name || hit[0].equals(name))) {
        return hit[1];
      }
      String key = scan(name);
      CHECKED[slot] = new String[] {name, key}; // racy but safe: a slot holds one pair, never changed, any is right
      return key;
    }

    /**
     * The last valid name seen per slot and its key: bounded, so names an attacker invents only evict each other.
     * Names only: values are never kept.
     */
    private static final String[][] CHECKED = new String[128][];

    private static String scan(String name) {
      if (name.isEmpty()) {
        throw new InvalidEventException("Header name must not be empty");
      }
      boolean lower = true;
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f || c == ':') {
          throw new InvalidEventException("Header name contains an illegal character at index " + i);
        }
        lower &= c < 'A' || c > 'Z';
      }
      return lower ? name : key(name);
    }
  }
}
