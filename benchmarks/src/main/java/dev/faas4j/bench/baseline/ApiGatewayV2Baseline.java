package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written Lambda handler for an API Gateway HTTP API (payload 2.0) event, using Jackson directly: binds the
 * event (method, path, query, headers, cookies, source IP, body), decodes a base64 body, binds the JSON body, and
 * writes the v2 response. The same work as faas4j's adapter and the {@code Greet} function, without the portable
 * layer in between.
 */
public final class ApiGatewayV2Baseline implements RequestStreamHandler {
  /** The parts of the v2 event a handler reads. */
  public record Event(@Nullable String rawPath, @Nullable String rawQueryString, @Nullable List<String> cookies,
      @Nullable Map<String, String> headers, @Nullable Map<String, String> queryStringParameters,
      @Nullable RequestContext requestContext, @Nullable String body, boolean isBase64Encoded) {}

  /** {@code requestContext}. */
  public record RequestContext(@Nullable String requestId, @Nullable Http http) {}

  /** {@code requestContext.http}. */
  public record Http(@Nullable String method, @Nullable String path, @Nullable String sourceIp) {}

  /** The v2 response. */
  public record Response(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {}

  private static final Map<String, String> JSON = Map.of("content-type", "application/json");

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Event event = MAPPER.readValue(input, Event.class);
    Http http = event.requestContext() == null ? null : event.requestContext().http();
    if (http == null || !"POST".equals(http.method()) || !"/greet".equals(event.rawPath())) {
      MAPPER.writeValue(output, new Response(404, JSON, "{\"error\":\"Not Found\"}", false));
      return;
    }
    byte[] body = event.body() == null ? new byte[0]
        : event.isBase64Encoded() ? Base64.getDecoder().decode(event.body())
        : event.body().getBytes(StandardCharsets.UTF_8);
    Greeting greeting;
    try {
      greeting = MAPPER.readValue(body, Greeting.class);
    } catch (IOException e) {
      MAPPER.writeValue(output, new Response(400, JSON, "{\"error\":\"Bad Request\"}", false));
      return;
    }
    String reply = MAPPER.writeValueAsString(greeting.reply());
    MAPPER.writeValue(output, new Response(200, JSON, reply, false));
  }
}
