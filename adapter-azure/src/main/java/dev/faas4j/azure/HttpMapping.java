package dev.faas4j.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.HttpBodies;
import dev.faas4j.spi.Wire;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Translates the Java worker's {@link HttpRequestMessage} to a portable request, and a response back. */
final class HttpMapping {
  private static final byte[] NO_PAYLOAD = new byte[0];

  private HttpMapping() {}

  /**
   * Maps a request as the worker delivers it: lower-cased header names with repeated values comma-joined, the
   * query rebuilt from {@code getUri().getRawQuery()} (the host's decoded query map drops empty values and joins
   * repeated keys), and the body as {@code Optional<String>}, {@code Optional<byte[]>} or a bare value.
   *
   * @param routePrefix the host's route prefix as {@link #routePrefix} normalised it, removed from the path
   * @param warnings where to warn that the host read a binary body as text (lossy) before we saw it, or null not to
   * @throws InvalidEventException if the request cannot be represented (bad path encoding, bad method)
   */
  static HttpRequest request(HttpRequestMessage<?> message, RoutePrefix routePrefix,
      @Nullable FunctionLogger warnings, String invocationId) {
    URI uri = message.getUri();
    if (uri == null) {
      throw new InvalidEventException("HTTP request has no URI");
    }
    String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestPath = Wire.percentDecode(rawPath, "HTTP path");
    String path = routePrefix.cut(requestPath);
    Map<String, String> raw = message.getHeaders();
    Headers built = Headers.empty();
    String contentType = null;
    String forwardedFor = null;
    if (raw != null && !raw.isEmpty()) {
      // The host lower-cases every name (ToRpcHttp), so the three names the mapping reads are looked up first;
      // a map built otherwise (a test's, another host's) is searched for those missing, by length before case.
      contentType = raw.get("content-type");
      forwardedFor = raw.get("x-forwarded-for");
      String cookie = raw.get("cookie");
      if (contentType == null || forwardedFor == null || cookie == null) {
        for (Map.Entry<String, String> h : raw.entrySet()) {
          String name = h.getKey();
          int length = name == null ? 0 : name.length();
          if (length == 12 && contentType == null && name.equalsIgnoreCase("content-type")) {
            contentType = h.getValue();
          } else if (length == 15 && forwardedFor == null && name.equalsIgnoreCase("x-forwarded-for")) {
            forwardedFor = h.getValue();
          } else if (length == 6 && cookie == null && name.equalsIgnoreCase("cookie")) {
            cookie = h.getValue();
          }
        }
      }
      // The worker's map as it is, its entries made only if the function reads them; cookies are split first.
      built = cookie != null ? withCookiesSplit(raw) : Headers.view(raw);
    }
    contentType = contentType == null ? "" : contentType;
    String method = message.getHttpMethod() == null ? "" : message.getHttpMethod().name();
    // The path as sent keeps the route prefix; the request itself (body, headers, query) is the payload as received.
    HttpRequest.Builder request = HttpRequest.builder(method, path).requestPath(requestPath)
        .rawQuery(uri.getRawQuery()).headers(built)
        .origin(EventMapping.origin(Map.of(), NO_PAYLOAD, built));
    if (forwardedFor != null) {
      request.sourceIpFrom(new Caller(forwardedFor)); // cut from the header only if the function asks
    }
    Object body = message.getBody();
    if (body instanceof Optional<?> optional) {
      body = optional.orElse(null);
    }
    boolean decodedAsText = false;
    if (body == null) {
      request.body((byte[]) null);
    } else if (body instanceof byte[] b) {
      request.body(b); // copied: the array is the worker's
    } else if (body instanceof String s) {
      MediaType type = mediaType(contentType);
      if (type.charset.equals(StandardCharsets.UTF_8)) {
        request.body(s); // encodes once, where body(byte[]) would copy the encoded array again
      } else {
        request.body(s.getBytes(type.charset));
      }
      decodedAsText = type.binary && !s.isEmpty();
    } else {
      throw new InvalidEventException("HTTP body arrived as " + body.getClass().getSimpleName()
          + "; declare the trigger parameter as HttpRequestMessage<Optional<String>> or <Optional<byte[]>>");
    }
    HttpRequest mapped = request.build();
    if (decodedAsText && warnings != null) {
      warnings.warn("The Functions host read this binary body as text, which can corrupt it; send binary content "
          + "as application/octet-stream", "invocationId", invocationId, "contentType", contentType);
    }
    return mapped;
  }

  /** What a text body's {@code Content-Type} says: its charset, and whether the host read a binary body as text. */
  private record MediaType(String contentType, Charset charset, boolean binary) {}

  /**
   * The last content type read and what it says: a function's requests repeat one or two types, which are then not
   * lower-cased and searched again per request. Immutable, so a thread sees it whole; racing threads replace it
   * with an equal one or another type's, and either is right for its own string. A type naming an unsupported
   * charset is never kept: it fails again on every request.
   */
  private static @Nullable MediaType lastType;

  private static MediaType mediaType(String contentType) {
    MediaType t = lastType;
    if (t == null || !t.contentType.equals(contentType)) {
      t = new MediaType(contentType, Wire.charset(contentType), isBinary(contentType));
      lastType = t;
    }
    return t;
  }

