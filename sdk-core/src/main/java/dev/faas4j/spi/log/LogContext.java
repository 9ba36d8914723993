package dev.faas4j.spi.log;

import java.util.Optional;

/**
 * The invocation a log line belongs to.
 *
 * @param function the registered function name; empty outside an invocation
 * @param invocationId the platform's invocation id; empty outside an invocation
 * @param traceId the trace id, when the platform passed one
 * @param spanId the caller's span id, when known
 * @param coldStart whether this is the instance's first invocation
 */
public record LogContext(Optional<String> function, Optional<String> invocationId, Optional<String> traceId,
    Optional<String> spanId, boolean coldStart) {

  private static final LogContext NONE =
      new LogContext(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

  public LogContext {
    java.util.Objects.requireNonNull(function, "function");
    java.util.Objects.requireNonNull(invocationId, "invocationId");
    java.util.Objects.requireNonNull(traceId, "traceId");
    java.util.Objects.requireNonNull(spanId, "spanId");
  }

  /** Outside any invocation (start-up, shutdown). */
  public static LogContext none() {
    return NONE;
  }
}
