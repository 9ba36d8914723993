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
 */
public record Invocation(String invocationId, Instant deadline, Optional<TraceContext> trace) {
  public Invocation {
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(trace, "trace");
  }

  public static Invocation of(String invocationId, Instant deadline) {
    return new Invocation(invocationId, deadline, Optional.empty());
  }
}
