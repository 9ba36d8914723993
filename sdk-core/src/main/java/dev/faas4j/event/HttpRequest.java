package dev.faas4j.event;

import dev.faas4j.internal.Json;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as every platform can deliver it: method, path, raw and decoded query, case-insensitive
 * multi-valued headers, cookies, a body that is never null, the caller's address, and the path parameters of the
 * route that matched.
 *
 * <pre>{@code
 * Order order = request.json(Order.class);          // 400 with a clear message if the body does not fit
 * String page = request.queryParam("page").orElse("1");
 * String id = request.pathParameter("id");               // declared by route("GET /orders/{id}")
 * }</pre>
 */
public final class HttpRequest {
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final String path;
  private final String rawQuery;
  /** Parsed on first use: most functions never read the query, and parsing allocates per parameter. */
  private @Nullable QueryParameters query;
  private final Headers headers;
  /**
   * The body as the platform handed it when that was a string (the Azure worker's, API Gateway's), else null. It is
   * bound by {@link #json} as it is, and encoded to UTF-8 bytes only when the bytes are read.
   */
  private final @Nullable String bodyText;
  /** The body's bytes: given, or encoded from {@link #bodyText} on first use (volatile: published whole). */
  private volatile byte @Nullable [] body;
  /**
   * The caller's address: a non-blank string, null for none, or the platform's reader of it until first read. One
   * field, so a thread sees the reader or what it read, never half of a change.
   */
  private @Nullable Object sourceIp;
  private final Map<String, String> pathParameters;
  private @Nullable Map<String, String> cookies;
  private final @Nullable String requestPath;
  /** Given, or made from {@link #requestMillis} on first read. */
  private @Nullable Instant requestTime;
  /** Of a time given in epoch milliseconds ({@link #timed}): its {@code Instant} is made only if read. */
  private final long requestMillis;
  private final boolean timed;
  private final Origin origin;

  private HttpRequest(Builder b, @Nullable QueryParameters query, Map<String, String> pathParameters) {
    this.method = b.method;
    this.path = b.path;
    this.rawQuery = b.rawQuery;
    this.query = query;
    this.headers = b.headers;
    this.bodyText = b.bodyText;
    if (b.bodyText == null) {
      // Stored only when given: a volatile store is a full fence, and a text body leaves the field null until read.
      this.body = b.body;
    }
    this.sourceIp = b.sourceIp;
    this.pathParameters = pathParameters;
    this.requestPath = b.requestPath;
    this.requestTime = b.requestTime;
    this.requestMillis = b.requestMillis;
    this.timed = b.timed;
    this.origin = b.origin;
  }

  /** A copy with other path parameters: no builder in between, it runs on every routed request. */
  private HttpRequest(HttpRequest r, Map<String, String> pathParameters) {
    this.method = r.method;
    this.path = r.path;
    this.rawQuery = r.rawQuery;
    this.query = r.query;
    this.headers = r.headers;
    this.bodyText = r.bodyText;
    byte[] bytes = r.body;
    if (bytes != null) {
      this.body = bytes; // a null one stays unset, as above
    }
    this.sourceIp = r.sourceIp;
    this.cookies = r.cookies;
    this.pathParameters = pathParameters;
    this.requestPath = r.requestPath;
    this.requestTime = r.requestTime;
    this.requestMillis = r.requestMillis;
    this.timed = r.timed;
    this.origin = r.origin;
  }

  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** The upper-case method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /**
   * The path as the client sent it, before the platform's own prefix was taken off: with API Gateway's stage
   * ({@code /prod/users}) or Azure's {@code /api} route prefix. Equals {@link #path()} where nothing was taken off.
   */
  public String requestPath() {
    return requestPath != null ? requestPath : path;
  }

  /** When the platform received the request, if it says (API Gateway's {@code requestTimeEpoch}). */
  public Optional<Instant> requestTime() {
    Instant t = requestTime;
    if (t == null && timed) {
      t = Instant.ofEpochMilli(requestMillis);
      requestTime = t; // a benign race: every thread makes an equal immutable value
    }
    return Optional.ofNullable(t);
  }

  /** The platform's own facts (stage, route key, domain name...) and the event as received. */
  public Origin origin() {
    return origin;
  }

  /**
   * The decoded path routes match, starting with {@code /}, without the query and without a platform's own prefix
   * (see {@link #requestPath()}).
   */
  public String path() {
    return path;
  }

  /** The query string as sent, still percent-encoded, without {@code ?}; empty if there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  /**
   * The decoded query parameters.
   *
   * @throws InvalidEventException if the query string is malformed (bad percent-encoding): a 400 with the reason
   */
  public QueryParameters query() {
    QueryParameters q = query;
    if (q == null) {
      q = QueryParameters.parse(rawQuery);
      query = q; // a benign race: every thread parses the same immutable value
    }
    return q;
  }

  /** The first decoded value of a query parameter. */
  public Optional<String> queryParam(String name) {
    return query().first(name);
  }

