package dev.faas4j.local.testkit;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** One trace from an HTTP request through a topic, a queue and an object write, on the local runtime's engine. */
class TracePropagationTest {
  private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

  /** HTTP -> topic -> queue -> object write -> object function; records each hop's context by its payload. */
  static final class Chain implements FunctionApp {
    final Map<String, TraceContext> traces = new ConcurrentHashMap<>();
    final Map<String, String> invocations = new ConcurrentHashMap<>();

    @Override
    public void configure(Functions f, Platform p) {
      MessagePublisher orders = p.messagePublisher("orders");
      MessageQueue work = p.messageQueue("work");
      ObjectStorage results = p.objectStorage("results");
      f.http("start", route("POST /start"), (request, c) -> {
        record("start", request.text(), c);
        orders.publish(OutgoingMessage.text(request.text()));
        return HttpResponse.noContent().empty();
      });
      f.onTopicMessage("fanIn", topic("orders"), (m, c) -> {
        record("fanIn", m.text(), c);
        work.send(OutgoingMessage.text(m.text()));
      });
      f.onQueueMessage("work", queue("work").batchSize(10), (m, c) -> {
        record("work", m.text(), c);
        results.put("out/" + m.text(), m.body());
      });
      f.onObject("done", bucket("results"), (e, c) -> record("done", e.key().substring(4), c));
    }

    private void record(String function, String key, InvocationContext c) {
      traces.put(function + ":" + key, c.trace().orElseThrow());
      invocations.put(function + ":" + key, c.invocationId());
    }
  }

  @Test
  void oneTraceFollowsTheRequestAcrossEveryHopWithEachHopTheNextOnesParent() {
    Chain chain = new Chain();
    AppHarness app = AppHarness.start(chain);

    app.http(TestEvents.http("POST", "/start").text("a")
        .header("traceparent", "00-" + TRACE_A + "-00f067aa0ba902b7-01").header("tracestate", "vendor=a").build());
    app.http(TestEvents.http("POST", "/start").text("b")
        .header("traceparent", "00-" + TRACE_B + "-b7ad6b7169203331-00").build());
    app.drain();

    assertChain(chain, "a", TRACE_A, "00f067aa0ba902b7");
    assertChain(chain, "b", TRACE_B, "b7ad6b7169203331");
    assertThat(chain.traces.get("done:a").traceState()).isEqualTo("vendor=a");
    assertThat(chain.traces.get("done:b").sampled()).isFalse();
  }

  @Test
  void inOneBatchEachMessagesContextContinuesItsOwnProducersTrace() {
    Map<String, TraceContext> sent = new ConcurrentHashMap<>();
    Map<String, TraceContext> received = new ConcurrentHashMap<>();
    Map<String, String> invocations = new ConcurrentHashMap<>();
    AppHarness app = AppHarness.start((f, p) -> {
      MessageQueue work = p.messageQueue("work");
      f.http("start", route("POST /start"), (request, c) -> {
        sent.put(request.text(), c.trace().orElseThrow());
        work.send(OutgoingMessage.text(request.text()));
        return HttpResponse.noContent().empty();
      });
      f.onQueueMessage("work", queue("work").batchSize(10), (m, c) -> {
        received.put(m.text(), c.trace().orElseThrow());
        invocations.put(m.text(), c.invocationId());
      });
    });

    app.http(TestEvents.http("POST", "/start").text("a")
        .header("traceparent", "00-" + TRACE_A + "-00f067aa0ba902b7-01").build());
    app.http(TestEvents.http("POST", "/start").text("b")
        .header("traceparent", "00-" + TRACE_B + "-b7ad6b7169203331-01").build());
    app.drain();

    assertThat(invocations.get("a")).isEqualTo(invocations.get("b")); // one batch
    for (String key : new String[] {"a", "b"}) {
      assertThat(received.get(key).traceId()).isEqualTo(sent.get(key).traceId());
      assertThat(received.get(key).parentSpanId()).contains(sent.get(key).spanId());
    }
  }

  static void assertChain(Chain chain, String key, String traceId, String callerSpan) {
    String parent = callerSpan;
    for (String hop : new String[] {"start", "fanIn", "work", "done"}) {
      TraceContext t = chain.traces.get(hop + ":" + key);
      assertThat(t.traceId()).as(hop).isEqualTo(traceId);
      assertThat(t.parentSpanId()).as(hop).contains(parent);
      assertThat(t.spanId()).as(hop).isNotEqualTo(parent);
      parent = t.spanId();
    }
  }

  @Test
  void aMessageSentOutsideAnInvocationCarriesNoTraceAndStartsOne() {
    Chain chain = new Chain();
    AppHarness app = AppHarness.start(chain);

    app.send("work", OutgoingMessage.text("x"));
    app.drain();

    TraceContext work = chain.traces.get("work:x");
    assertThat(work).isNull(); // no trace at all: the context's trace is empty, record() would have thrown
  }

  @Test
  void theUsersOwnTraceparentAttributeIsNotOverwritten() {
    String own = "00-" + TRACE_B + "-1111111111111111-01";
    Map<String, String> seen = new ConcurrentHashMap<>();
    AppHarness app = AppHarness.start((f, p) -> {
      MessageQueue work = p.messageQueue("work");
      f.http("start", route("POST /start"), (request, c) -> {
        work.send(OutgoingMessage.text("x").attribute("traceparent", own));
        return HttpResponse.noContent().empty();
      });
      f.onQueueMessage("work", queue("work"), (m, c) -> {
        seen.put("attribute", m.attribute("traceparent").orElseThrow());
        seen.put("parent", c.trace().orElseThrow().parentSpanId().orElseThrow());
      });
    });

    app.http(TestEvents.http("POST", "/start").header("traceparent", "00-" + TRACE_A + "-00f067aa0ba902b7-01")
        .build());
    app.drain();

    assertThat(seen).containsEntry("attribute", own).containsEntry("parent", "1111111111111111");
  }

  @Test
  void anObjectWrittenInsideAnInvocationCarriesItsTraceInMetadata() {
    AppHarness app = AppHarness.start((f, p) -> {
      ObjectStorage results = p.objectStorage("results");
      f.http("start", route("POST /start"), (request, c) -> {
        results.put("a", "x".getBytes(StandardCharsets.UTF_8));
        return HttpResponse.noContent().empty();
      });
    });

    app.http(TestEvents.http("POST", "/start").header("traceparent", "00-" + TRACE_A + "-00f067aa0ba902b7-01")
        .build());

    assertThat(app.objectStorage("results").head("a").orElseThrow().metadata().get("traceparent"))
        .startsWith("00-" + TRACE_A + "-").doesNotContain("00f067aa0ba902b7");
  }
}
