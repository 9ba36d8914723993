package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The lean hand-written Lambda handler for an API Gateway HTTP API (payload 2.0) event: reads the event as a Jackson
 * tree and writes the v2 response with a {@code JsonGenerator}, binding no event records. This is the baseline of the
 * cold-start and function-CPU budgets (design.md: a heavier, record-binding baseline such as
 * {@link ApiGatewayV2Baseline} loads more classes and hides our cost).
 *
 * <p>The greeting body is still bound to a record and the reply serialised by the mapper: that is the function's own
 * work, which faas4j's {@code Greet} does the same way, so the comparison isolates the event handling.
 */
public final class ApiGatewayV2LeanBaseline implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = MAPPER.readTree(input);
    JsonNode http = event.path("requestContext").path("http");
    if (!"POST".equals(http.path("method").textValue()) || !"/greet".equals(event.path("rawPath").textValue())) {
      write(output, 404, "{\"error\":\"Not Found\"}");
      return;
    }
    String text = event.path("body").textValue();
    byte[] body = text == null ? new byte[0]
        : event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(text)
        : text.getBytes(StandardCharsets.UTF_8);
    Greeting greeting;
    try {
      greeting = MAPPER.readValue(body, Greeting.class);
    } catch (IOException e) {
      write(output, 400, "{\"error\":\"Bad Request\"}");
      return;
    }
    write(output, 200, MAPPER.writeValueAsString(greeting.reply()));
  }

  private static void write(OutputStream output, int status, String body) throws IOException {
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(output)) {
      g.writeStartObject();
      g.writeNumberField("statusCode", status);
      g.writeObjectFieldStart("headers");
      g.writeStringField("content-type", "application/json");
      g.writeEndObject();
      g.writeStringField("body", body);
      g.writeBooleanField("isBase64Encoded", false);
      g.writeEndObject();
    }
  }
}
