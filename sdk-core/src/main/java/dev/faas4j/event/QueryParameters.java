package dev.faas4j.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decoded query string as an ordered multimap (names are case-sensitive).
 *
 * <p>Adapters rebuild it from the raw query wherever the platform gives one, because the pre-parsed maps some
 * platforms offer join repeated keys with commas or drop empty values. Decoding happens exactly once ({@code %2B}
 * stays a plus sign).
 */
public final class QueryParameters {
  private static final QueryParameters EMPTY = new QueryParameters(Map.of());

  private final Map<String, List<String>> values;

  private QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  public static QueryParameters empty() {
    return EMPTY;
  }

  /**
   * Parses a raw (still percent-encoded) query string without its leading {@code ?}. {@code +} is a space; a name
   * without {@code =} has the empty value.
   *
   * @throws InvalidEventException if a percent-escape is malformed or does not decode to UTF-8
   */
  public static QueryParameters parse(String rawQuery) {
    Checks.notNull(rawQuery, "rawQuery");
    if (rawQuery.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    int start = 0;
    int n = rawQuery.length();
    while (start <= n) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (end > start) {
        String pair = rawQuery.substring(start, end);
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    return freeze(map);
  }

  /** Parameters from already-decoded values, e.g. API Gateway's {@code multiValueQueryStringParameters}. */
  public static QueryParameters of(Map<String, ? extends List<String>> decoded) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    decoded.forEach((k, v) -> {
      if (k != null && v != null && !v.isEmpty()) {
        map.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
      }
    });
    return freeze(map);
  }

  public Optional<String> first(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(0));
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public Set<String> names() {
    return values.keySet();
  }

  public Map<String, List<String>> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Encodes the parameters back into a raw query string (RFC 3986 unreserved characters left as they are). */
  public String toRawQuery() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, vs) -> vs.forEach(v -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(encode(k)).append('=').append(encode(v));
    }));
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryParameters q && q.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "QueryParameters" + values.keySet();
  }

  private static QueryParameters freeze(Map<String, List<String>> map) {
    if (map.isEmpty()) {
      return EMPTY;
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return new QueryParameters(Collections.unmodifiableMap(map));
  }

  static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new InvalidEventException("Query string has a truncated percent-escape");
        }
        int hi = hexDigit(s.charAt(i + 1));
        int lo = hexDigit(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          throw new InvalidEventException("Query string has an invalid percent-escape");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    byte[] bytes = out.toByteArray();
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidEventException("Query string is not valid UTF-8 after percent-decoding", e);
    }
  }

  /** An ASCII hex digit's value, or -1; unlike {@link Character#digit} it rejects fullwidth and other digits. */
  private static int hexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
