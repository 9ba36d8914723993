package dev.faas4j.maven;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The faas4j class names a class file or a text names, in any form: a class file is parsed whole (so that a corrupt
 * or truncated one is refused) and every {@code CONSTANT_Utf8} of its constant pool is scanned, which covers class
 * references, field and method descriptors, generic signatures, annotation values, string constants and the nest,
 * inner-class, permitted-subclass and record attributes (they all name classes through the pool); and the same
 * class file without its line numbers, for a slimmed jar.
 */
final class ClassNames {
  /** The newest class-file major version this reader was written against (Java 25). */
  static final int NEWEST_KNOWN = 69;
  private static final int MAGIC = 0xCAFEBABE;
  private static final byte[] DEV = "dev".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] FAAS4J = "faas4j".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final Set<Integer> FOUR_BYTES = Set.of(3, 4, 9, 10, 11, 12, 17, 18);
  private static final Set<Integer> TWO_BYTES = Set.of(7, 8, 16, 19, 20);
  private static final byte[] CODE = "Code".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] LINE_NUMBER_TABLE =
      "LineNumberTable".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private ClassNames() {}

  /**
   * Parses {@code b}, a class file, and gives {@code names} every faas4j name token of its constant pool; a class
   * file that is not one, is cut short or has bytes left over fails with {@code where} in the message.
   */
  static void ofClass(byte[] b, String where, Consumer<String> names) throws IOException {
    Reader r = new Reader(b, where);
    constantPool(r, names);
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
    end(r);
  }

  /**
   * {@code b}, a class file, without the {@code LineNumberTable} attributes of its methods' {@code Code} attributes
   * (a stack frame then has no line, only the file name {@code SourceFile} keeps); every other byte stays as it was,
   * the constant pool too (an entry nothing uses is legal). {@code b} itself when there is none to drop. Parsed
   * whole, down to each {@code Code} attribute's own attributes: a class file that is not one, is cut short, has
   * bytes left over, names an attribute by a constant that is no {@code Utf8}, or has a {@code Code} attribute whose
   * parts do not add up to its length fails with {@code where} in the message.
   */
  static byte[] withoutLineNumbers(byte[] b, String where) throws IOException {
    Reader r = new Reader(b, where);
    int[] utf8 = constantPool(r, n -> {});
    r.take(6);
    r.take(2 * r.u2());
    for (int n = r.u2(), i = 0; i < n; i++) { // fields
      r.take(6);
      attributes(r);
    }
    List<int[]> cuts = new ArrayList<>(); // [from, to) of each LineNumberTable
    byte[] out = b;
    for (int n = r.u2(), i = 0; i < n; i++) { // methods
      r.take(6);
      for (int count = r.u2(), a = 0; a < count; a++) {
        int name = r.u2();
        int lengthAt = r.at;
        long length = r.u4() & 0xFFFFFFFFL;
        if (!named(b, utf8, name, CODE, r)) {
          r.take(length);
          continue;
        }
        int end = r.take(length) + (int) length;
        r.at = lengthAt + 4;
        r.take(4); // max stack, max locals
        r.take(r.u4() & 0xFFFFFFFFL); // the code
        r.take(8L * r.u2()); // exception table
        int countAt = r.at;
        int nested = r.u2();
        int dropped = 0;
        int bytes = 0;
        for (int k = 0; k < nested; k++) {
          int from = r.at;
          boolean lines = named(b, utf8, r.u2(), LINE_NUMBER_TABLE, r);
          r.take(r.u4() & 0xFFFFFFFFL);
          if (lines) {
            cuts.add(new int[] {from, r.at});
            dropped++;
            bytes += r.at - from;
          }
        }
        if (r.at != end) {
          throw new IOException(where + ": corrupt class file (method " + i + "'s Code attribute is " + length
              + " bytes, its parts " + (r.at - lengthAt - 4) + ")");
        }
        if (dropped > 0) {
          out = out == b ? b.clone() : out;
          put(out, lengthAt, 4, length - bytes);
          put(out, countAt, 2, nested - dropped);
        }
      }
    }
    attributes(r);
    end(r);
    if (cuts.isEmpty()) {
      return b;
    }
    java.io.ByteArrayOutputStream slim = new java.io.ByteArrayOutputStream(b.length);
    int at = 0;
    for (int[] cut : cuts) {
      slim.write(out, at, cut[0] - at);
      at = cut[1];
    }
    slim.write(out, at, out.length - at);
    return slim.toByteArray();
  }

  /**
   * Reads the header and the constant pool, giving {@code names} every faas4j name token of its {@code Utf8}
   * entries; where each {@code Utf8} entry's bytes start, by index (0 for the other entries).
   */
  private static int[] constantPool(Reader r, Consumer<String> names) throws IOException {
    byte[] b = r.b;
    if (r.u4() != MAGIC) {
      throw new IOException(r.where + ": not a class file (no 0xCAFEBABE)");
    }
    r.u2();
    int major = r.u2();
    if (major < 45) {
      throw new IOException(r.where + ": not a class file (major version " + major + ")");
    }
    int count = r.u2();
    int[] utf8 = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = r.u1();
      if (tag == 1) {
        int length = r.u2();
        int start = r.take(length);
        utf8[i] = start;
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
        throw new IOException(r.where + ": unknown constant-pool tag " + tag + " at entry " + i
            + (major > NEWEST_KNOWN ? " in a class file of version " + major + ", newer than this plugin reads (up to "
                + NEWEST_KNOWN + ", Java " + (NEWEST_KNOWN - 44) + "): update faas4j-maven-plugin or set <slim>false"
                + "</slim>" : ""));
      }
    }
    return utf8;
  }

  /** Whether constant {@code index}, an attribute's name, is {@code name}; fails when it is no {@code Utf8}. */
  private static boolean named(byte[] b, int[] utf8, int index, byte[] name, Reader r) throws IOException {
    if (index <= 0 || index >= utf8.length || utf8[index] == 0) {
      throw new IOException(r.where + ": corrupt class file (an attribute's name is constant " + index
          + ", not a Utf8 entry)");
    }
    int start = utf8[index];
    int length = (b[start - 2] & 0xFF) << 8 | b[start - 1] & 0xFF;
    return length == name.length && at(b, start, name);
  }

  private static void put(byte[] b, int at, int size, long value) {
    for (int k = size - 1; k >= 0; k--) {
      b[at + k] = (byte) value;
      value >>>= 8;
    }
  }

  private static void end(Reader r) throws IOException {
    if (r.at != r.b.length) {
      throw new IOException(r.where + ": corrupt class file (" + (r.b.length - r.at) + " bytes after its end)");
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
    final byte[] b;
    final String where;
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
