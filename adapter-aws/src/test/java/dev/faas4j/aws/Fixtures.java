package dev.faas4j.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.spi.WireJson;
import dev.faas4j.FunctionApp;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Loads payload fixtures from {@code src/test/resources/aws} and runs them through a handler. */
final class Fixtures {
  static final Map<String, String> ENV = Map.of(
      "FAAS4J_QUEUE_ORDERS", "https://sqs.us-east-1.amazonaws.com/123456789012/acme-prod-orders",
      "FAAS4J_BUCKET_RAW_IMAGES", "acme-prod-raw-images",
      "FAAS4J_TOPIC_USER_CREATED", "arn:aws:sns:us-east-1:123456789012:user-created");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/aws/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(String name) {
    return (ObjectNode) WireJson.tree(bytes(name), name);
  }

  static LambdaHandler handler(FunctionApp app, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(ENV);
    env.putAll(extraEnv);
    return new LambdaHandler(app, new InMemoryPlatform(java.time.Clock.systemUTC(), env), env::get);
  }

  static LambdaHandler handler(RecordingApp app) {
    return handler(app, Map.of());
  }

  static JsonNode invoke(LambdaHandler handler, byte[] event) throws IOException {
    return invoke(handler, event, "req-1");
  }

  static JsonNode invoke(LambdaHandler handler, JsonNode event, String requestId) throws IOException {
    return invoke(handler, WireJson.write(event), requestId);
  }

  static JsonNode invoke(LambdaHandler handler, byte[] event, String requestId) throws IOException {
    String out = invokeRaw(handler, event, new TestLambdaContext(requestId));
    return out.isEmpty() ? null : WireJson.tree(out.getBytes(StandardCharsets.UTF_8), "response");
  }

  static JsonNode invoke(LambdaHandler handler, JsonNode event) throws IOException {
    return invoke(handler, WireJson.write(event));
  }

  static String invokeRaw(LambdaHandler handler, byte[] event, TestLambdaContext context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.toString(StandardCharsets.UTF_8);
  }
}
