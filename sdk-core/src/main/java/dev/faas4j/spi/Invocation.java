package dev.faas4j.spi;

import dev.faas4j.TraceContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapter knows about an invocation before dispatching it.
 *
 * @param invocationId the platform's id (Lambda request id, GCP execution id, Azure invocation id)
 * @param deadline when the platform stops the invocation (or the configured timeout)
 * @param trace the W3C trace context, if the platform passed one
 * @param platformAttributes what else the platform tells about the invocation, keyed by documented names such
 *     as {@code aws.functionArn}; see {@link dev.faas4j.InvocationContext#platformAttributes()}
 */
public record Invocation(String invocationId, Instant deadline, Optional<TraceContext> trace,
    java.util.Map<String, String> platformAttributes) {
  public Invocation {
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(trace, "trace");
    platformAttributes = java.util.Map.copyOf(platformAttributes);
  }

  /** An invocation without platform attributes. */
  public Invocation(String invocationId, Instant deadline, Optional<TraceContext> trace) {
    this(invocationId, deadline, trace, java.util.Map.of());
  }

  public static Invocation of(String invocationId, Instant deadline) {
    return new Invocation(invocationId, deadline, Optional.empty());
  }
}
