package dev.faas4j.aws;

import static dev.faas4j.aws.StreamedEvent.NOT_FAST;
import static dev.faas4j.aws.StreamedEvent.text;
import static dev.faas4j.aws.StreamedEvent.textOnly;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.Origin;
import java.io.ByteArrayInputStream;
import dev.faas4j.aws.StreamedEvent.NotFast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.faas4j.spi.WireJson;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for the commonest Lambda event, an HTTP API 2.0 / Function URL request: streamed with a
 * {@link JsonParser} straight into the {@link HttpRequest}, without a JSON tree of the whole event (most of which,
 * the request context, no function reads) and without copying the event's bytes.
 *
 * <p>It maps only a plainly well-formed request and answers {@code null} for anything else: another event shape
 * (told by the first field an HTTP API 2.0 event does not have, so other events cost only a few tokens), malformed
 * JSON, a field of an unexpected type, a duplicate field, a value the mapping rejects. The caller then
 * reads the event through the tree path ({@link EventShape}, {@link HttpMapping#fromV2}), which stays the one
 * reference for shapes and for every error message, so bad input gets exactly the errors it got before.
 */
final class HttpV2Reader {
  /** Headers of one request; a larger set takes the tree path. */
  private static final int MAX_HEADERS = 64;
  private static final String[] NO_NAMES = {};

  private HttpV2Reader() {}

  /** How many bytes of an event {@link #mayBe} looks at: enough for any top-level field name of a 2.0 event. */
  static final int HEAD = 32;

  /**
   * Whether an event that starts with {@code head} may be an HTTP API 2.0 event: false only when its first field
   * name is whole in {@code head} and is none of a 2.0 event's, as {@code Records} (SQS, SNS, S3, Kinesis,
   * DynamoDB) or {@code resource} (REST). Saves those events a parser that would stop at their first field.
   */
  static boolean mayBe(byte[] head, int length) {
    int i = skipSpace(head, 0, length);
    if (i >= length || head[i] != '{') {
      return true; // not an object, or too short to tell: the parser decides
    }
    i = skipSpace(head, i + 1, length);
    if (i >= length || head[i] != '"') {
      return true;
    }
    int start = i + 1;
    for (int end = start; end < length; end++) {
      if (head[end] == '\\') {
        return true;
      }
      if (head[end] == '"') {
        return isField(head, start, end);
      }
    }
    return true;
  }

  private static final String[] FIELDS = {"version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers",
      "queryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded"};

  /** {@link #isField(String)} on the bytes {@code [start, end)} of a name, without making a string of them. */
  private static boolean isField(byte[] b, int start, int end) {
    next:
    for (String field : FIELDS) {
      if (field.length() != end - start) {
        continue;
      }
      for (int i = 0; i < field.length(); i++) {
        if (b[start + i] != field.charAt(i)) {
          continue next;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isField(String name) {
    for (String field : FIELDS) {
      if (field.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(byte[] b, int i, int length) {
    while (i < length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The request in {@code event}, whose origin holds these bytes. */
  static @Nullable HttpRequest read(byte[] event) {
    try (JsonParser p = StreamedEvent.JSON.createParser(event)) {
      return read(p, event, null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The request in {@code event}, which is marked at its start: its origin reads the bytes again from there when
   * first asked for, so the common request that never looks at its origin does not pay for a copy or its facts.
   */
  static @Nullable HttpRequest read(ByteArrayInputStream event) {
    try (JsonParser p = StreamedEvent.JSON.createParser(event)) {
      return read(p, null, event);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable HttpRequest read(JsonParser p, byte @Nullable [] bytes,
      @Nullable ByteArrayInputStream stream) throws IOException {
    try {
      return build(request(p), bytes, stream);
    } catch (NotFast e) {
      return null;
    }
  }

  /**
   * The event's bytes, read again from the stream when first needed, by the origin or the headers, and kept; the
   * event's origin when asked for (a class, not a lambda, whose capture C1 allocates through a method handle).
   */
  private static final class EventBytes implements Supplier<Origin> {
    private final @Nullable ByteArrayInputStream stream;
    private volatile byte @Nullable [] bytes;

    EventBytes(byte @Nullable [] bytes, @Nullable ByteArrayInputStream stream) {
      if (bytes != null) {
        this.bytes = bytes; // stored only when given: a volatile store is a full fence
      }
      this.stream = stream;
    }

    byte[] bytes() {
      byte[] b = bytes;
      if (b == null) {
        b = reread(stream);
        bytes = b; // a benign race: every thread reads the same bytes
      }
      return b;
    }

    /** The whole event if it has been read again already (by the origin), else null. */
    byte @Nullable [] whole() {
      return bytes;
    }

    /**
     * Only the bytes from {@code from} to {@code to} (-1: the end), read again from the stream: the headers need
     * not copy a large body.
     */
    byte[] copy(int from, int to) {
      synchronized (stream) { // as reread
        stream.reset();
        stream.skip(from); // a ByteArrayInputStream skips and reads what it holds, at once
        if (to < 0) {
          return stream.readAllBytes();
        }
        byte[] range = new byte[to - from];
        stream.readNBytes(range, 0, range.length);
        return range;
      }
    }

    /**
     * The origin, made by the tree mapping, the one reference for which facts an origin holds (the event was
     * well-formed to get here, so it maps).
     */
    @Override
    public Origin get() {
      byte[] event = bytes();
      return HttpMapping.fromV2(WireJson.tree(event, "Lambda event"), event).origin();
    }
  }

  private static byte[] reread(ByteArrayInputStream stream) {
    synchronized (stream) { // its methods lock it too: no read can come between the reset and this one
      stream.reset();
      return stream.readAllBytes();
    }
  }

  /**
   * The request's headers when first read: the values of the event's {@code headers} object and {@code cookies}
   * array, read from where the first pass found them, and mapped as {@link HttpMapping#fromV2} maps them. Most
   * functions read no header, or not before they answer: decoding a dozen values they never read was a tenth of a
   * request's CPU under C1. The first pass checked that the object holds these names, each with a string, and the
   * array only strings, so this walks them without a parser ({@link Strings}), which would parse the names again.
   */
  private static final class LazyHeaders implements Supplier<Headers> {
    private final EventBytes event;
    private final String[] names;
    private final int headersAt;
    private final int cookiesAt;
    /** Where the later of the two ends in the event (-1: not known, the event's end). */
    private final int end;

    LazyHeaders(EventBytes event, String[] names, Fields f) {
      this.event = event;
      this.names = names;
      this.headersAt = f.headersAt;
      this.cookiesAt = f.cookiesAt;
      this.end = f.end;
    }

    @Override
    public Headers get() {
      int from = headersAt < 0 ? cookiesAt : cookiesAt < 0 ? headersAt : Math.min(headersAt, cookiesAt);
      byte[] whole = event.whole(); // read once: which array it is decides where its index 0 is in the event
      byte[] b = whole != null ? whole : event.copy(from, end);
      int base = whole != null ? 0 : from;
      Headers.Builder headers = Headers.builder();
      if (headersAt >= 0) {
        Strings in = new Strings(b, headersAt - base + 1); // after the '{'
        for (String name : names) {
          in.next(); // the name's opening quote: the name is names[i], read by the first pass
          in.skipString();
          in.next(); // ':'
          in.next(); // the value's opening quote
          String value = in.string();
          in.next(); // ',' or '}'
          if (HttpMapping.keepsHeader(name, cookiesAt >= 0)) {
            headers.add(name, value);
          }
        }
      }
      if (cookiesAt >= 0) {
        Strings in = new Strings(b, cookiesAt - base + 1); // after the '['
        String joined = null;
        for (byte c = in.next(); c != ']'; c = in.next()) { // a string's opening quote, or the ',' between two
          if (c == '"') {
            joined = HttpMapping.joinCookie(joined, in.string());
          }
        }
        if (joined != null) {
          headers.add("cookie", joined);
        }
      }
      return headers.build();
    }
  }

  /**
   * Strings of JSON the parser has checked, read from its bytes: an ASCII string without escapes is those bytes
   * (what the parser makes of them); any other is read by the parser itself, so every value is the one the tree
   * mapping gives.
   */
  private static final class Strings {
    private final byte[] b;
    private int i;

    Strings(byte[] b, int i) {
      this.b = b;
      this.i = i;
    }

    /** The next byte that is not whitespace, consumed. */
    byte next() {
      byte c = b[i++];
      while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        c = b[i++];
      }
      return c;
    }

    /** Past the string whose opening quote was just read. */
    void skipString() {
      for (byte c = b[i++]; c != '"'; c = b[i++]) {
        if (c == '\\') {
          i++; // the escaped character, never the closing quote (nor are the hex digits of a unicode escape)
        }
      }
    }

    /** The string whose opening quote was just read. */
    String string() {
      int start = i;
      for (byte c = b[i]; c != '"'; c = b[++i]) {
        if (c < 0 || c == '\\') {
          return parsed(start - 1);
        }
      }
      i++;
      return new String(b, start, i - 1 - start, StandardCharsets.ISO_8859_1);
    }

    private String parsed(int quote) {
      try (JsonParser p = StreamedEvent.JSON.createParser(b, quote, b.length - quote)) {
        p.nextToken(); // the string alone, as a document of its own
        String s = p.getText();
        i = quote + 1;
        skipString();
        return s;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // not for bytes that parsed before
      }
    }
  }

  /** The fields {@link HttpMapping#fromV2} reads, read once each (a repeated one takes the tree path). */
  private static final class Fields extends StreamedEvent.Seen {
    @Nullable String rawPath;
    @Nullable String rawQuery;
    @Nullable String body;
    boolean base64;
    /** Where the {@code cookies} array starts in the event (-1: none). */
    int cookiesAt = -1;
    /** The header names, and where the {@code headers} object starts in the event (-1: none). */
    String @Nullable [] headerNames;
    int headersAt = -1;
    /**
     * Where the later of the headers object and the cookies array ends (-1: not known). Taken at the end of the
     * headers, and of cookies that follow them: a location is an object, and API Gateway sends cookies first.
     */
    int end = -1;
    boolean http;
    @Nullable String method;
    @Nullable String httpPath;
    @Nullable String sourceIp;
    @Nullable String stage;
    long timeEpoch = -1;
  }

  private static final int RAW_PATH = 1;
  private static final int RAW_QUERY = 1 << 1;
  private static final int BODY = 1 << 2;
  private static final int BASE64 = 1 << 3;
  private static final int COOKIES = 1 << 4;
  private static final int HEADERS = 1 << 5;
  private static final int REQUEST_CONTEXT = 1 << 6;
  private static final int HTTP = 1 << 7;
  private static final int STAGE = 1 << 8;
  private static final int METHOD = 1 << 9;
  private static final int HTTP_PATH = 1 << 10;
  private static final int SOURCE_IP = 1 << 11;
  private static final int TIME_EPOCH = 1 << 12;

  private static Fields request(JsonParser p) throws IOException, NotFast {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    Fields f = new Fields();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "rawPath" -> {
          f.once(RAW_PATH);
          f.rawPath = text(p, value);
        }
        case "rawQueryString" -> {
          f.once(RAW_QUERY);
          f.rawQuery = text(p, value);
        }
        case "body" -> {
          f.once(BODY);
          f.body = text(p, value);
        }
        case "isBase64Encoded" -> {
          f.once(BASE64);
          f.base64 = bool(value);
        }
        case "cookies" -> {
          f.once(COOKIES);
          cookies(p, value, f);
        }
        case "headers" -> {
          f.once(HEADERS);
          headers(p, value, f);
        }
        case "requestContext" -> {
          f.once(REQUEST_CONTEXT);
          requestContext(p, value, f);
        }
        case "routeKey" -> textOnly(value);
        case "version", "queryStringParameters", "pathParameters", "stageVariables" -> p.skipChildren();
        default -> {
          if (!isField(name)) {
            throw NOT_FAST; // not a field of an HTTP API 2.0 event: another shape, so stop early
          }
          p.skipChildren(); // the rest of a 2.0 event, which the mapping does not read
        }
      }
    }
    if (p.nextToken() != null || !f.http || f.method == null) {
      throw NOT_FAST; // trailing content, not an HTTP API 2.0 event, or no method: the tree path decides
    }
    return f;
  }

  /** What {@link HttpMapping#fromV2} builds from the same fields, in the same order. */
  private static HttpRequest build(Fields f, byte @Nullable [] bytes, @Nullable ByteArrayInputStream stream) {
    String requestPath = HttpMapping.requestPath(f.rawPath != null ? f.rawPath : f.httpPath);
    String path = HttpMapping.withoutStage(requestPath, f.stage);
    EventBytes event = new EventBytes(bytes, stream);
    Headers headers = f.headerNames == null && f.cookiesAt < 0 ? Headers.empty()
        : lazyHeaders(f.headerNames != null ? f.headerNames : NO_NAMES, event, f);
    HttpRequest.Builder request = HttpRequest.builder(f.method, path)
        .requestPath(requestPath)
        .rawQuery(f.rawQuery)
        .headers(headers);
    if (f.timeEpoch >= 0) {
      request.requestTimeMillis(f.timeEpoch); // its Instant made if read
    }
    return HttpMapping.body(request, f.body, f.base64)
        .sourceIp(f.sourceIp)
        .origin(Origin.lazy(EventMapping.PLATFORM, event))
        .build();
  }

  private static Headers lazyHeaders(String[] names, EventBytes event, Fields f) {
    return Headers.lazy(names, new LazyHeaders(event, names, f));
  }

  private static void requestContext(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "http" -> {
          f.once(HTTP);
          http(p, v, f);
        }
        case "stage" -> {
          f.once(STAGE);
          f.stage = text(p, v);
        }
        case "timeEpoch" -> {
          f.once(TIME_EPOCH);
          if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG || p.getLongValue() < 0) {
            throw NOT_FAST; // a string, a fraction, a huge or negative number: the tree path decides
          }
          f.timeEpoch = p.getLongValue();
        }
        case "requestId", "apiId", "accountId", "domainName" -> textOnly(v); // the origin's: read if asked
        case "elb", "identity" -> throw NOT_FAST; // an ALB or a REST (payload 1.0) request
        default -> p.skipChildren();
      }
    }
  }

  private static void http(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    f.http = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "method" -> {
          f.once(METHOD);
          f.method = text(p, v);
        }
        case "path" -> {
          f.once(HTTP_PATH);
          if (f.rawPath == null) {
            f.httpPath = text(p, v);
          } else {
            textOnly(v); // the request's path is rawPath, read already
          }
        }
        case "sourceIp" -> {
          f.once(SOURCE_IP);
          f.sourceIp = text(p, v);
        }
        default -> p.skipChildren();
      }
    }
  }

  /**
   * The header names in order, each value checked to be a string but not decoded ({@link LazyHeaders} reads them
   * if asked); a repeated name (which the tree would collapse) takes the tree path.
   */
  private static void headers(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    int at = at(p);
    String[] names = new String[16];
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw NOT_FAST;
      }
      int h = name.hashCode(); // cached in the parser's interned name: a mismatch costs no equals() call
      for (int i = 0; i < n; i++) {
        if (names[i] == name || names[i].hashCode() == h && names[i].equals(name)) {
          throw NOT_FAST;
        }
      }
      if (n == names.length) {
        if (n == MAX_HEADERS) {
          throw NOT_FAST;
        }
        names = copy(names, n, n * 2);
      }
      names[n++] = name;
    }
    f.headerNames = n == names.length ? names : copy(names, n, n);
    f.headersAt = at;
    f.end = at(p) + 1; // past the '}'
  }

  /** {@code Arrays.copyOf} makes a {@code String[]} reflectively, slow without C2. */
  private static String[] copy(String[] names, int n, int length) {
    String[] c = new String[length];
    System.arraycopy(names, 0, c, 0, n);
    return c;
  }

  /** The cookies, each checked to be a string but not decoded ({@link LazyHeaders} joins them if asked). */
  private static void cookies(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      throw NOT_FAST;
    }
    f.cookiesAt = at(p);
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw NOT_FAST;
      }
    }
    if (f.headersAt >= 0) {
      f.end = at(p) + 1; // past the ']', after the headers (without headers the event's end will do)
    }
  }

  /** Where the current token starts in the event. */
  private static int at(JsonParser p) throws NotFast {
    long at = p.currentTokenLocation().getByteOffset();
    if (at < 0 || at > Integer.MAX_VALUE) {
      throw NOT_FAST;
    }
    return (int) at;
  }

  private static boolean bool(JsonToken value) throws NotFast {
    return switch (value) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      default -> throw NOT_FAST;
    };
  }
}
