package dev.faas4j.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON text strictly, as RFC 8259 writes it and as {@link Json#FACTORY} accepts it (unescaped control
 * characters inside strings included), and gives up with {@link Defer} at anything else: a syntax error, a
 * leniency the factory may or may not grant, a value past the sizes the factory limits. Giving up is never an
 * answer: the caller hands the input to the mapper, which decides and reports it.
 */
final class JsonCursor {
  /** Larger inputs, longer names and numbers, and deeper nesting are left to the mapper and its limits. */
  static final int MAX_INPUT = 1 << 20;
  private static final int MAX_NAME = 1_000;
  private static final int MAX_NUMBER = 100;
  static final int MAX_DEPTH = 200;

  /** Unwinds a read the mapper must decide; made once, without a stack. */
  static final class Defer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Defer INSTANCE = new Defer();

    private Defer() {
      super(null, null, false, false);
    }
  }

  private final String s;
  private int pos;

  private JsonCursor(String s) {
    this.s = s;
  }

  /** A cursor over text a platform handed over as a string. */
  static JsonCursor of(String text) {
    if (text.length() > MAX_INPUT) {
      throw Defer.INSTANCE;
    }
    return new JsonCursor(text);
  }

  /**
   * A cursor over bytes that must be UTF-8: ASCII is taken as it is, anything else decoded strictly. A byte-order
   * mark, other encodings (which the mapper detects) and malformed UTF-8 are the mapper's.
   */
  static JsonCursor of(byte[] bytes) {
    if (bytes.length > MAX_INPUT) {
      throw Defer.INSTANCE;
    }
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      if (bytes[i] == 0) {
        throw Defer.INSTANCE; // UTF-16 or UTF-32, which the mapper detects
      }
    }
    for (byte b : bytes) {
      if (b < 0) {
        return new JsonCursor(utf8(bytes));
      }
    }
    return new JsonCursor(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private static String utf8(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      throw Defer.INSTANCE; // a byte-order mark: the mapper skips it
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw Defer.INSTANCE;
    }
  }

  /** The next character after whitespace, not consumed; -1 at the end. */
  int peek() {
    String t = s;
    int p = pos;
    while (p < t.length()) {
      char c = t.charAt(p);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = p;
        return c;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  /** Consumes {@code c}, the next character after whitespace, or defers. */
  void expect(char c) {
    if (peek() != c) {
      throw Defer.INSTANCE;
    }
    pos++;
  }

  /** Consumes {@code c} if it comes next (after whitespace). */
  boolean take(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Whether only whitespace is left. */
  boolean atEnd() {
    return peek() == -1;
  }

  /** Consumes {@code null} if it comes next. */
  boolean takeNull() {
    if (peek() == 'n' && s.startsWith("null", pos)) {
      pos += 4;
      return true;
    }
    return false;
  }

  /**
   * A field name and its colon, as the index of the one of {@code names} it equals or -1: matched in place when it
   * has no escape. A name with a control character in it is the mapper's.
   */
  int name(String[] names) {
    expect('"');
    String t = s;
    int start = pos;
    int end = plainEnd(start);
    String escaped = null;
    if (t.charAt(end) == '\\') {
      escaped = string(start);
      end = pos - 1;
    } else {
      pos = end + 1;
    }
    if (end - start > MAX_NAME) {
      throw Defer.INSTANCE;
    }
    for (int c = start; c < end; c++) {
      if (t.charAt(c) < 0x20) {
        throw Defer.INSTANCE;
      }
    }
    int index = -1;
    for (int i = 0; i < names.length; i++) {
      String n = names[i];
      if (escaped != null ? n.equals(escaped) : n.length() == end - start && t.startsWith(n, start)) {
        index = i;
        break;
      }
    }
    expect(':');
    return index;
  }

  /** Where the plain run of a string starting at {@code start} ends: its closing quote or its first backslash. */
  private int plainEnd(int start) {
    String t = s;
    for (int p = start; p < t.length(); p++) {
      char c = t.charAt(p);
      if (c == '"' || c == '\\') {
        return p;
      }
    }
    throw Defer.INSTANCE; // unterminated
  }

  /** A string value, its opening quote next (after whitespace). */
  String string() {
    expect('"');
    return string(pos);
  }

  /** The rest of a string whose opening quote was consumed; {@code start} is its first character. */
  private String string(int start) {
    String t = s;
    int end = plainEnd(start);
    if (t.charAt(end) == '"') {
      pos = end + 1;
      return t.substring(start, end); // control characters are taken as they are, as the factory takes them
    }
    StringBuilder b = new StringBuilder(end - start + 16).append(t, start, end);
    int p = end;
    while (true) {
      if (p >= t.length()) {
        throw Defer.INSTANCE;
      }
      char c = t.charAt(p++);
      if (c == '"') {
        pos = p;
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (p >= t.length()) {
        throw Defer.INSTANCE;
      }
      char e = t.charAt(p++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (p + 4 > t.length()) {
            throw Defer.INSTANCE;
          }
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = hex(t.charAt(p++));
            if (d < 0) {
              throw Defer.INSTANCE;
            }
            v = v << 4 | d;
          }
          b.append((char) v);
        }
        default -> throw Defer.INSTANCE;
      }
    }
  }

  /** {@code true} or {@code false}. */
  boolean bool() {
    int c = peek();
    if (c == 't' && s.startsWith("true", pos)) {
      pos += 4;
      return true;
    }
    if (c == 'f' && s.startsWith("false", pos)) {
      pos += 5;
      return false;
    }
    throw Defer.INSTANCE;
  }

  /** An integer number (no fraction or exponent) that fits a long. */
  long integer() {
    int start = number();
    if (!integral(start, pos)) {
      throw Defer.INSTANCE;
    }
    return parseLong(start, pos);
  }

  /**
   * Any number, as a double: an integer's as its long's ({@code -0} is 0.0, as the mapper reads an integer token),
   * others as {@link Double#parseDouble} reads their text.
   */
  double decimal() {
    int start = number();
    return integral(start, pos) ? (double) parseLong(start, pos) : Double.parseDouble(s.substring(start, pos));
  }

  private boolean integral(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  /** Up to 18 digits, which always fit; longer ones are the mapper's (it may make them big integers). */
  private long parseLong(int start, int end) {
    if (end - start - (s.charAt(start) == '-' ? 1 : 0) > 18) {
      throw Defer.INSTANCE;
    }
    return Long.parseLong(s, start, end, 10);
  }

  /** Consumes a number as JSON writes it and returns where it starts. */
  private int number() {
    peek();
    String t = s;
    int start = pos;
    int p = start;
    if (p < t.length() && t.charAt(p) == '-') {
      p++;
    }
    int intStart = p;
    while (p < t.length() && isDigit(t.charAt(p))) {
      p++;
    }
    if (p == intStart || t.charAt(intStart) == '0' && p - intStart > 1) {
      throw Defer.INSTANCE; // no digits, or a leading zero
    }
    if (p < t.length() && t.charAt(p) == '.') {
      int fraction = ++p;
      while (p < t.length() && isDigit(t.charAt(p))) {
        p++;
      }
      if (p == fraction) {
        throw Defer.INSTANCE;
      }
    }
    if (p < t.length() && (t.charAt(p) == 'e' || t.charAt(p) == 'E')) {
      p++;
      if (p < t.length() && (t.charAt(p) == '+' || t.charAt(p) == '-')) {
        p++;
      }
      int exponent = p;
      while (p < t.length() && isDigit(t.charAt(p))) {
        p++;
      }
      if (p == exponent) {
        throw Defer.INSTANCE;
      }
    }
    if (p - start > MAX_NUMBER) {
      throw Defer.INSTANCE;
    }
    pos = p;
    return start;
  }

  /** An ASCII hex digit's value, or -1 (Character.digit would take other scripts' digits too). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Skips any one value, checking it as strictly as a read: unknown fields are skipped, never trusted. */
  void skip(int depth) {
    if (depth > MAX_DEPTH) {
      throw Defer.INSTANCE;
    }
    int c = peek();
    switch (c) {
      case '"' -> string();
      case 't', 'f' -> bool();
      case 'n' -> {
        if (!takeNull()) {
          throw Defer.INSTANCE;
        }
      }
      case '{' -> {
        pos++;
        if (take('}')) {
          return;
        }
        do {
          name(NO_NAMES);
          skip(depth + 1);
        } while (take(','));
        expect('}');
      }
      case '[' -> {
        pos++;
        if (take(']')) {
          return;
        }
        do {
          skip(depth + 1);
        } while (take(','));
        expect(']');
      }
      default -> {
        if (c == '-' || c >= '0' && c <= '9') {
          number();
        } else {
          throw Defer.INSTANCE;
        }
      }
    }
  }

  private static final String[] NO_NAMES = new String[0];
}
