package dev.faas4j.opentelemetry;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.log.LogConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Through a real dispatcher, which finds the hook on the class path through META-INF/services. */
class OpenTelemetryHookTest {
  private static final TraceContext CALLER = TraceContext
      .fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=1,congo=2").orElseThrow();

  @Test
  void theInvocationsSpanIsCurrentWhileTheFunctionRunsAndOnlyThen() {
    List<SpanContext> seen = new ArrayList<>();
    List<TraceContext> traces = new ArrayList<>();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> f.http("a", route("GET /a"), (r, c) -> {
      seen.add(Span.current().getSpanContext());
      traces.add(c.trace().orElseThrow());
      return HttpResponse.ok().empty();
    }), new InMemoryPlatform()), "test", LogConfig.defaults());

    d.http(null, HttpRequest.builder("GET", "/a").build(),
        new Invocation("inv", Instant.now().plusSeconds(5), Optional.of(CALLER)));

    SpanContext span = seen.get(0);
    assertThat(span.getTraceId()).isEqualTo(CALLER.traceId());
    assertThat(span.getSpanId()).isEqualTo(traces.get(0).spanId());
    assertThat(span.isSampled()).isTrue();
    assertThat(span.getTraceState().get("rojo")).isEqualTo("1");
    assertThat(span.getTraceState().get("congo")).isEqualTo("2");
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void withoutATraceNothingIsMadeCurrent() {
    List<SpanContext> seen = new ArrayList<>();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> f.http("a", route("GET /a"), (r, c) -> {
      seen.add(Span.current().getSpanContext());
      return HttpResponse.ok().empty();
    }), new InMemoryPlatform()), "test", LogConfig.defaults());

    d.http(null, HttpRequest.builder("GET", "/a").build(), Invocation.of("inv", Instant.now().plusSeconds(5)));

    assertThat(seen.get(0).isValid()).isFalse();
  }

  @Test
  void aMalformedTracestateMemberIsLeftOut() {
    assertThat(OpenTelemetryHook.traceState("ok=1,BAD KEY=2,=3").asMap()).containsOnlyKeys("ok");
  }
}
