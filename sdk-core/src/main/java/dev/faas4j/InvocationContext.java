package dev.faas4j;

import dev.faas4j.log.FunctionLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a function knows about the invocation it is serving. Named so as not to clash with the platforms' own
 * {@code Context} types.
 */
public interface InvocationContext {

  /** The platform's id of this invocation (Lambda request id, GCP execution id, Azure invocation id). */
  String invocationId();

  /** The registered name of the function being invoked. */
  String functionName();

  /** Which platform runs the function: {@code aws-lambda}, {@code gcp-functions}, {@code azure-functions}, {@code local}, {@code test}. */
  String platform();

  /** When the platform will stop this invocation. Platforms without one use the configured timeout. */
  Instant deadline();

  /** Time left before the deadline; zero once it has passed. */
  default Duration remainingTime() {
    Duration left = Duration.between(clock().instant(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The W3C trace context, where the platform passes one. */
  Optional<TraceContext> trace();

  /** A structured logger whose lines carry this invocation's id, function name and trace id. */
  FunctionLogger logger();

  /** The clock to read time from: fixed or controllable in tests. */
  Clock clock();

  /** Whether this is the first invocation served by this instance. */
  boolean coldStart();

  /**
   * Platform facts with no portable meaning, for logs and diagnostics only: {@code aws.functionArn},
   * {@code aws.functionName}, {@code aws.functionVersion}, {@code aws.logGroup} on Lambda, for example. Each adapter's
   * README lists its keys. Logic that depends on them is no longer portable.
   */
  default java.util.Map<String, String> platformAttributes() {
    return java.util.Map.of();
  }
}
