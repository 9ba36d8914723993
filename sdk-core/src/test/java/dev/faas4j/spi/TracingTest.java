package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PutOptions;
import dev.faas4j.spi.log.CapturingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How the dispatcher continues a trace per message and makes the invocation current for ports and log bridges. */
class TracingTest {
  private static final Instant T = CapturingSink.NOW;
  private static final String PRODUCER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final TraceContext PLATFORM =
      TraceContext.fromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").orElseThrow();
  private final CapturingSink logs = new CapturingSink();

  private Dispatcher dispatcher(Consumer<Functions> configure) {
    return new Dispatcher(FunctionRegistry.of((f, p) -> configure.accept(f), new NoPorts()), "test",
        logs.config());
  }

  private static QueueMessage message(String id, Map<String, String> attributes) {
    return QueueMessage.builder().id(id).queue("q").time(T).body("x").attributes(attributes).build();
  }

  @Test
  void eachMessageContinuesWhatItCarriesThenItsNativeTraceThenTheInvocations() {
    Map<String, TraceContext> seen = new LinkedHashMap<>();
    Dispatcher d = dispatcher(f -> f.onQueueMessage("q", queue("q").batchSize(10),
        (m, c) -> seen.put(m.id(), c.trace().orElseThrow())));
    TraceContext nativeTrace =
        TraceContext.fromTraceparent("00-11111111111111111111111111111111-2222222222222222-01").orElseThrow();

    d.deliver(Delivery.builder(new Invocation("inv", T.plusSeconds(5), Optional.of(PLATFORM)))
        .event(message("attr", Map.of("traceparent", PRODUCER, "tracestate", "k=v")), Optional.of(nativeTrace))
        .event(message("native", Map.of()), Optional.of(nativeTrace))
        .event(message("hostile", Map.of("traceparent", "../../etc/passwd\n")))
        .build());

    assertThat(seen.get("attr").traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(seen.get("attr").parentSpanId()).contains("00f067aa0ba902b7");
    assertThat(seen.get("attr").traceState()).isEqualTo("k=v");
    assertThat(seen.get("native").traceId()).isEqualTo("11111111111111111111111111111111");
    assertThat(seen.get("native").parentSpanId()).contains("2222222222222222");
    // A malformed traceparent restarts nothing and fails nothing: the invocation's trace is continued.
    assertThat(seen.get("hostile").traceId()).isEqualTo(PLATFORM.traceId());
    assertThat(seen.get("hostile").parentSpanId()).contains(PLATFORM.spanId());
    assertThat(logs.at("WARN")).isEmpty();
  }

  @Test
  void aTopicMessageContinuesItsProducersTraceAndLogsItsOwnSpan() {
    List<InvocationContext> seen = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.onTopicMessage("t", topic("t"), (m, c) -> {
      seen.add(c);
      c.logger().info("got it");
    }));

    d.deliver(Delivery.of(null, Invocation.of("inv", T.plusSeconds(5)), TopicMessage.builder().id("m").topic("t")
        .time(T).body("x").attributes(Map.of("traceparent", PRODUCER)).build()));

    TraceContext t = seen.get(0).trace().orElseThrow();
    assertThat(t.parentSpanId()).contains("00f067aa0ba902b7");
    assertThat(logs.records().get(0).get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(logs.records().get(0).get("spanId").asText()).isEqualTo(t.spanId());
  }

  @Test
  void theInvocationIsCurrentOnlyWhileTheFunctionRuns() {
    List<Optional<InvocationContext>> during = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      during.add(CurrentInvocation.get());
      return HttpResponse.ok().empty();
    }));

    d.http(null, HttpRequest.builder("GET", "/a").build(),
        new Invocation("inv", T.plusSeconds(5), Optional.of(PLATFORM)));

    assertThat(during.get(0)).isPresent();
    assertThat(during.get(0).get().invocationId()).isEqualTo("inv");
    assertThat(CurrentInvocation.get()).isEmpty();
    assertThat(CurrentInvocation.trace()).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the bindings are used for their scope only
  void aBoundLogTargetHoldsAroundTheInvocationAndOutlivesIt() {
    List<Object> during = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      during.add(CurrentInvocation.logTarget());
      return HttpResponse.ok().empty();
    }));
    Object outer = new Object();
    Object inner = new Object();

    Object afterCall;
    Object restored;
    try (InvocationHook.Scope o = CurrentInvocation.logTarget(outer)) {
      try (InvocationHook.Scope i = CurrentInvocation.logTarget(inner)) { // a nested binding
        d.http(null, HttpRequest.builder("GET", "/a").build(), Invocation.of("inv", T.plusSeconds(5)));
        afterCall = CurrentInvocation.logTarget();
      }
      restored = CurrentInvocation.logTarget();
    }

    assertThat(during).containsExactly(inner);
    assertThat(afterCall).isSameAs(inner); // ending the invocation clears the invocation, not the binding
    assertThat(restored).isSameAs(outer);
    assertThat(CurrentInvocation.logTarget()).isNull();
    assertThat(CurrentInvocation.get()).isEmpty();
  }

  @Test
  void anOutermostBindingEndsWithTheThreadsOwnScopeNotOneMadePerCall() {
    InvocationHook.Scope first = CurrentInvocation.logTarget("a");
    first.close();
    InvocationHook.Scope second = CurrentInvocation.logTarget("b");
    Object bound = CurrentInvocation.logTarget();
    second.close();

    assertThat(second).isSameAs(first);
    assertThat(bound).isEqualTo("b");
    assertThat(CurrentInvocation.logTarget()).isNull();
  }

  @Test
  @SuppressWarnings("try") // the binding is used for its scope only
  void eachThreadHasItsOwnLogTarget() throws Exception {
    try (InvocationHook.Scope s = CurrentInvocation.logTarget("main")) {
      Object[] seen = new Object[1];
      Thread other = new Thread(() -> seen[0] = CurrentInvocation.logTarget());
      other.start();
      other.join();

      assertThat(seen[0]).isNull();
      assertThat(CurrentInvocation.logTarget()).isEqualTo("main");
    }
  }

  @Test
  void aLibraryLoggerInsideAnInvocationWritesItsLinesAndOutsideRuntimeLines() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      CurrentInvocation.logger("software.amazon.awssdk.request").orElseThrow().info("Sending Request");
      return HttpResponse.ok().empty();
    }));

    d.http(null, HttpRequest.builder("GET", "/a").build(),
        new Invocation("inv-7", T.plusSeconds(5), Optional.of(PLATFORM)));
    CurrentInvocation.logger("com.example.lib").orElseThrow().info("idle");

    assertThat(logs.records().get(0).get("logger").asText()).isEqualTo("software.amazon.awssdk.request");
    assertThat(logs.records().get(0).get("invocationId").asText()).isEqualTo("inv-7");
    assertThat(logs.records().get(0).get("traceId").asText()).isEqualTo(PLATFORM.traceId());
    assertThat(logs.records().get(1).has("invocationId")).isFalse();
    assertThat(logs.records().get(1).get("logger").asText()).isEqualTo("com.example.lib");
  }

  @Test
  void outgoingAttributesKeepTheUsersOwnAndTheLimit() {
    TraceContext t = TraceContext.fromTraceparent(PRODUCER, "k=v").orElseThrow();

    assertThat(TraceAttributes.outgoing(Map.of("a", "1"), t, 10))
        .containsEntry("traceparent", PRODUCER).containsEntry("tracestate", "k=v").containsEntry("a", "1");
    assertThat(TraceAttributes.outgoing(Map.of("traceparent", "mine"), t, 10)).containsOnlyKeys("traceparent")
        .containsEntry("traceparent", "mine");
    Map<String, String> nine = new LinkedHashMap<>();
    for (int i = 0; i < 9; i++) {
      nine.put("a" + i, "v");
    }
    assertThat(TraceAttributes.outgoing(nine, t, 10)).hasSize(10).containsKey("traceparent")
        .doesNotContainKey("tracestate");
    nine.put("a9", "v");
    assertThat(TraceAttributes.outgoing(nine, t, 10)).isSameAs(nine);
  }

  @Test
  void outsideAnInvocationNothingIsAdded() {
    OutgoingMessage m = OutgoingMessage.text("x");
    assertThat(TraceAttributes.outgoing(m)).isSameAs(m);
    assertThat(TraceAttributes.metadata(PutOptions.defaults())).isSameAs(PutOptions.defaults());
  }

  @Test
  void objectMetadataPastTheSizeLimitIsWrittenWithoutTheTrace() {
    List<PutOptions> written = new ArrayList<>();
    String big = "x".repeat(2000 - 10);
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      written.add(TraceAttributes.metadata(PutOptions.defaults().metadata("big", big)));
      written.add(TraceAttributes.metadata(PutOptions.defaults().metadata("small", "1")));
      return HttpResponse.ok().empty();
    }));

    d.http(null, HttpRequest.builder("GET", "/a").build(),
        new Invocation("inv", T.plusSeconds(5), Optional.of(PLATFORM)));

    assertThat(written.get(0).metadata()).containsOnlyKeys("big");
    assertThat(written.get(1).metadata()).containsKeys("small", "traceparent");
  }

  /**
   * An invocation's span is made when its trace is first read (most functions never ask), and it is one span: the
   * function's threads that ask at once all get it, continuing the caller's.
   */
  @Test
  void anInvocationsSpanIsMadeOnFirstReadAndIsOneSpanForEveryThread() throws Exception {
    List<InvocationContext> contexts = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.http("h", route("GET /h"), (r, c) -> {
      contexts.add(c);
      return HttpResponse.ok().empty();
    }));
    for (int round = 0; round < 20; round++) {
      d.http(null, HttpRequest.builder("GET", "/h").build(), new Invocation("inv", T.plusSeconds(5),
          Optional.of(PLATFORM)));
    }
    for (InvocationContext c : contexts) {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<TraceContext>> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          reads.add(pool.submit(() -> {
            start.await();
            return c.trace().orElseThrow();
          }));
        }
        TraceContext first = reads.get(0).get();
        for (java.util.concurrent.Future<TraceContext> r : reads) {
          assertThat(r.get()).isSameAs(first);
        }
        assertThat(first.traceId()).isEqualTo(PLATFORM.traceId());
        assertThat(first.parentSpanId()).contains(PLATFORM.spanId());
        assertThat(first.spanId()).isNotEqualTo(PLATFORM.spanId());
        assertThat(c.trace().orElseThrow()).isSameAs(first);
      } finally {
        pool.shutdownNow();
      }
    }
    // each invocation its own span
    assertThat(contexts.stream().map(c -> c.trace().orElseThrow().spanId()).distinct()).hasSize(contexts.size());
  }
}