  /** The headers of a request with a {@code Cookie} header, which the host joins with ", " when repeated. */
  private static Headers withCookiesSplit(Map<String, String> raw) {
    Headers.Builder headers = Headers.builder();
    raw.forEach((name, value) -> {
      if (name == null || value == null) {
        return;
      }
      if (name.equalsIgnoreCase("cookie")) {
        // cookie values cannot hold a comma (RFC 6265)
        for (int start = 0, end; start <= value.length(); start = end + 1) {
          end = value.indexOf(',', start);
          end = end < 0 ? value.length() : end;
          String part = value.substring(start, end).trim();
          if (!part.isEmpty()) {
            headers.add(name, part);
          }
        }
      } else {
        headers.add(name, value);
      }
    });
    return headers.build();
  }

  /**
   * Writes a portable response with the worker's builder, which keeps one value per header name: repeated header
   * values are comma-joined, and of several {@code Set-Cookie} values only the first is sent (the caller warns).
   */
  static HttpResponseMessage response(HttpRequestMessage<?> message, HttpResponse response) {
    HttpResponseMessage.Builder builder = message.createResponseBuilder(status(response.status()));
    Headers headers = response.headers();
    if (!headers.isEmpty()) {
      for (Map.Entry<String, List<String>> h : headers.asMap().entrySet()) { // no lambda capturing the builder
        List<String> values = h.getValue();
        builder.header(h.getKey(), values.size() == 1 ? values.get(0) : String.join(", ", values));
      }
    }
    List<String> cookies = response.cookies();
    if (!cookies.isEmpty()) {
      builder.header("Set-Cookie", cookies.get(0));
    }
    byte[] body = HttpBodies.of(response); // the response's own array: the worker only reads it
    if (body.length > 0) {
      builder.body(body);
    }
    return builder.build();
  }

  /** How many of the response's cookies {@link #response} could not send. */
  static int droppedCookies(HttpResponse response) {
    return Math.max(0, response.cookies().size() - 1);
  }

  /** {@code HttpStatusType.custom} for every status a response can have (100 to 599), made once, not per response. */
  private static final HttpStatusType[] STATUSES = new HttpStatusType[500];

  static {
    for (int i = 0; i < STATUSES.length; i++) {
      STATUSES[i] = HttpStatusType.custom(100 + i);
    }
  }

  private static HttpStatusType status(int status) {
    return status >= 100 && status <= 599 ? STATUSES[status - 100] : HttpStatusType.custom(status);
  }

  /**
   * The host's route prefix ({@code api} unless host.json changes it) as a path prefix: {@code /api}, or empty for
   * none. Computed once per instance.
   */
  static RoutePrefix routePrefix(String setting) {
    String trimmed = setting.replaceAll("^/+|/+$", "");
    return new RoutePrefix(trimmed.isEmpty() ? "" : "/" + trimmed);
  }

  /**
   * Takes the route prefix off request paths. The last path it cut is kept: an Azure function serves one route,
   * so most requests repeat it, and they get the same string rather than a substring each.
   */
  static final class RoutePrefix {
    private final String prefix;
    /** Immutable, so a thread that sees it sees it whole; threads that race replace it with an equal one. */
    private @Nullable Cut last;

    RoutePrefix(String prefix) {
      this.prefix = prefix;
    }

    private record Cut(String requestPath, String path) {}

    String cut(String requestPath) {
      Cut c = last;
      if (c != null && c.requestPath.equals(requestPath)) {
        return c.path;
      }
      String path = stripPrefix(requestPath, prefix);
      if (path != requestPath) {
        last = new Cut(requestPath, path);
      }
      return path;
    }
  }

  private static String stripPrefix(String path, String prefix) {
    if (prefix.isEmpty()) {
      return path;
    }
    if (path.equals(prefix)) {
      return "/";
    }
    boolean under = path.length() > prefix.length() && path.charAt(prefix.length()) == '/' && path.startsWith(prefix);
    return under ? path.substring(prefix.length()) : path;
  }

  /** The host reads every body except octet-stream and multipart as text; these types were binary before that. */
  static boolean isBinary(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT).trim();
    if (t.isEmpty()) {
      return false;
    }
    boolean textual = t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
        || t.startsWith("application/x-www-form-urlencoded") || t.contains("yaml") || t.contains("graphql")
        || t.contains("csv");
    boolean deliveredAsBytes = t.startsWith("application/octet-stream") || t.startsWith("multipart/");
    return !textual && !deliveredAsBytes;
  }

  /** The caller in an {@code x-forwarded-for} value, read when the function asks: a class, not a capturing lambda. */
  private record Caller(String forwardedFor) implements java.util.function.Supplier<@Nullable String> {
    @Override
    public @Nullable String get() {
      return sourceIp(forwardedFor);
    }
  }

  /** The caller: the first {@code x-forwarded-for} entry, without the {@code :port} App Service may append. */
  private static @Nullable String sourceIp(@Nullable String all) {
    if (all == null || all.isEmpty()) {
      return null;
    }
    int comma = all.indexOf(',');
    String first = (comma < 0 ? all : all.substring(0, comma)).trim();
    if (first.startsWith("[")) {
      int end = first.indexOf(']');
      return end > 0 ? first.substring(1, end) : first;
    }
    int colon = first.indexOf(':');
    return colon > 0 && first.indexOf(':', colon + 1) < 0 ? first.substring(0, colon) : first;
  }
}
