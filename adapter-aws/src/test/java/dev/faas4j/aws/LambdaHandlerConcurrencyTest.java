package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.tree;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lambda Managed Instances hand one handler object many concurrent invocations: every response and every log line
 * must belong to its own invocation. One handler, 16 threads x 50 invocations of HTTP, SQS and SNS events that
 * succeed and fail.
 */
class LambdaHandlerConcurrencyTest {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 50;

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  /** Each function logs a marker naming the invocation it was given (the request id travels in the payload). */
  private final FunctionApp app = (f, platform) -> {
    f.http("echo", route("POST /echo/{id}"), (request, ctx) -> {
      String id = request.pathParameter("id");
      ctx.logger().info("echo", "marker", id);
      if (request.text().equals("fail")) {
        throw new IllegalStateException("echo failed");
      }
      return HttpResponse.ok().json(Map.of("id", id, "body", request.text(), "invocationId", ctx.invocationId()));
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      ctx.logger().info("order", "marker", m.text());
      if (m.text().startsWith("fail:")) {
        throw new IllegalStateException("order failed");
      }
    });
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> {
      ctx.logger().info("welcome", "marker", m.text());
      if (m.text().startsWith("boom:")) {
        throw new IllegalStateException("welcome failed");
      }
    });
  };
  private final LambdaHandler handler = new LambdaHandler(app, new InMemoryPlatform(Clock.systemUTC(), Fixtures.ENV),
      Fixtures.ENV::get, (level, line) -> lines.add(line));

  @Test
  void concurrentInvocationsKeepTheirOwnResponsesAndLogLines() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          int failures = 0;
          for (int i = 0; i < PER_THREAD; i++) {
            failures += invokeAndCheck("req-" + thread + "-" + i, i % 6);
          }
          return failures;
        }));
      }
      start.countDown();
      int expectedFailures = 0;
      for (Future<Integer> r : results) {
        expectedFailures += r.get(2, TimeUnit.MINUTES);
      }

      int failureLines = 0;
      int markers = 0;
      for (String text : lines) {
        JsonNode line = WireJson.tree(text.getBytes(StandardCharsets.UTF_8), "log line");
        String requestId = line.path("requestId").asText(null);
        if (line.has("marker")) {
          markers++;
          // markers are "<requestId>" or "<kind>:<requestId>"
          String marker = line.get("marker").asText();
          assertThat(marker.substring(marker.indexOf(':') + 1)).as(text).isEqualTo(requestId);
        }
        if (line.has("messageId")) {
          assertThat(line.get("messageId").asText()).as(text).startsWith(requestId + "/");
        }
        if (line.path("message").asText().equals("Invocation failed")) {
          failureLines++;
          assertThat(requestId).as(text).matches("req-\\d+-\\d+");
        }
      }
      assertThat(failureLines).isEqualTo(expectedFailures);
      assertThat(markers).isGreaterThanOrEqualTo(THREADS * PER_THREAD);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs one invocation of the given kind and checks its response; returns the failures it should have logged. */
  private int invokeAndCheck(String requestId, int kind) throws Exception {
    switch (kind) {
      case 0, 4 -> {
        ObjectNode event = tree("http-api-v2.json");
        String id = requestId;
        event.put("rawPath", "/echo/" + id).put("body", kind == 4 ? "fail" : "body of " + id);
        JsonNode response = Fixtures.invoke(handler, event, requestId);
        if (kind == 4) {
          assertThat(response.get("statusCode").asInt()).isEqualTo(500);
          assertThat(body(response).get("invocationId").asText()).isEqualTo(requestId);
          return 1;
        }
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("body").asText()).isEqualTo("body of " + id);
        assertThat(body.get("invocationId").asText()).isEqualTo(requestId);
        return 0;
      }
      case 1, 3 -> {
        ObjectNode event = tree("sqs.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.remove(2);
        ((ObjectNode) records.get(0)).put("messageId", requestId + "/a").put("body", "ok:" + requestId);
        ((ObjectNode) records.get(1)).put("messageId", requestId + "/b").put("body", "fail:" + requestId);
        JsonNode response = Fixtures.invoke(handler, event, requestId);
        assertThat(response.get("batchItemFailures").toString())
            .isEqualTo("[{\"itemIdentifier\":\"" + requestId + "/b\"}]");
        return 1;
      }
      default -> {
        boolean fail = kind == 5;
        ObjectNode event = tree("sns.json");
        ((ObjectNode) event.at("/Records/0/Sns")).put("Message", (fail ? "boom:" : "ok:") + requestId)
            .put("MessageId", requestId + "/sns");
        try {
          assertThat(Fixtures.invoke(handler, event, requestId)).isNull();
          assertThat(fail).isFalse();
          return 0;
        } catch (FunctionFailedException e) {
          assertThat(fail).as(e.getMessage()).isTrue();
          return 1;
        }
      }
    }
  }

  private static JsonNode body(JsonNode response) {
    return WireJson.tree(response.get("body").asText().getBytes(StandardCharsets.UTF_8), "body");
  }
}
