package dev.faas4j.maven;

import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The faas4j class names a class file or a text names, in any form: a class file is parsed whole (so that a corrupt
 * or truncated one is refused) and every {@code CONSTANT_Utf8} of its constant pool is scanned, which covers class
 * references, field and method descriptors, generic signatures, annotation values, string constants and the nest,
 * inner-class, permitted-subclass and record attributes (they all name classes through the pool).
 */
final class ClassNames {
  /** The newest class-file major version this reader was written against (Java 25). */
  static final int NEWEST_KNOWN = 69;
  private static final int MAGIC = 0xCAFEBABE;
  private static final byte[] DEV = "dev".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] FAAS4J = "faas4j".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final Set<Integer> FOUR_BYTES = Set.of(3, 4, 9, 10, 11, 12, 17, 18);
  private static final Set<Integer> TWO_BYTES = Set.of(7, 8, 16, 19, 20);

  private ClassNames() {}

  /**
   * Parses {@code b}, a class file, and gives {@code names} every faas4j name token of its constant pool; a class
   * file that is not one, is cut short or has bytes left over fails with {@code where} in the message.
   */
  static void ofClass(byte[] b, String where, Consumer<String> names) throws IOException {
    Reader r = new Reader(b, where);
    if (r.u4() != MAGIC) {
      throw new IOException(where + ": not a class file (no 0xCAFEBABE)");
    }
    r.u2();
    int major = r.u2();
    if (major < 45) {
      throw new IOException(where + ": not a class file (major version " + major + ")");
    }
    int count = r.u2();
    for (int i = 1; i < count; i++) {
      int tag = r.u1();
      if (tag == 1) {
        int length = r.u2();
        int start = r.take(length);
        tokens(b, start, start + length, names);
      } else if (tag == 5 || tag == 6) {
        r.take(8);
        i++; // a long or double takes two entries
      } else if (tag == 15) {
        r.take(3);
      } else if (FOUR_BYTES.contains(tag)) {
        r.take(4);
      } else if (TWO_BYTES.contains(tag)) {
        r.take(2);
      } else {
        throw new IOException(where + ": unknown constant-pool tag " + tag + " at entry " + i
            + (major > NEWEST_KNOWN ? " in a class file of version " + major + ", newer than this plugin reads (up to "
                + NEWEST_KNOWN + ", Java " + (NEWEST_KNOWN - 44) + "): update faas4j-maven-plugin or set <slim>false"
                + "</slim>" : ""));
      }
    }
    r.take(6); // access flags, this class, super class
    r.take(2 * r.u2()); // interfaces
    for (int members = 0; members < 2; members++) { // fields, then methods
      int n = r.u2();
      for (int i = 0; i < n; i++) {
        r.take(6);
        attributes(r);
      }
    }
    attributes(r);
    if (r.at != b.length) {
      throw new IOException(where + ": corrupt class file (" + (b.length - r.at) + " bytes after its end)");
    }
  }

  private static void attributes(Reader r) throws IOException {
    int n = r.u2();
    for (int i = 0; i < n; i++) {
      r.u2();
      long length = r.u4() & 0xFFFFFFFFL;
      r.take(length);
    }
  }

  /**
   * Every {@code dev.faas4j.<...>} or {@code dev/faas4j/<...>} token in {@code b[from, to)}: the ASCII of a
   * class's binary or internal name (as modified UTF-8 and UTF-8 write it), up to the first character no name has.
   */
  static void tokens(byte[] b, int from, int to, Consumer<String> names) {
    int last = to - DEV.length - FAAS4J.length - 2;
    for (int i = from; i <= last; i++) {
      if (b[i] != 'd' || !at(b, i, DEV) || !separator(b[i + 3]) || !at(b, i + 4, FAAS4J) || !separator(b[i + 10])) {
        continue;
      }
      int end = i + 11;
      while (end < to && nameChar(b[end])) {
        end++;
      }
      names.accept(new String(b, i, end - i, java.nio.charset.StandardCharsets.ISO_8859_1));
      i = end - 1;
    }
  }

  private static boolean at(byte[] b, int i, byte[] word) {
    for (int k = 0; k < word.length; k++) {
      if (b[i + k] != word[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean separator(byte c) {
    return c == '.' || c == '/';
  }

  private static boolean nameChar(byte c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '.'
        || c == '/';
  }

  /** Bounds-checked big-endian reads. */
  private static final class Reader {
    private final byte[] b;
    private final String where;
    int at;

    Reader(byte[] b, String where) {
      this.b = b;
      this.where = where;
    }

    /** Skips {@code n} bytes; where they started. */
    int take(long n) throws IOException {
      if (n > b.length - at) {
        throw new IOException(where + ": truncated class file (" + b.length + " bytes, needs " + (at + n) + ")");
      }
      int start = at;
      at += (int) n;
      return start;
    }

    int u1() throws IOException {
      return b[take(1)] & 0xFF;
    }

    int u2() throws IOException {
      int s = take(2);
      return (b[s] & 0xFF) << 8 | b[s + 1] & 0xFF;
    }

    int u4() throws IOException {
      int s = take(4);
      return (b[s] & 0xFF) << 24 | (b[s + 1] & 0xFF) << 16 | (b[s + 2] & 0xFF) << 8 | b[s + 3] & 0xFF;
    }
  }
}
