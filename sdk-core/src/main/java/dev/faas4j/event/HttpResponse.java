package dev.faas4j.event;

import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP response: status, multi-valued headers, {@code Set-Cookie} values kept apart (every platform writes them
 * differently), and a body.
 *
 * <pre>{@code
 * return HttpResponse.ok().json(Map.of("message", "Success", "id", id));
 * return HttpResponse.status(400).text("Missing name");
 * return HttpResponse.status(302).header("Location", "/login").cookie("session=; Max-Age=0").empty();
 * }</pre>
 */
public final class HttpResponse {
  private static final byte[] NO_BODY = new byte[0];
  private static final String SET_COOKIE = "Set-Cookie";

  static {
    // Adapters write the body out through spi.HttpBodies without the copy body() makes; functions get the copy.
    dev.faas4j.internal.ResponseBodies.install(new BodyReader());
  }

  /** The body field for {@code spi.HttpBodies}: a class, not a lambda, so no bootstrap at start-up. */
  private static final class BodyReader implements java.util.function.Function<HttpResponse, byte[]> {
    @Override
    public byte[] apply(HttpResponse response) {
      return response.body;
    }
  }

  private final int status;
  private final Headers headers;
  private final List<String> cookies;
  private final byte[] body;

  private HttpResponse(int status, Headers headers, List<String> cookies, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.cookies = cookies;
    this.body = body;
  }

  /** Starts a response with the given status (100 to 599). */
  public static Builder status(int status) {
    return new Builder(status);
  }

  public static Builder ok() {
    return new Builder(200);
  }

  public static Builder created() {
    return new Builder(201);
  }

  public static Builder noContent() {
    return new Builder(204);
  }

  public int status() {
    return status;
  }

  /** Headers other than {@code Set-Cookie}. */
  public Headers headers() {
    return headers;
  }

  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /** The {@code Set-Cookie} values, one per cookie. */
  public List<String> cookies() {
    return cookies;
  }

  /** A copy of the body (empty, never null). */
  public byte[] body() {
    return body.clone();
  }


  /**
   * The JSON error body every faas4j answer uses, {@code {"error": ..., "message": ..., "invocationId": ...}}: the
   * reason for the caller and the id that finds the invocation's log lines, never a stack trace.
   */
  public static HttpResponse problem(int status, String error, String message, String invocationId) {
    return problem(status(status), error, message, invocationId);
  }

  /** As {@link #problem(int, String, String, String)} on a builder that already carries headers. */
  public static HttpResponse problem(Builder response, String error, String message, String invocationId) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    body.put("invocationId", invocationId);
    return response.json(body);
  }

  /** The body decoded with the charset of {@code Content-Type}, UTF-8 by default. */
  public String text() {
    return new String(body, HttpRequest.charset(headers.first("Content-Type").orElse("")));
  }

  /** The body read as JSON, for tests and callers; {@link InvalidEventException} if it does not fit {@code type}. */
  public <T> T json(Class<T> type) {
    return Json.read(body, type, "Response body");
  }

  /** Whether the body is text that a platform can carry as a string without base64 (text, JSON, XML, JS, forms). */
  public boolean isTextual() {
    if (headers == JSON_ONLY || headers == TEXT_ONLY) {
      return true; // what json(...) and text(...) set: no lower-cased copy of their type per response
    }
    String type = headers.first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
  }

  public Builder toBuilder() {
    Builder b = new Builder(status);
    b.headers = headers.toBuilder();
    if (!cookies.isEmpty()) {
      b.cookies = new ArrayList<>(cookies);
    }
    return b;
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + headers + ", cookies=" + cookies.size() + ", body=" + body.length
        + " bytes]";
  }

  /** Sets status and headers; a body method ({@link #text}, {@link #json}, {@link #body}, {@link #empty}) ends it. */
  private static final String CONTENT_TYPE = "Content-Type";

  private static final Headers JSON_ONLY = Headers.of(CONTENT_TYPE, "application/json");
  private static final Headers TEXT_ONLY = Headers.of(CONTENT_TYPE, "text/plain; charset=utf-8");

  public static final class Builder {
    private final int status;
    /** Made on the first header: most responses set none but the Content-Type their body method adds. */
    private Headers.@Nullable Builder headers;
    /** Created on the first cookie: most responses set none. */
    private @Nullable List<String> cookies;

    private Builder(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("HTTP status must be between 100 and 599; got " + status);
      }
      this.status = status;
    }

    /** Adds a header value; {@code Set-Cookie} values go to {@link #cookie(String)}. */
    public Builder header(String name, String value) {
      checkValue(name, value);
      if (SET_COOKIE.equalsIgnoreCase(name)) {
        return cookie(value);
      }
      try {
        if (headers == null) {
          headers = Headers.builder();
        }
        headers.add(name, value);
      } catch (InvalidEventException e) {
        // A bad name here is the function's bug (a 500), not bad input from the caller (a 400).
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return this;
    }

    /** Adds a complete {@code Set-Cookie} value, e.g. {@code "id=a3fWa; Max-Age=2592000; Secure; HttpOnly"}. */
    public Builder cookie(String setCookie) {
      checkValue(SET_COOKIE, setCookie);
      if (cookies == null) {
        cookies = new ArrayList<>(2);
      }
      cookies.add(setCookie);
      return this;
    }

    /** A UTF-8 text body with {@code text/plain; charset=utf-8} unless a Content-Type was set. */
    public HttpResponse text(String text) {
      return owned(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** {@code value} written as JSON with {@code application/json} unless a Content-Type was set. */
    public HttpResponse json(Object value) {
      return owned(Json.write(value), "application/json");
    }

    /** A body with the given content type (unless a Content-Type header was set already). The array is copied. */
    public HttpResponse body(byte[] bytes, String contentType) {
      return owned(bytes.length == 0 ? NO_BODY : bytes.clone(), contentType);
    }

    /** A body array nobody else holds (just encoded here): no copy. */
    private HttpResponse owned(byte[] bytes, String contentType) {
      Headers h;
      if (headers == null) {
        h = contentTypeOnly(contentType);
      } else {
        if (!headers.contains(CONTENT_TYPE)) {
          headers.add(CONTENT_TYPE, contentType);
        }
        h = headers.build();
      }
      return new HttpResponse(status, h, frozenCookies(), bytes.length == 0 ? NO_BODY : bytes);
    }

    /** No body. */
    public HttpResponse empty() {
      return new HttpResponse(status, headers == null ? Headers.empty() : headers.build(), frozenCookies(), NO_BODY);
    }

    /** The headers of a response that set none: shared for the body methods' own types, which most responses use. */
    private static Headers contentTypeOnly(String contentType) {
      return switch (contentType) {
        case "application/json" -> JSON_ONLY;
        case "text/plain; charset=utf-8" -> TEXT_ONLY;
        default -> Headers.of(CONTENT_TYPE, contentType);
      };
    }

    private List<String> frozenCookies() {
      return cookies == null ? List.of() : List.copyOf(cookies);
    }

    private static void checkValue(String name, String value) {
      if (value == null) {
        throw new NullPointerException("value of header " + name + " must not be null"); // no message built per call
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("Header " + name + " contains CR, LF or NUL (response splitting)");
        }
      }
    }
  }
}
