package dev.faas4j.local.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses HTTP/1.1 requests from the bytes a connection has received so far, without blocking: {@link #parse} returns
 * null until a whole request (head and body) is there, so a slow or stalled client costs a buffer, never a thread.
 * Strict where leniency is a risk (request smuggling, header injection): one Content-Length or a chunked body, never
 * both; no obsolete line folding; only URI characters in the target. Everything it refuses is a {@link Rejection}
 * with a status and a message that never quotes the input.
 */
final class RequestParser {
  /** A request the server refuses itself; the connection is closed after the answer. */
  static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Rejection(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** A complete request: the raw target is decoded later, by the server. */
  record Request(String method, String target, boolean http11, List<String[]> headers, byte[] body,
      boolean keepAlive) {}

  private static final int MAX_HEADERS = 200;
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final long maxBody;
  private final int maxHeadBytes;

  // The head of the request being read, once complete; the body follows at bodyStart.
  private @Nullable Head head;
  private int scanned;

  private record Head(String method, String target, boolean http11, List<String[]> headers, long contentLength,
      boolean chunked, boolean keepAlive, boolean expectContinue, int bodyStart) {}

  RequestParser(long maxBody, int maxHeadBytes) {
    this.maxBody = maxBody;
    this.maxHeadBytes = maxHeadBytes;
  }

  /** True once some bytes of a request have arrived (the request timeout runs, not the idle one). */
  boolean started(Buffer in) {
    return head != null || in.size() > 0;
  }

  /** The interim answer to {@code Expect: 100-continue}, once, when the client waits for it; else null. */
  byte @Nullable [] interim(Buffer in) {
    Head h = head;
    if (h != null && h.expectContinue && in.size() - h.bodyStart < (h.chunked ? 1 : h.contentLength)) {
      head = new Head(h.method, h.target, h.http11, h.headers, h.contentLength, h.chunked, h.keepAlive, false,
          h.bodyStart);
      return CONTINUE;
    }
    return null;
  }

  /**
   * The next complete request in {@code in}, consumed from it; null if more bytes are needed.
   *
   * @throws Rejection for a request the server must refuse
   */
  @Nullable Request parse(Buffer in) throws Rejection {
    if (head == null) {
      head = parseHead(in);
      if (head == null) {
        return null;
      }
    }
    Head h = head;
    byte[] body;
    int end;
    if (h.chunked) {
      long[] done = new long[1];
      body = dechunk(in, h.bodyStart, done);
      if (body == null) {
        return null;
      }
      end = (int) done[0];
    } else {
      if (in.size() - h.bodyStart < h.contentLength) {
        return null;
      }
      end = h.bodyStart + (int) h.contentLength;
      body = in.copy(h.bodyStart, end);
    }
    in.consume(end);
    head = null;
    scanned = 0;
    return new Request(h.method, h.target, h.http11, h.headers, body, h.keepAlive);
  }

  /** The bytes a request with a declared length needs in the buffer, to size it once; 0 if unknown. */
  int expectedSize() {
    Head h = head;
    return h == null || h.chunked ? 0 : (int) (h.bodyStart + h.contentLength);
  }

  private @Nullable Head parseHead(Buffer in) throws Rejection {
    // Empty lines before a request line are allowed (RFC 9112 2.2).
    int skip = 0;
    while (skip < in.size() && (in.at(skip) == '\r' || in.at(skip) == '\n')) {
      skip++;
    }
    if (skip > 0) {
      in.consume(skip);
      scanned = 0;
    }
    if (in.size() > 0 && !isTokenChar(in.at(0))) {
      // Not HTTP at all (a TLS handshake, a stray protocol): refused at once rather than waited for.
      throw new Rejection(400, "The request does not start with an HTTP method");
    }
    int end = -1;
    for (int i = Math.max(0, scanned - 3); i + 3 < in.size(); i++) {
      if (in.at(i) == '\r' && in.at(i + 1) == '\n' && in.at(i + 2) == '\r' && in.at(i + 3) == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      scanned = in.size();
      if (in.size() > maxHeadBytes) {
        throw new Rejection(431, "The request line and headers are larger than " + maxHeadBytes + " bytes");
      }
      return null;
    }
    if (end > maxHeadBytes) {
      throw new Rejection(431, "The request line and headers are larger than " + maxHeadBytes + " bytes");
    }
    String text = in.string(0, end);
    String[] lines = text.split("\r\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3) {
      throw new Rejection(400, "The request line must be: method, one space, target, one space, HTTP version");
    }
    String method = requestLine[0];
    for (int i = 0; i < method.length(); i++) {
      if (!isTokenChar(method.charAt(i))) {
        throw new Rejection(400, "The request method is not a valid token");
      }
    }
    String version = requestLine[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new Rejection(400, "Only HTTP/1.1 and HTTP/1.0 are supported");
    }
    String target = originForm(requestLine[1]);
    if (lines.length - 1 > MAX_HEADERS) {
      throw new Rejection(431, "The request has more than " + MAX_HEADERS + " headers");
    }
    List<String[]> headers = new ArrayList<>(lines.length - 1);
    long contentLength = -1;
    String transferEncoding = null;
    String connection = "";
    boolean expectContinue = false;
    for (int l = 1; l < lines.length; l++) {
      String line = lines[l];
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        throw new Rejection(400, "Folded header lines are not allowed");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new Rejection(400, "A header line has no name or no colon");
      }
      String name = line.substring(0, colon);
      for (int i = 0; i < name.length(); i++) {
        if (!isTokenChar(name.charAt(i))) {
          throw new Rejection(400, "A header name has a character that is not allowed");
        }
      }
      String value = line.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new Rejection(400, "A header value has a control character");
        }
      }
      headers.add(new String[] {name, value});
      String lower = name.toLowerCase(Locale.ROOT);
      switch (lower) {
        case "content-length" -> {
          long length = parseLength(value);
          if (contentLength >= 0 && contentLength != length) {
            throw new Rejection(400, "The request has conflicting Content-Length headers");
          }
          contentLength = length;
        }
        case "transfer-encoding" -> transferEncoding = transferEncoding == null ? value
            : transferEncoding + "," + value;
        case "connection" -> connection = connection + "," + value.toLowerCase(Locale.ROOT);
        case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
        default -> { }
      }
    }
    boolean chunked = false;
    if (transferEncoding != null) {
      if (contentLength >= 0) {
        throw new Rejection(400, "A request must not have both Content-Length and Transfer-Encoding");
      }
      if (!transferEncoding.strip().equalsIgnoreCase("chunked")) {
        throw new Rejection(400, "Only the chunked Transfer-Encoding is supported");
      }
      chunked = true;
    }
    if (contentLength > maxBody) {
      throw new Rejection(413, "The request body is larger than " + maxBody + " bytes");
    }
    boolean http11 = version.equals("HTTP/1.1");
    boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
    return new Head(method, target, http11, headers, Math.max(0, contentLength), chunked, keepAlive,
        expectContinue && http11, end + 4);
  }

  /** The path and query of an origin-form or absolute-form target; anything else is refused. */
  private static String originForm(String target) throws Rejection {
    for (int i = 0; i < target.length(); i++) {
      if (!isUriChar(target.charAt(i))) {
        throw new Rejection(400, "The request target has a character that is not allowed in a URI");
      }
    }
    if (target.startsWith("/")) {
      return target;
    }
    String lower = target.toLowerCase(Locale.ROOT);
    int scheme = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (scheme > 0) {
      int slash = target.indexOf('/', scheme);
      int query = target.indexOf('?', scheme);
      if (slash < 0 || query >= 0 && query < slash) {
        return query < 0 ? "/" : "/" + target.substring(query);
      }
      return target.substring(slash);
    }
    throw new Rejection(400, "The request target must be a path starting with '/'");
  }

  /**
   * The body of a chunked request starting at {@code from}, and in {@code end[0]} where the request ends; null if
   * it is not all there yet. Chunk extensions and trailers are read and ignored.
   */
  private byte @Nullable [] dechunk(Buffer in, int from, long[] end) throws Rejection {
    int pos = from;
    long total = 0;
    List<int[]> chunks = new ArrayList<>();
    while (true) {
      int lineEnd = in.indexOfCrlf(pos);
      if (lineEnd < 0) {
        if (in.size() - pos > 1024) {
          throw new Rejection(400, "A chunk size line is too long");
        }
        return null;
      }
      long size = 0;
      int i = pos;
      for (; i < lineEnd; i++) {
        int digit = Character.digit(in.at(i), 16);
        if (digit < 0) {
          break;
        }
        size = size * 16 + digit;
        if (size > maxBody) {
          throw new Rejection(413, "The request body is larger than " + maxBody + " bytes");
        }
      }
      if (i == pos || i < lineEnd && in.at(i) != ';' && in.at(i) != ' ' && in.at(i) != '\t') {
        throw new Rejection(400, "A chunk size is not a hexadecimal number");
      }
      pos = lineEnd + 2;
      if (size == 0) {
        break;
      }
      total += size;
      if (total > maxBody) {
        throw new Rejection(413, "The request body is larger than " + maxBody + " bytes");
      }
      if (in.size() < pos + size + 2) {
        return null;
      }
      if (in.at((int) (pos + size)) != '\r' || in.at((int) (pos + size + 1)) != '\n') {
        throw new Rejection(400, "A chunk is not followed by CRLF");
      }
      chunks.add(new int[] {pos, (int) size});
      pos = (int) (pos + size + 2);
    }
    // Trailer fields, up to the empty line.
    while (true) {
      int lineEnd = in.indexOfCrlf(pos);
      if (lineEnd < 0) {
        if (in.size() - pos > maxHeadBytes) {
          throw new Rejection(431, "The request's trailer fields are too large");
        }
        return null;
      }
      boolean empty = lineEnd == pos;
      pos = lineEnd + 2;
      if (empty) {
        break;
      }
    }
    byte[] body = new byte[(int) total];
    int at = 0;
    for (int[] c : chunks) {
      in.copyInto(c[0], body, at, c[1]);
      at += c[1];
    }
    end[0] = pos;
    return body;
  }

  private static long parseLength(String value) throws Rejection {
    if (value.isEmpty() || value.length() > 18) {
      throw new Rejection(400, "Content-Length must be a number of bytes");
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new Rejection(400, "Content-Length must be a number of bytes");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }

  /** What java.net.URI accepts unescaped in a path or query: RFC 3986 characters (with '[' and ']'), and '%'. */
  private static boolean isUriChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "-._~!$&'()*+,;=:@/?%[]".indexOf(c) >= 0;
  }

  /** The bytes received on a connection and not yet consumed, growable. Used only by one thread at a time. */
  static final class Buffer {
    private byte[] data = new byte[0];
    private int start;
    private int end;

    int size() {
      return end - start;
    }

    byte at(int i) {
      return data[start + i];
    }

    /**
     * Free space to read into: at least 4 KiB, or all that {@code want} bytes of buffered request need (a request
     * of declared length gets its whole array at once).
     */
    java.nio.ByteBuffer writable(int want) {
      int needed = Math.max(4096, want - size());
      if (data.length - end < needed) {
        int size = size();
        byte[] target = data.length - size >= needed ? data : new byte[Math.max(size + needed, data.length * 2)];
        System.arraycopy(data, start, target, 0, size);
        data = target;
        start = 0;
        end = size;
      }
      return java.nio.ByteBuffer.wrap(data, end, data.length - end);
    }

    void wrote(int n) {
      end += n;
    }

    void consume(int n) {
      start += n;
      if (start == end) {
        start = 0;
        end = 0;
        if (data.length > 64 << 10) {
          data = new byte[0]; // an idle connection does not keep a large upload's buffer
        }
      }
    }

    byte[] copy(int from, int to) {
      byte[] out = new byte[to - from];
      System.arraycopy(data, start + from, out, 0, out.length);
      return out;
    }

    void copyInto(int from, byte[] target, int at, int length) {
      System.arraycopy(data, start + from, target, at, length);
    }

    String string(int from, int to) {
      return new String(data, start + from, to - from, StandardCharsets.ISO_8859_1);
    }

    int indexOfCrlf(int from) {
      for (int i = from; i + 1 < size(); i++) {
        if (at(i) == '\r' && at(i + 1) == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
