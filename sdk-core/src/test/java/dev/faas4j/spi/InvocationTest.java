package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.spi.log.CapturingSink;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationTest {
  private static final long MILLIS = 1_733_400_000_123L;

  @Test
  void aDeadlineInMillisecondsIsTheInstantItNames() {
    Invocation lazy = Invocation.until("inv", MILLIS, Optional.empty(), Map.of("k", "v"));
    Invocation eager = new Invocation("inv", Instant.ofEpochMilli(MILLIS), Optional.empty(), Map.of("k", "v"));

    assertThat(lazy.deadline()).isEqualTo(Instant.ofEpochMilli(MILLIS)).isSameAs(lazy.deadline());
    assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
    assertThat(lazy.toString()).isEqualTo("Invocation[invocationId=inv, deadline=2024-12-05T12:00:00.123Z, "
        + "trace=Optional.empty, platformAttributes={k=v}]");
    assertThat(lazy).isNotEqualTo(Invocation.until("inv", MILLIS + 1, Optional.empty(), Map.of("k", "v")));
  }

  @Test
  void theFunctionsContextReadsTheInvocationsDeadlineAndAttributes() {
    CapturingSink logs = new CapturingSink();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> f.http("a", route("GET /a"),
        (r, c) -> HttpResponse.ok().header("X-Deadline", c.deadline().toString())
            .header("X-Attr", c.platformAttributes().get("k")).header("X-Id", c.invocationId()).empty()),
        new NoPorts()), "test", logs.config());

    HttpResponse r = d.http("a", HttpRequest.builder("GET", "/a").build(),
        Invocation.until("inv-9", MILLIS, Optional.empty(), Map.of("k", "v")));

    assertThat(r.header("X-Deadline")).contains("2024-12-05T12:00:00.123Z");
    assertThat(r.header("X-Attr")).contains("v");
    assertThat(r.header("X-Id")).contains("inv-9");
  }

  /**
   * A trace handed over unread (Lambda's X-Ray header) is read only if the function asks for its trace, and once
   * however many of the invocation's threads ask at the same time; the function's span continues it.
   */
  @Test
  void aTraceSourceIsReadOnlyWhenAskedAndOnce() throws Exception {
    dev.faas4j.TraceContext platform =
        dev.faas4j.TraceContext.fromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .orElseThrow();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<Optional<dev.faas4j.TraceContext>> source = () -> {
      reads.incrementAndGet();
      return Optional.of(platform);
    };
    java.util.List<dev.faas4j.TraceContext> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> {
      f.http("quiet", route("GET /quiet"), (r, c) -> HttpResponse.ok().empty());
      f.http("traced", route("GET /traced"), (r, c) -> {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
          java.util.List<java.util.concurrent.Future<dev.faas4j.TraceContext>> all = new java.util.ArrayList<>();
          for (int i = 0; i < 8; i++) {
            all.add(pool.submit(() -> {
              start.await();
              return c.trace().orElseThrow();
            }));
          }
          for (java.util.concurrent.Future<dev.faas4j.TraceContext> t : all) {
            seen.add(t.get());
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          pool.shutdownNow();
        }
        return HttpResponse.ok().empty();
      });
    }, new NoPorts()), "test", new CapturingSink().config());

    for (int i = 0; i < 10; i++) {
      d.http("quiet", HttpRequest.builder("GET", "/quiet").build(), Invocation.until("q", MILLIS, source, Map.of()));
    }
    assertThat(reads).hasValue(0);

    Invocation traced = Invocation.until("t", MILLIS, source, Map.of());
    assertThat(d.http("traced", HttpRequest.builder("GET", "/traced").build(), traced).status()).isEqualTo(200);
    assertThat(reads).hasValue(1);
    assertThat(seen).hasSize(8).allSatisfy(t -> assertThat(t).isSameAs(seen.get(0)));
    assertThat(seen.get(0).traceId()).isEqualTo(platform.traceId());
    assertThat(seen.get(0).parentSpanId()).contains(platform.spanId());
    assertThat(traced.trace()).contains(platform);
    assertThat(traced).isEqualTo(Invocation.until("t", MILLIS, Optional.of(platform), Map.of()));
    assertThat(reads).hasValue(1);
  }

  /**
   * The same for an event function (storage here): the platform's trace is read only when the function asks for
   * its trace, and an event that carries none then continues it.
   */
  @Test
  void anEventFunctionReadsTheTraceSourceOnlyWhenAsked() {
    dev.faas4j.TraceContext platform =
        dev.faas4j.TraceContext.fromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .orElseThrow();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<Optional<dev.faas4j.TraceContext>> source = () -> {
      reads.incrementAndGet();
      return Optional.of(platform);
    };
    java.util.List<dev.faas4j.TraceContext> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> {
      f.onObject("quiet", dev.faas4j.trigger.Triggers.bucket("quiet"), (e, c) -> { });
      f.onObject("traced", dev.faas4j.trigger.Triggers.bucket("traced"), (e, c) -> seen.add(c.trace().orElseThrow()));
    }, new NoPorts()), "test", new CapturingSink().config());
    dev.faas4j.event.ObjectEvent quiet = dev.faas4j.event.ObjectEvent.builder().id("e-1").bucket("quiet").key("k")
        .time(Instant.EPOCH).build();
    dev.faas4j.event.ObjectEvent traced = dev.faas4j.event.ObjectEvent.builder().id("e-2").bucket("traced").key("k")
        .time(Instant.EPOCH).build();

    assertThat(d.deliverOne("quiet", Invocation.until("q", MILLIS, source, Map.of()), quiet).isSuccess()).isTrue();
    assertThat(reads).hasValue(0);
    assertThat(d.deliverOne("traced", Invocation.until("t", MILLIS, source, Map.of()), traced).isSuccess()).isTrue();
    assertThat(reads).hasValue(1);
    assertThat(seen).singleElement().satisfies(t -> {
      assertThat(t.traceId()).isEqualTo(platform.traceId());
      assertThat(t.parentSpanId()).contains(platform.spanId());
    });
  }
}
