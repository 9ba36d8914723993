package dev.faas4j.spi.log;

import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one JSON object on one line for a {@link LogFormat}. Every string is escaped, control characters and the
 * Unicode line separators included, so a value can never start a new log line (no log injection).
 */
public final class JsonLine {
  private static final int MAX_DEPTH = 8;
  private final StringBuilder sb = new StringBuilder(256);
  private boolean first = true;
  private final java.util.Set<String> names = new java.util.HashSet<>();

  public JsonLine() {
    sb.append('{');
  }

  /** Adds a field; maps, collections, numbers, booleans, nulls and strings keep their JSON shape. */
  public JsonLine field(String name, @Nullable Object value) {
    names.add(name);
    sb.append(first ? "" : ",");
    first = false;
    string(sb, name);
    sb.append(':');
    value(value, 0);
    return this;
  }

  /** Adds a field holding raw JSON written by {@code nested}. */
  public JsonLine object(String name, JsonLine nested) {
    names.add(name);
    sb.append(first ? "" : ",");
    first = false;
    string(sb, name);
    sb.append(':').append(nested.end());
    return this;
  }

  /** Whether a field of this name has been written. */
  public boolean has(String name) {
    return names.contains(name);
  }

  /** The finished object. */
  public String end() {
    return sb.toString() + "}";
  }

  private void value(@Nullable Object v, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
      sb.append(v);
    } else if (v instanceof Double d && !d.isNaN() && !d.isInfinite()
        || v instanceof Float f && !f.isNaN() && !f.isInfinite()) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m && depth < MAX_DEPTH) {
      sb.append('{');
      boolean f = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(f ? "" : ",");
        f = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        value(e.getValue(), depth + 1);
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c && depth < MAX_DEPTH) {
      sb.append('[');
      boolean f = true;
      for (Object o : c) {
        sb.append(f ? "" : ",");
        f = false;
        value(o, depth + 1);
      }
      sb.append(']');
    } else if (v instanceof TemporalAccessor) {
      string(sb, v.toString());
    } else if (v instanceof java.util.Optional<?> || v instanceof java.util.OptionalInt
        || v instanceof java.util.OptionalLong || v instanceof java.util.OptionalDouble) {
      value(present(v), depth);
    } else {
      string(sb, String.valueOf(v));
    }
  }

  /**
   * A field value as a log shows it: absent facts are {@code Optional}s on the events, logged as their value or
   * null, never as "Optional[...]"; other values as they are.
   */
  public static @org.jspecify.annotations.Nullable Object present(@org.jspecify.annotations.Nullable Object v) {
    if (v instanceof java.util.Optional<?> o) {
      return o.orElse(null);
    }
    if (v instanceof java.util.OptionalInt o) {
      return o.isPresent() ? (Object) o.getAsInt() : null;
    }
    if (v instanceof java.util.OptionalLong o) {
      return o.isPresent() ? (Object) o.getAsLong() : null;
    }
    if (v instanceof java.util.OptionalDouble o) {
      return o.isPresent() ? (Object) o.getAsDouble() : null;
    }
    return v;
  }

  /** Appends {@code s} as a JSON string literal. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c >= 0x80 && c < 0xa0) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
