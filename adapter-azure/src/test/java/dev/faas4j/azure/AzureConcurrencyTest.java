package dev.faas4j.azure;

import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionFailedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The Java worker runs concurrent invocations on one instance: one {@link AzureHandler} driven from 16 threads with
 * HTTP and queue invocations, successes and failures, where every response and every log line must belong to its
 * own invocation.
 */
class AzureConcurrencyTest {
  private static final int THREADS = 16;
  private static final int INVOCATIONS = 50;

  private final FunctionApp app = (f, platform) -> {
    f.http("echo", route("POST /echo"), (req, ctx) -> {
      ctx.logger().info("echoing", "body", req.text());
      return HttpResponse.ok().header("X-Invocation", ctx.invocationId()).text(req.text());
    });
    f.http("boom", route("GET /boom"), (req, ctx) -> {
      throw new IllegalStateException("boom");
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      ctx.logger().info("order", "body", m.text());
      if (m.text().startsWith("fail")) {
        throw new IllegalStateException("cannot process");
      }
    });
  };

  @Test
  void everyResponseAndLogLineBelongsToItsOwnInvocation() throws Exception {
    AzureHandler handler = new AzureHandler(app, new InMemoryPlatform(), Map.<String, String>of()::get);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < INVOCATIONS; i++) {
          invoke(handler, (thread + i) % 4, "t" + thread + "-i" + i);
        }
        return INVOCATIONS;
      }));
    }
    start.countDown();
    int done = 0;
    for (Future<Integer> f : results) {
      done += f.get();
    }
    pool.shutdown();
    assertThat(done).isEqualTo(THREADS * INVOCATIONS);
  }

  private static void invoke(AzureHandler handler, int kind, String text) {
    FakeWorker.Context ctx = new FakeWorker.Context(switch (kind) {
      case 0 -> "echo";
      case 1 -> "boom";
      default -> "orders";
    });
    switch (kind) {
      case 0 -> {
        HttpResponseMessage r = handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/echo",
            Optional.of(text), "Content-Type", "text/plain"), ctx);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(new String((byte[]) r.getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(r.getHeader("X-Invocation")).isEqualTo(ctx.invocationId);
        assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("\"body\":\"" + text + "\""));
      }
      case 1 -> {
        HttpResponseMessage r = handler.http(new FakeWorker.Request<>(HttpMethod.GET, "http://localhost/api/boom",
            Optional.<String>empty()), ctx);
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(new String((byte[]) r.getBody(), StandardCharsets.UTF_8)).contains(ctx.invocationId);
        assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("Invocation failed"));
      }
      case 2 -> {
        handler.queue(text.getBytes(StandardCharsets.UTF_8), "m-" + text, "1", null, ctx);
        assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("\"body\":\"" + text + "\""));
      }
      default -> {
        assertThatThrownBy(() -> handler.queue(("fail-" + text).getBytes(StandardCharsets.UTF_8), "m-" + text, "1",
            null, ctx)).isInstanceOf(FunctionFailedException.class);
        assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("\"body\":\"fail-" + text + "\""))
            .anySatisfy(line -> assertThat(line).contains("Invocation failed"));
      }
    }
    assertThat(ctx.lines()).as("log lines of invocation " + ctx.invocationId).isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("\"invocationId\":\"" + ctx.invocationId + "\""));
  }
}
