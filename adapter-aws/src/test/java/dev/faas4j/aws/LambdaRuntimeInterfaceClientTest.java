package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real AWS Lambda Runtime Interface Client (aws-lambda-java-runtime-interface-client), run
 * in its own JVM with the documented command line and a clean environment, against a Runtime API served on
 * loopback by the test: the event goes in through {@code /next}, and the wire response (or error) the client posts
 * back is checked.
 */
class LambdaRuntimeInterfaceClientTest {
  private static final String HANDLER = "dev.faas4j.aws.LambdaHandler::handleRequest";
  private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  @TempDir
  static Path taskRoot;
  private static RuntimeApiServer api;
  private static Process runtime;
  private static Path output;

  @BeforeAll
  static void startRuntime() throws Exception {
    api = new RuntimeApiServer();
    output = taskRoot.resolve("runtime.log");
    runtime = api.startClient(HANDLER, taskRoot, List.of(), Map.of("FAAS4J_APP", RuntimeClientApp.class.getName(),
        "FAAS4J_QUEUE_ORDERS", "acme-prod-orders"), output);
  }

  @AfterAll
  static void stopRuntime() throws Exception {
    if (api != null) {
      api.stop(); // the client exits when its Runtime API goes away
    }
    if (runtime != null && !runtime.waitFor(30, TimeUnit.SECONDS)) {
      runtime.destroyForcibly();
    }
  }

  @Test
  void httpApiEventInWireResponseOut() throws Exception {
    String event = new String(Fixtures.bytes("http-api-v2.json"), StandardCharsets.UTF_8)
        .replace("\"rawPath\": \"/echo/caf%C3%A9\"", "\"rawPath\": \"/hello/ann%20lee\"")
        .replace("\"method\": \"POST\"", "\"method\": \"GET\"");

    RuntimeApiServer.Result result = api.invoke("req-http-1", event, TRACE).get(120, TimeUnit.SECONDS);

    assertThat(result.error()).as(result.body()).isFalse();
    JsonNode response = json(result.body());
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("cookies").get(0).asText()).isEqualTo("seen=1");
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode body = json(response.get("body").asText());
    assertThat(body.get("hello").asText()).isEqualTo("ann lee");
    assertThat(body.get("requestId").asText()).isEqualTo("req-http-1");
    assertThat(body.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    assertThat(body.get("remainingPositive").asBoolean()).isTrue();
    assertThat(body.get("platform").asText()).isEqualTo("aws-lambda");
    JsonNode line = logLine("said hello", "req-http-1");
    assertThat(line.get("requestId").asText()).isEqualTo("req-http-1");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.has("timestamp")).isTrue();
    assertThat(line.get("function").asText()).isEqualTo("hello");
  }

  @Test
  void sqsBatchWithAPartialFailure() throws Exception {
    String event = new String(Fixtures.bytes("sqs.json"), StandardCharsets.UTF_8);

    RuntimeApiServer.Result result = api.invoke("req-sqs-1", event, TRACE).get(120, TimeUnit.SECONDS);

    assertThat(result.error()).as(result.body()).isFalse();
    assertThat(json(result.body()).toString())
        .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
  }

  @Test
  void failingFunctionOnANonHttpEventIsReportedToTheErrorEndpoint() throws Exception {
    String event = new String(Fixtures.bytes("sns.json"), StandardCharsets.UTF_8);

    RuntimeApiServer.Result result = api.invoke("req-sns-1", event, TRACE).get(120, TimeUnit.SECONDS);

    assertThat(result.error()).isTrue();
    JsonNode error = json(result.body());
    assertThat(error.get("errorType").asText()).isEqualTo(FunctionFailedException.class.getName());
    assertThat(error.get("errorMessage").asText()).contains("SERVER_ERROR");
    assertThat(result.errorType()).isEqualTo("Runtime.UserException");
    JsonNode line = logLine("Invocation failed", "req-sns-1");
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void unknownEventShapeIsReportedAsATypedError() throws Exception {
    RuntimeApiServer.Result result = api.invoke("req-bad-1", "{\"hello\":\"world\"}", TRACE)
        .get(120, TimeUnit.SECONDS);

    assertThat(result.error()).isTrue();
    assertThat(json(result.body()).get("errorType").asText()).isEqualTo("dev.faas4j.event.InvalidEventException");
    assertThat(json(result.body()).get("errorMessage").asText()).contains("Unrecognised Lambda event");
  }

  private static JsonNode json(String text) {
    return WireJson.tree(text.getBytes(StandardCharsets.UTF_8), "json");
  }

  /** The runtime's log line (Lambda JSON shape) with {@code message} for {@code requestId}. */
  private static JsonNode logLine(String message, String requestId) throws Exception {
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.startsWith("{") && line.contains("\"message\":\"" + message)
          && line.contains("\"requestId\":\"" + requestId + "\"")) {
        return json(line);
      }
    }
    throw new AssertionError("No log line '" + message + "' in " + lines);
  }
}
