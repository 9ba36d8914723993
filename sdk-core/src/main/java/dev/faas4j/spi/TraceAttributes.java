package dev.faas4j.spi;

import dev.faas4j.TraceContext;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.Event;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PutOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a trace context travels in message attributes and object metadata: W3C {@code traceparent} and
 * {@code tracestate}, the names the OpenTelemetry messaging conventions use. The dispatcher reads them from every
 * queue and topic message; ports add them to what they send and write. Each adapter adds its cloud's own habit
 * (SQS's {@code AWSTraceHeader}, Service Bus's {@code Diagnostic-Id}) on top.
 */
public final class TraceAttributes {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private TraceAttributes() {}

  /** The trace context {@code attribute} (a lookup by name, null when absent) carries; empty if none or malformed. */
  public static Optional<TraceContext> read(Function<String, @Nullable String> attribute) {
    String parent = attribute.apply(TRACEPARENT);
    return parent == null ? Optional.empty() : TraceContext.fromTraceparent(parent, attribute.apply(TRACESTATE));
  }

  /** The trace an HTTP request's W3C {@code traceparent} and {@code tracestate} headers carry. */
  public static Optional<TraceContext> of(HttpRequest request) {
    return read(name -> request.header(name).orElse(null));
  }

  /** The trace a queue or topic message's attributes carry. */
  static Optional<TraceContext> of(Event event) {
    String parent = attribute(event, TRACEPARENT); // no lambda: this runs for every message delivered
    return parent == null ? Optional.empty()
        : TraceContext.fromTraceparent(parent, attribute(event, TRACESTATE));
  }

  /** The one place that reads a trace attribute: a message attribute as text, or an object's user metadata. */
  private static @Nullable String attribute(Event event, String name) {
    AttributeValue v = event instanceof QueueMessage m ? m.attributes().get(name)
        : event instanceof TopicMessage m ? m.attributes().get(name) : null;
    if (v != null) {
      return v.asText();
    }
    if (event instanceof ObjectEvent o && o.metadata().isPresent()) {
      return o.metadata().get().get(name);
    }
    return null;
  }

  /**
   * {@code attributes} plus the calling thread's invocation's {@code traceparent} and {@code tracestate}, as far as
   * {@code limit} attributes allow ({@code traceparent} first). An attribute the user set under either name is kept
   * as is; outside an invocation {@code attributes} is returned unchanged.
   */
  public static Map<String, String> outgoing(Map<String, String> attributes, int limit) {
    Optional<TraceContext> trace = CurrentInvocation.trace();
    return trace.isEmpty() ? attributes : outgoing(attributes, trace.get(), limit);
  }

  /** {@code attributes} plus {@code trace}, as {@link #outgoing(Map, int)} describes. */
  public static Map<String, String> outgoing(Map<String, String> attributes, TraceContext trace, int limit) {
    if (attributes.containsKey(TRACEPARENT) || attributes.size() >= limit) {
      return attributes;
    }
    Map<String, String> m = new LinkedHashMap<>(attributes);
    m.put(TRACEPARENT, trace.traceparent());
    if (!trace.traceState().isEmpty() && m.size() < limit && !m.containsKey(TRACESTATE)) {
      m.put(TRACESTATE, trace.traceState());
    }
    return m;
  }

  /**
   * {@code message} with the calling thread's invocation's trace context added to its attributes, within
   * {@link OutgoingMessage#MAX_ATTRIBUTES}: for backends whose only attributes are the portable ones.
   */
  public static OutgoingMessage outgoing(OutgoingMessage message) {
    Map<String, String> all = outgoing(message.attributes(), OutgoingMessage.MAX_ATTRIBUTES);
    OutgoingMessage traced = message;
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (!message.attributes().containsKey(e.getKey())) {
        traced = traced.attribute(e.getKey(), e.getValue());
      }
    }
    return traced;
  }

  /**
   * {@code options} with the calling thread's invocation's {@code traceparent} (and {@code tracestate}) in the
   * object's metadata, so the object's event continues the writer's trace; metadata the user set under these names
   * is kept.
   */
  public static PutOptions metadata(PutOptions options) {
    Optional<TraceContext> trace = CurrentInvocation.trace();
    if (trace.isEmpty()) {
      return options;
    }
    Map<String, String> all = outgoing(options.metadata(), trace.get(), Integer.MAX_VALUE);
    if (all == options.metadata()) {
      return options;
    }
    try {
      return options.metadata(all);
    } catch (ObjectStorageException e) {
      return options; // past the metadata size limit: the write matters more than its trace
    }
  }
}