  public Headers headers() {
    return headers;
  }

  /** The first value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** The {@code Content-Type} header, if any. */
  public Optional<String> contentType() {
    return headers.first("Content-Type");
  }

  /** Request cookies by name (the first one wins when a name repeats). */
  public Map<String, String> cookies() {
    Map<String, String> c = cookies;
    if (c == null) {
      c = parseCookies(headers);
      cookies = c;
    }
    return c;
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies().get(name));
  }

  /** The value of a path parameter declared by the matched route, e.g. {@code id} for {@code /users/{id}}. */
  public String pathParameter(String name) {
    String v = pathParameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "No path parameter '" + name + "'; the matched route declares " + pathParameters.keySet());
    }
    return v;
  }

  public Map<String, String> pathParameters() {
    return pathParameters;
  }

  /** The caller's IP address as the platform reports it. */
  public Optional<String> sourceIp() {
    return Optional.ofNullable(readSourceIp());
  }

  @SuppressWarnings("unchecked")
  private @Nullable String readSourceIp() {
    Object v = sourceIp;
    if (!(v instanceof Supplier<?> reader)) {
      return (String) v;
    }
    String ip = blankless(((Supplier<@Nullable String>) reader).get());
    sourceIp = ip; // a benign race: every thread reads an equal immutable string
    return ip;
  }

  /** A copy of the body; empty (never null) when the request had none. */
  public byte[] body() {
    byte[] b = body;
    if (b == null) {
      return encode(bodyText); // a new array either way: encoded for this caller, not copied again
    }
    return b.length == 0 ? b : b.clone();
  }

  public boolean hasBody() {
    String t = bodyText;
    return t != null ? !t.isEmpty() : bytes().length > 0;
  }

  public int bodyLength() {
    return bytes().length;
  }

  /** The body's bytes, not to be handed out: encoded once from the platform's text if that is what it gave. */
  private byte[] bytes() {
    byte[] b = body;
    if (b == null) {
      b = encode(bodyText);
      body = b; // a benign race: every thread encodes the same bytes, and the volatile write publishes them whole
    }
    return b;
  }

  private static byte[] encode(@Nullable String text) {
    return text == null || text.isEmpty() ? NO_BODY : text.getBytes(StandardCharsets.UTF_8);
  }

  /** The body decoded with the charset named by {@code Content-Type}, UTF-8 by default. */
  public String text() {
    Charset charset = charset(contentType().orElse(""));
    String t = bodyText;
    if (t != null && charset.equals(StandardCharsets.UTF_8)) {
      return t; // what decoding its UTF-8 encoding would give back
    }
    return new String(bytes(), charset);
  }

  /**
   * The body read as JSON into {@code type} (records and plain classes; unknown fields are ignored).
   *
   * @throws InvalidEventException if the body is empty, not JSON, or does not fit {@code type}; HTTP adapters
   *     answer it with a 400 that carries this message
   */
  public <T> T json(Class<T> type) {
    String t = bodyText;
    if (t != null) {
      T value = Json.readOrNull(t, type);
      if (value != null) {
        return value;
      }
      // anything the text does not bind as, the bytes decide: the same value or error (and message) as ever
    }
    return Json.read(bytes(), type, "Request body");
  }

  /** As {@link #json(Class)} for a generic type: {@code json(new JsonType<List<Order>>() {})}. */
  public <T> T json(dev.faas4j.JsonType<T> type) {
    return Json.read(bytes(), type.type(), "Request body");
  }

  /** This request with the path parameters of the route that matched it; used by the dispatcher. */
  public HttpRequest withPathParameters(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return pathParameters.isEmpty() ? this : new HttpRequest(this, Map.of());
    }
    return new HttpRequest(this, Collections.unmodifiableMap(new LinkedHashMap<>(parameters)));
  }

  public Builder toBuilder() {
    Builder b = new Builder(method, path);
    b.rawQuery = rawQuery;
    b.headers = headers;
    b.bodyText = bodyText;
    b.body = bodyText != null ? NO_BODY : body;
    b.sourceIp = sourceIp;
    b.pathParameters = pathParameters;
    b.requestPath = requestPath;
    b.requestTime = requestTime;
    b.requestMillis = requestMillis;
    b.timed = timed;
    b.origin = origin;
    return b;
  }

  /** Method, path and header names only; bodies and header values stay out of logs. */
  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + path + (rawQuery.isEmpty() ? "" : "?…") + ", " + headers
        + ", body=" + bodyLength() + " bytes]";
  }

  private static @Nullable String blankless(@Nullable String ip) {
    return ip == null || ip.isBlank() ? null : ip;
  }

  static Charset charset(String contentType) {
    return dev.faas4j.internal.MediaTypes.charset(contentType);
  }

  private static Map<String, String> parseCookies(Headers headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String header : headers.all("Cookie")) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = part.substring(0, eq).trim();
        String value = part.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!name.isEmpty()) {
          map.putIfAbsent(name, value);
        }
      }
    }
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
  }

  /** Builds a request; {@link #build()} validates it. */
  public static final class Builder {
    private String method;
    private String path;
    private String rawQuery = "";
    private Headers headers = Headers.empty();
    private byte[] body = NO_BODY;
    /** The body as text when it was given as text (then {@link #body} is unused), else null. */
    private @Nullable String bodyText;
    /** A string, null, or a reader: see {@link HttpRequest#sourceIp}. */
    private @Nullable Object sourceIp;
    private Map<String, String> pathParameters = Map.of();
    private @Nullable String requestPath;
    private @Nullable Instant requestTime;
    private long requestMillis;
    private boolean timed;
    private Origin origin = Origin.none();

    private Builder(String method, String path) {
      this.method = Checks.notNull(method, "method");
      this.path = Checks.notNull(path, "path");
    }

    public Builder method(String method) {
      this.method = Checks.notNull(method, "method");
      return this;
    }

    public Builder path(String path) {
      this.path = Checks.notNull(path, "path");
      return this;
    }

    /** The raw query without {@code ?}; {@code null} means none. */
    public Builder rawQuery(@Nullable String rawQuery) {
      this.rawQuery = rawQuery == null ? "" : rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
      return this;
    }

    public Builder headers(Headers headers) {
      this.headers = Checks.notNull(headers, "headers");
      return this;
    }

    /** Adds one header value. */
    public Builder header(String name, String value) {
      this.headers = headers.toBuilder().add(name, value).build();
      return this;
    }

    /** The body; {@code null} means none. The array is copied. */
    public Builder body(byte @Nullable [] body) {
      this.body = body == null || body.length == 0 ? NO_BODY : body.clone();
      this.bodyText = null;
      return this;
    }

    /**
     * The body as text, sent as its UTF-8 bytes. It is kept as it is until read: {@link HttpRequest#json} binds it
     * without encoding it, and {@link HttpRequest#body()} encodes it when asked.
     */
    public Builder body(String text) {
      this.bodyText = Checks.notNull(text, "text");
      this.body = NO_BODY;
      return this;
    }

    /** The path as sent, when the platform took a prefix off before {@link #path(String)} (see {@link HttpRequest#requestPath()}). */
    public Builder requestPath(@Nullable String requestPath) {
      this.requestPath = requestPath;
      return this;
    }

    public Builder requestTime(@Nullable Instant requestTime) {
      this.requestTime = requestTime;
      this.timed = false;
      return this;
    }

    /**
     * The time as milliseconds since the epoch, as most platforms send it: its {@code Instant} is made when
     * {@link HttpRequest#requestTime()} is first read (most functions never ask), equal to
     * {@code Instant.ofEpochMilli(epochMillis)}.
     */
    public Builder requestTimeMillis(long epochMillis) {
      this.requestTime = null;
      this.requestMillis = epochMillis;
      this.timed = true;
      return this;
    }

    public Builder origin(Origin origin) {
      this.origin = Checks.notNull(origin, "origin");
      return this;
    }

    public Builder sourceIp(@Nullable String sourceIp) {
      this.sourceIp = blankless(sourceIp);
      return this;
    }

    /**
     * The caller's address as {@code reader} derives it (from a header the platform passes) when
     * {@link HttpRequest#sourceIp()} is first read, on whichever thread reads it: most functions never ask, so most
     * requests do not pay for it. The reader must not throw; null or blank means none.
     */
    public Builder sourceIpFrom(Supplier<@Nullable String> reader) {
      this.sourceIp = Checks.notNull(reader, "reader");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws InvalidEventException if the method is not an HTTP token, or the path does not start with {@code /}
     *     or holds control characters. The query is parsed when first read: a malformed one is an
     *     {@link InvalidEventException} (a 400) there, so a function that never reads it does not pay for it
     */
    private static boolean isToken(String method) {
      if (method.isEmpty()) {
        return false;
      }
      for (int i = 0; i < method.length(); i++) {
        char c = method.charAt(i);
        if (!(c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
          return false;
        }
      }
      return true;
    }

    public HttpRequest build() {
      if (!isToken(method)) { // platforms send the method upper-case: upper-cased only when it is not a token yet
        String m = method.toUpperCase(Locale.ROOT);
        if (!isToken(m)) {
          throw new InvalidEventException("HTTP method is not valid");
        }
        method = m;
      }
      if (!path.startsWith("/")) {
        throw new InvalidEventException("HTTP path must start with '/'");
      }
      checkControl(path);
      if (requestPath != null) {
        if (requestPath.equals(path)) {
          requestPath = null; // checked as the path: no second scan of the same characters
        } else {
          if (!requestPath.startsWith("/")) {
            throw new InvalidEventException("HTTP request path must start with '/'");
          }
          checkControl(requestPath);
        }
      }
      return new HttpRequest(this, null, pathParameters);
    }

    private static void checkControl(String path) {
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c < ' ' || c == 0x7f) {
          throw new InvalidEventException("HTTP path contains a control character");
        }
      }
    }
  }
}
