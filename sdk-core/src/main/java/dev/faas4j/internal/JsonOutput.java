package dev.faas4j.internal;

import java.util.Arrays;

/**
 * JSON as UTF-8 bytes, byte for byte as the {@link Json} mapper writes the same values (Jackson's UTF-8 generator
 * with its defaults): {@code "}, {@code \} and control characters escaped, the five with a short form in it,
 * others as upper-case hex escapes; each half of a surrogate pair as its own upper-case escape; everything
 * else as UTF-8; doubles as {@link Double#toString}, and NaN and the infinities as strings.
 */
final class JsonOutput {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buf = new byte[128];
  private int n;

  byte[] toByteArray() {
    return Arrays.copyOf(buf, n);
  }

  private void room(int more) {
    if (n + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }
  }

  void raw(char c) {
    room(1);
    buf[n++] = (byte) c;
  }

  /** A comma unless {@code first}. */
  void comma(boolean first) {
    if (!first) {
      raw(',');
    }
  }

  void nullValue() {
    ascii("null");
  }

  void bool(boolean b) {
    ascii(b ? "true" : "false");
  }

  void number(long v) {
    ascii(Long.toString(v));
  }

  void number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      string(Double.toString(d));
    } else {
      ascii(Double.toString(d));
    }
  }

  /** A field name and its colon. */
  void name(String name) {
    string(name);
    raw(':');
  }

  private void ascii(String s) {
    int length = s.length();
    room(length);
    for (int i = 0; i < length; i++) {
      buf[n++] = (byte) s.charAt(i);
    }
  }

  /** Characters escaped at a time: room for the worst case of a chunk, never six times a whole large string. */
  private static final int CHUNK = 4096;

  void string(String s) {
    int length = s.length();
    raw('"');
    for (int from = 0; from < length; from += CHUNK) {
      int to = Math.min(length, from + CHUNK);
      room((to - from) * 6); // the longest a character can take is an escape
      n = chars(s, from, to, buf, n);
    }
    raw('"');
  }

  private static int chars(String s, int from, int to, byte[] b, int p) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
        } else {
          b[p++] = '\\';
          switch (c) {
            case '"', '\\' -> b[p++] = (byte) c;
            case '\b' -> b[p++] = 'b';
            case '\t' -> b[p++] = 't';
            case '\n' -> b[p++] = 'n';
            case '\f' -> b[p++] = 'f';
            case '\r' -> b[p++] = 'r';
            default -> p = unicodeEscape(b, p, c);
          }
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        b[p++] = '\\';
        p = unicodeEscape(b, p, c);
      } else {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return p;
  }

  /** The letter u and four upper-case hex digits, after a backslash already written. */
  private static int unicodeEscape(byte[] b, int p, char c) {
    b[p++] = 'u';
    b[p++] = HEX[c >> 12 & 0xF];
    b[p++] = HEX[c >> 8 & 0xF];
    b[p++] = HEX[c >> 4 & 0xF];
    b[p++] = HEX[c & 0xF];
    return p;
  }
}
