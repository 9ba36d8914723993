package dev.faas4j.gcp;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.RetryableException;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The invoker is multi-threaded: one {@link GcpHttpFunction} serves concurrent requests. Nothing of an invocation
 * may leak into another: each response and each log line must belong to its own request.
 */
class ConcurrentInvocationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS = 16;
  private static final int PER_THREAD = 50;

  /** What each kind of request is answered with, and the one log line it leaves (null: none). */
  private enum Kind {
    HTTP(200, "echo"),
    TOPIC_OK(204, "message"),
    TOPIC_REJECTED(400, "Invocation rejected"),
    TOPIC_FLAKY(503, "Invocation failed"),
    OUTSIDE_PREFIX(204, "Event skipped");

    final int status;
    final String logMessage;

    Kind(int status, String logMessage) {
      this.status = status;
      this.logMessage = logMessage;
    }
  }

  private static final FunctionApp APP = (f, platform) -> {
    f.http("echo", route("GET /echo/{id}"), (req, ctx) -> {
      ctx.logger().info("echo", "id", req.pathParameter("id"));
      return HttpResponse.ok().json(Map.of("id", req.pathParameter("id"), "invocationId", ctx.invocationId()));
    });
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> {
      if (m.text().startsWith("reject")) {
        throw new InvalidEventException("refused " + m.text());
      }
      if (m.text().startsWith("flaky")) {
        throw new RetryableException("later " + m.text());
      }
      ctx.logger().info("message", "text", m.text());
    });
    f.onObject("resize", bucket("photos").prefix("in/"), (e, ctx) -> {
      throw new AssertionError("an object outside the prefix ran the function");
    });
  };

  @Test
  void everyResponseAndLogLineBelongsToItsOwnInvocation() throws Exception {
    ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
    GcpHttpFunction function = new GcpHttpFunction(GcpHttpFunctionTest.adapter(APP, Map.of(),
        (level, line) -> logs.add(line)));
    Map<String, Kind> kinds = new HashMap<>();
    List<List<String>> idsPerThread = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < PER_THREAD; i++) {
        String id = "inv-" + t + "-" + i;
        kinds.put(id, Kind.values()[(t + i) % Kind.values().length]);
        ids.add(id);
      }
      idsPerThread.add(ids);
    }
    List<Future<?>> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (List<String> ids : idsPerThread) {
        results.add(pool.submit(() -> {
          for (String id : ids) {
            check(function, id, kinds.get(id)); // read-only from here on
          }
          return null;
        }));
      }
      for (Future<?> r : results) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Integer> linesPerInvocation = new HashMap<>();
    for (String line : logs) {
      JsonNode log = JSON.readTree(line);
      JsonNode label = log.path("logging.googleapis.com/labels").path("execution_id");
      String id = label.isMissingNode() ? log.path("invocationId").asText() : label.asText();
      Kind kind = kinds.get(id);
      assertThat(kind).as(line).isNotNull();
      assertThat(log.path("message").asText()).as(line).startsWith(kind.logMessage);
      // the fields that name the request's own data carry its id
      switch (kind) {
        case HTTP -> assertThat(log.path("id").asText()).isEqualTo(id);
        case TOPIC_OK -> assertThat(log.path("text").asText()).isEqualTo("ok " + id);
        case TOPIC_REJECTED -> assertThat(log.path("error").path("message").asText()).isEqualTo("refused reject " + id);
        case TOPIC_FLAKY, OUTSIDE_PREFIX -> assertThat(line).contains(id);
      }
      linesPerInvocation.merge(id, 1, Integer::sum);
    }
    assertThat(linesPerInvocation).hasSize(THREADS * PER_THREAD).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
  }

  private static void check(GcpHttpFunction function, String id, Kind kind) throws Exception {
    FakeHttp.Request request = switch (kind) {
      case HTTP -> new FakeHttp.Request("GET", "/echo/" + id);
      case TOPIC_OK -> published(id, "ok " + id);
      case TOPIC_REJECTED -> published(id, "reject " + id);
      case TOPIC_FLAKY -> published(id, "flaky " + id);
      case OUTSIDE_PREFIX -> TriggerFilterTest.storage("google.cloud.storage.object.v1.finalized", "photos",
          "out/" + id + ".jpg");
    };
    FakeHttp.Response response = new FakeHttp.Response();
    function.service(request.header("Function-Execution-Id", id), response);

    assertThat(response.status).as(id).isEqualTo(kind.status);
    if (kind == Kind.HTTP) {
      JsonNode body = JSON.readTree(response.body.toByteArray());
      assertThat(body.get("id").asText()).isEqualTo(id);
      assertThat(body.get("invocationId").asText()).isEqualTo(id);
    } else if (kind.status >= 400) {
      JsonNode body = JSON.readTree(response.body.toByteArray());
      assertThat(body.get("invocationId").asText()).isEqualTo(id);
      if (kind == Kind.TOPIC_REJECTED) {
        assertThat(body.get("message").asText()).isEqualTo("refused reject " + id);
      }
    }
  }

  /** A messagePublished event (binary CloudEvent) whose message id is the invocation's id. */
  private static FakeHttp.Request published(String id, String text) {
    String data = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return GcpHttpFunctionTest.binaryCe("google.cloud.pubsub.topic.v1.messagePublished",
        "//pubsub.googleapis.com/projects/my-project/topics/user-created")
        .json("{\"subscription\": \"projects/my-project/subscriptions/s\", \"message\": {\"data\": \"" + data
            + "\", \"messageId\": \"" + id + "\"}}");
  }
}
