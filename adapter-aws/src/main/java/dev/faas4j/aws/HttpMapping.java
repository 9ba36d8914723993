package dev.faas4j.aws;

import static dev.faas4j.spi.WireJson.array;
import static dev.faas4j.spi.WireJson.bool;
import static dev.faas4j.spi.WireJson.longValue;
import static dev.faas4j.spi.WireJson.object;
import static dev.faas4j.spi.WireJson.present;
import static dev.faas4j.spi.WireJson.requireObject;
import static dev.faas4j.spi.WireJson.requireText;
import static dev.faas4j.spi.WireJson.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.Origin;
import dev.faas4j.event.QueryParameters;
import dev.faas4j.spi.HttpBodies;
import dev.faas4j.spi.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * API Gateway REST (payload 1.0), HTTP API (2.0) and Function URL, and ALB requests into {@link HttpRequest}, and
 * {@link HttpResponse} back into each one's response shape. Shapes and edge cases: platform-payloads.md §2.1–2.5.
 */
final class HttpMapping {
  private HttpMapping() {}

  // ------------------------------------------------------------------ requests

  /** HTTP API payload 2.0 and Function URLs. */
  static HttpRequest fromV2(JsonNode root, byte[] payload) {
    JsonNode rc = requireObject(root, "requestContext", "requestContext");
    JsonNode http = requireObject(rc, "http", "requestContext.http");
    String method = requireText(http, "method", "requestContext.http.method");
    String rawPath = text(root, "rawPath", "rawPath");
    if (rawPath == null) {
      rawPath = text(http, "path", "requestContext.http.path");
    }
    String stage = text(rc, "stage", "requestContext.stage");
    String requestPath = requestPath(rawPath);
    String path = withoutStage(requestPath, stage);
    JsonNode cookies = array(root, "cookies", "cookies");
    Headers.Builder headers = Headers.builder();
    JsonNode h = object(root, "headers", "headers");
    if (h != null) {
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        if (!keepsHeader(e.getKey(), cookies != null)) {
          continue;
        }
        JsonNode v = e.getValue();
        if (!v.isTextual()) {
          throw new InvalidEventException("headers." + e.getKey() + " must be a string"); // named only on error
        }
        headers.add(e.getKey(), v.textValue());
      }
    }
    if (cookies != null && !cookies.isEmpty()) {
      headers.add("cookie", joinCookies(cookies));
    }
    Long time = longValue(rc, "timeEpoch", "requestContext.timeEpoch");
    HttpRequest.Builder request = HttpRequest.builder(method, path)
        .requestPath(requestPath)
        .requestTime(time == null ? null : Instant.ofEpochMilli(time))
        .rawQuery(text(root, "rawQueryString", "rawQueryString"))
        .headers(headers.build());
    body(request, root); // here, so that its errors come in the order they always did
    return request
        .sourceIp(text(http, "sourceIp", "requestContext.http.sourceIp"))
        .origin(Origin.of(EventMapping.PLATFORM, v2Facts(stage, text(root, "routeKey", "routeKey"),
            text(rc, "requestId", "requestContext.requestId"), text(rc, "apiId", "requestContext.apiId"),
            text(rc, "accountId", "requestContext.accountId"), text(rc, "domainName", "requestContext.domainName")),
            payload, Headers.empty()))
        .build();
  }

  /** The path a v2 client sent: {@code rawPath} decoded, with the stage it carries for a named stage. */
  static String requestPath(@Nullable String rawPath) {
    return Wire.percentDecode(rawPath == null || rawPath.isEmpty() ? "/" : rawPath, "rawPath");
  }

  /** The v2 request's facts with no portable place, as origin attributes (Function URLs have the same ones). */
  private static Map<String, String> v2Facts(@Nullable String stage, @Nullable String routeKey,
      @Nullable String requestId, @Nullable String apiId, @Nullable String accountId, @Nullable String domainName) {
    return new OriginAttributes()
        .put("aws.apigateway.stage", stage)
        .put("aws.apigateway.routeKey", routeKey)
        .put("aws.apigateway.requestId", requestId)
        .put("aws.apigateway.apiId", apiId)
        .put("aws.apigateway.accountId", accountId)
        .put("aws.apigateway.domainName", domainName)
        .build();
  }

  /** The route path of a v2 request: the decoded path without the stage it carries for a named stage. */
  static String withoutStage(String path, @Nullable String stage) {
    if (stage != null && !stage.isEmpty() && !stage.equals("$default")) {
      // rawPath carries the stage of a non-default stage (not through a custom domain mapping): routes don't.
      if (path.length() > stage.length() && path.charAt(0) == '/' && path.startsWith(stage, 1)) {
        if (path.length() == stage.length() + 1) {
          path = "/";
        } else if (path.charAt(stage.length() + 1) == '/') {
          path = path.substring(stage.length() + 1);
        }
      }
    }
    return path;
  }

  /** The {@code cookies} array as one {@code Cookie} header value. */
  private static String joinCookies(JsonNode cookies) {
    String joined = null;
    for (int i = 0; i < cookies.size(); i++) {
      JsonNode c = cookies.get(i);
      if (!c.isTextual()) {
        throw new InvalidEventException("cookies[" + i + "] must be a string");
      }
      joined = joinCookie(joined, c.textValue());
    }
    return joined;
  }

  /**
   * The {@code Cookie} value so far ({@code null} for none) with {@code next} after it: the HTTP API 2.0 event's
   * {@code cookies} array, one header again. Both readers of the event ({@link #fromV2} and the streamed reader's
   * lazy headers) join them with this.
   */
  static String joinCookie(@Nullable String joined, String next) {
    return joined == null ? next : joined + "; " + next;
  }

  /**
   * Whether a header of the event is kept: the {@code cookies} array is authoritative, so a {@code Cookie} header
   * beside it (Function URLs send both) is not. Both readers of the event apply this.
   */
  static boolean keepsHeader(String name, boolean cookiesArray) {
    return !cookiesArray || !name.equalsIgnoreCase("cookie");
  }

  /**
   * API Gateway REST, and HTTP APIs with payload 1.0. Routes match {@code path} (without the stage); the client
   * sent {@code requestContext.path} (with the stage, or a custom domain's base path).
   */
  static HttpRequest fromV1(JsonNode root, byte[] payload) {
    String method = requireText(root, "httpMethod", "httpMethod");
    String path = text(root, "path", "path");
    JsonNode rc = object(root, "requestContext", "requestContext");
    JsonNode identity = object(rc, "identity", "requestContext.identity");
    Long time = longValue(rc, "requestTimeEpoch", "requestContext.requestTimeEpoch");
    String sent = text(rc, "path", "requestContext.path");
    Map<String, String> facts = new OriginAttributes()
        .put("aws.apigateway.stage", text(rc, "stage", "requestContext.stage"))
        .put("aws.apigateway.resource", text(root, "resource", "resource"))
        .put("aws.apigateway.resourcePath", text(rc, "resourcePath", "requestContext.resourcePath"))
        .put("aws.apigateway.routeKey", text(rc, "routeKey", "requestContext.routeKey"))
        .put("aws.apigateway.requestId", text(rc, "requestId", "requestContext.requestId"))
        .put("aws.apigateway.extendedRequestId", text(rc, "extendedRequestId", "requestContext.extendedRequestId"))
        .put("aws.apigateway.apiId", text(rc, "apiId", "requestContext.apiId"))
        .put("aws.apigateway.accountId", text(rc, "accountId", "requestContext.accountId"))
        .put("aws.apigateway.domainName", text(rc, "domainName", "requestContext.domainName"))
        .build();
    HttpRequest.Builder request = HttpRequest.builder(method, path == null || path.isEmpty() ? "/" : path)
        .requestPath(sent == null || sent.isEmpty() ? null : sent)
        .requestTime(time == null ? null : Instant.ofEpochMilli(time))
        .rawQuery(decodedQuery(root).toRawQuery())
        .headers(headers(root));
    body(request, root); // here, so that its errors come in the order they always did
    return request
        .sourceIp(text(identity, "sourceIp", "requestContext.identity.sourceIp"))
        .origin(Origin.of(EventMapping.PLATFORM, facts, payload, Headers.empty()))
        .build();
  }

  /** Application Load Balancer: path and query arrive as sent, still percent-encoded. */
  static HttpRequest fromAlb(JsonNode root, byte[] payload) {
    String method = requireText(root, "httpMethod", "httpMethod");
    String path = text(root, "path", "path");
    Headers headers = headers(root);
    String forwarded = headers.first("x-forwarded-for").orElse(null);
    HttpRequest.Builder request = HttpRequest.builder(method, Wire.percentDecode(path == null || path.isEmpty() ? "/" : path, "path"))
        .rawQuery(rawAlbQuery(root))
        .headers(headers);
    body(request, root); // here, so that its errors come in the order they always did
    return request
        .sourceIp(forwarded == null ? null : firstListed(forwarded))
        .origin(Origin.of(EventMapping.PLATFORM, new OriginAttributes()
            .put("aws.elb.targetGroupArn", text(object(object(root, "requestContext", "requestContext"), "elb",
                "requestContext.elb"), "targetGroupArn", "requestContext.elb.targetGroupArn"))
            .build(), payload, Headers.empty()))
        .build();
  }

  /** The client: the first address of {@code X-Forwarded-For}. */
  private static String firstListed(String forwarded) {
    int comma = forwarded.indexOf(',');
    return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
  }

  /** Whether an ALB request came from a target group with multi-value headers, which decides the response shape. */
  static boolean albMultiValue(JsonNode root) {
    return present(root, "multiValueHeaders") != null || present(root, "multiValueQueryStringParameters") != null;
  }

  private static QueryParameters decodedQuery(JsonNode root) {
    Map<String, List<String>> map = multiOrSingle(root, "multiValueQueryStringParameters", "queryStringParameters");
    return QueryParameters.of(map);
  }

  private static String rawAlbQuery(JsonNode root) {
    Map<String, List<String>> map = multiOrSingle(root, "multiValueQueryStringParameters", "queryStringParameters");
    StringBuilder sb = new StringBuilder();
    map.forEach((k, vs) -> vs.forEach(v -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(k).append('=').append(v);
    }));
    return sb.toString();
  }

  private static Headers headers(JsonNode root) {
    return Headers.of(multiOrSingle(root, "multiValueHeaders", "headers"));
  }

  /** The multi-value map if the event has one (it holds every value), else the single-value map. */
  private static Map<String, List<String>> multiOrSingle(JsonNode root, String multiName, String singleName) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    JsonNode multi = object(root, multiName, multiName);
    if (multi != null) {
      for (Map.Entry<String, JsonNode> e : multi.properties()) {
        String path = multiName + "." + e.getKey();
        JsonNode values = e.getValue();
        if (values == null || values.isNull()) {
          continue;
        }
        if (!values.isArray()) {
          throw new InvalidEventException(path + " must be an array of strings");
        }
        List<String> list = new ArrayList<>(values.size());
        for (JsonNode v : values) {
          list.add(headerValue(v, path));
        }
        map.put(e.getKey(), list);
      }
      return map;
    }
    JsonNode single = object(root, singleName, singleName);
    if (single != null) {
      for (Map.Entry<String, JsonNode> e : single.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), List.of(headerValue(e.getValue(), singleName + "." + e.getKey())));
        }
      }
    }
    return map;
  }

  private static String headerValue(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw new InvalidEventException(path + " must be a string");
    }
    return v.textValue();
  }

  /** {@code null}, {@code ""} and a missing body are all no body; {@code isBase64Encoded} is authoritative. */
  private static HttpRequest.Builder body(HttpRequest.Builder request, JsonNode root) {
    String body = text(root, "body", "body");
    boolean base64 = bool(root, "isBase64Encoded", "isBase64Encoded"); // type-checked even without a body
    return body(request, body, base64);
  }

  /**
   * The body: base64 is decoded now (invalid base64 is a 400 at mapping time), text is kept as API Gateway sent it
   * until the function reads it ({@link HttpRequest#json} binds it without encoding it).
   */
  static HttpRequest.Builder body(HttpRequest.Builder request, @Nullable String body, boolean base64) {
    if (body == null || body.isEmpty()) {
      return request.body((byte[]) null);
    }
    return base64 ? request.body(Wire.base64(body, "body")) : request.body(body);
  }

  // ------------------------------------------------------------------ responses

  /** HTTP API 2.0 / Function URL: comma-joined headers, a {@code cookies} array. */
  static void writeV2(HttpResponse r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("statusCode", r.status());
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
      g.writeStringField(e.getKey(), commaJoined(e.getValue()));
    }
    g.writeEndObject();
    if (!r.cookies().isEmpty()) {
      g.writeArrayFieldStart("cookies");
      for (String c : r.cookies()) {
        g.writeString(c);
      }
      g.writeEndArray();
    }
    writeBody(r, g);
    g.writeEndObject();
  }

  /**
   * REST / payload 1.0: every value in {@code multiValueHeaders} (Set-Cookie included), and single-valued headers
   * also in {@code headers} for tools that read only that map (API Gateway prefers the multi-value one).
   */
  static void writeV1(HttpResponse r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("statusCode", r.status());
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
      if (e.getValue().size() == 1) {
        g.writeStringField(e.getKey(), e.getValue().get(0));
      }
    }
    g.writeEndObject();
    writeMultiValueHeaders(r, g);
    writeBody(r, g);
    g.writeEndObject();
  }

  /**
   * ALB: {@code multiValueHeaders} if the request used them (the target group has multi-value headers on), else
   * single {@code headers}, where repeated values are comma-joined and only one Set-Cookie fits.
   */
  static void writeAlb(HttpResponse r, boolean multiValue, JsonGenerator g, Runnable droppedCookies)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("statusCode", r.status());
    g.writeStringField("statusDescription", r.status() + " " + Wire.reasonPhrase(r.status()));
    if (multiValue) {
      writeMultiValueHeaders(r, g);
    } else {
      g.writeObjectFieldStart("headers");
      for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
        g.writeStringField(e.getKey(), commaJoined(e.getValue()));
      }
      if (!r.cookies().isEmpty()) {
        g.writeStringField("Set-Cookie", r.cookies().get(0));
        if (r.cookies().size() > 1) {
          droppedCookies.run();
        }
      }
      g.writeEndObject();
    }
    writeBody(r, g);
    g.writeEndObject();
  }

  /** The values of a header as one (most headers have one value, which is returned as is). */
  private static String commaJoined(List<String> values) {
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  private static void writeMultiValueHeaders(HttpResponse r, JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("multiValueHeaders");
    for (Map.Entry<String, List<String>> e : r.headers().asMap().entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    if (!r.cookies().isEmpty()) {
      g.writeArrayFieldStart("Set-Cookie");
      for (String c : r.cookies()) {
        g.writeString(c);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * A textual body is written as its text (an ASCII one straight from its bytes: its text in any ASCII-compatible
   * charset, escaped by the generator exactly as the text would be); an empty one is {@code ""} either way.
   */
  private static void writeBody(HttpResponse r, JsonGenerator g) throws IOException {
    byte[] body = HttpBodies.of(r); // the response's own array, only read here
    if (body.length == 0) {
      g.writeStringField("body", "");
      g.writeBooleanField("isBase64Encoded", false);
    } else if (r.isTextual()) {
      if (isAscii(body) && asciiCompatible(Wire.charset(r.header("Content-Type").orElse("")))) {
        g.writeFieldName("body");
        g.writeUTF8String(body, 0, body.length);
      } else {
        g.writeStringField("body", r.text());
      }
      g.writeBooleanField("isBase64Encoded", false);
    } else {
      g.writeStringField("body", Base64.getEncoder().encodeToString(body));
      g.writeBooleanField("isBase64Encoded", true);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiCompatible(java.nio.charset.Charset charset) {
    return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
        || charset.equals(StandardCharsets.US_ASCII);
  }

}
