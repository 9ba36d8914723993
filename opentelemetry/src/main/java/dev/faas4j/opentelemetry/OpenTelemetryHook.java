package dev.faas4j.opentelemetry;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.spi.InvocationHook;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * Makes the invocation's trace context the current OpenTelemetry span context while the function runs, so spans
 * that OpenTelemetry-instrumented libraries start are children of the invocation's span, in the caller's trace.
 * faas4j records no span of its own: the invocation's span id is the parent the platform's trace knows as this hop.
 * Found by sdk-core through {@code META-INF/services/dev.faas4j.spi.InvocationHook}.
 */
public final class OpenTelemetryHook implements InvocationHook {
  private static final Scope NOTHING = () -> { };

  @Override
  public Scope enter(InvocationContext context) {
    Optional<TraceContext> trace = context.trace();
    if (trace.isEmpty()) {
      return NOTHING;
    }
    TraceContext t = trace.get();
    SpanContext span = SpanContext.create(t.traceId(), t.spanId(),
        t.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), traceState(t.traceState()));
    io.opentelemetry.context.Scope scope = Context.current().with(Span.wrap(span)).makeCurrent();
    return scope::close;
  }

  /** {@code k=v,k2=v2}; members OpenTelemetry refuses are left out, as W3C lets a vendor do. */
  static TraceState traceState(String header) {
    if (header.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder b = TraceState.builder();
    String[] members = header.split(",");
    for (int i = members.length - 1; i >= 0; i--) { // put() adds to the front: keep the header's order
      String m = members[i].trim();
      int eq = m.indexOf('=');
      if (eq > 0) {
        b.put(m.substring(0, eq), m.substring(eq + 1));
      }
    }
    return b.build();
  }
}
