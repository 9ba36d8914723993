package dev.faas4j.spi;

import dev.faas4j.TraceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an adapter knows about an invocation before dispatching it: the platform's id (Lambda request id, GCP
 * execution id, Azure invocation id), when the platform stops it (or the configured timeout), the W3C trace context
 * if the platform passed one, and what else the platform tells about it, keyed by documented names such as
 * {@code aws.functionArn} (see {@link dev.faas4j.InvocationContext#platformAttributes()}).
 *
 * <p>Adapters that know the deadline as epoch milliseconds ({@link #until}) leave its {@link Instant} to be made
 * when someone reads it: most functions never do. Equal when every part is.
 */
public final class Invocation {
  private final String invocationId;
  private final long deadlineMillis;
  private @Nullable Instant deadline;
  /** The trace, or null until {@link #traceSource} has been read. */
  private @Nullable Optional<TraceContext> trace;
  private final @Nullable Supplier<Optional<TraceContext>> traceSource;
  private final Map<String, String> platformAttributes;

  public Invocation(String invocationId, Instant deadline, Optional<TraceContext> trace,
      Map<String, String> platformAttributes) {
    this.invocationId = Objects.requireNonNull(invocationId, "invocationId");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.deadlineMillis = 0;
    this.trace = Objects.requireNonNull(trace, "trace");
    this.traceSource = null;
    this.platformAttributes = Map.copyOf(platformAttributes);
  }

  /** An invocation without platform attributes. */
  public Invocation(String invocationId, Instant deadline, Optional<TraceContext> trace) {
    this(invocationId, deadline, trace, Map.of());
  }

  private Invocation(String invocationId, long deadlineMillis, @Nullable Optional<TraceContext> trace,
      @Nullable Supplier<Optional<TraceContext>> traceSource, Map<String, String> platformAttributes) {
    this.invocationId = Objects.requireNonNull(invocationId, "invocationId");
    this.deadlineMillis = deadlineMillis;
    this.trace = trace;
    this.traceSource = traceSource;
    this.platformAttributes = Map.copyOf(platformAttributes);
  }

  public static Invocation of(String invocationId, Instant deadline) {
    return new Invocation(invocationId, deadline, Optional.empty());
  }

  /**
   * An invocation whose deadline is {@code deadlineMillis} after the epoch (a clock's {@code millis()} plus the time
   * left): its {@link Instant} is made only when read.
   */
  public static Invocation until(String invocationId, long deadlineMillis, Optional<TraceContext> trace,
      Map<String, String> platformAttributes) {
    return new Invocation(invocationId, deadlineMillis, Objects.requireNonNull(trace, "trace"), null,
        platformAttributes);
  }

  /**
   * As {@link #until(String, long, Optional, Map)} with a trace read from {@code trace} when first asked for, once:
   * for a platform that hands every invocation a trace header (Lambda's X-Ray header) that most functions never
   * read. The source must not throw (a header it cannot read is no trace) and gives an equal trace each time.
   */
  public static Invocation until(String invocationId, long deadlineMillis, Supplier<Optional<TraceContext>> trace,
      Map<String, String> platformAttributes) {
    return new Invocation(invocationId, deadlineMillis, null, Objects.requireNonNull(trace, "trace"),
        platformAttributes);
  }

  public String invocationId() {
    return invocationId;
  }

  /** When the platform stops the invocation (or the configured timeout). */
  public Instant deadline() {
    Instant d = deadline;
    if (d == null) {
      d = Instant.ofEpochMilli(deadlineMillis);
      deadline = d; // a benign race: Instant is immutable (final fields), every thread makes an equal one
    }
    return d;
  }

  public Optional<TraceContext> trace() {
    Optional<TraceContext> t = trace;
    if (t == null) {
      t = Objects.requireNonNull(traceSource.get(), "trace");
      trace = t; // a benign race, as the deadline's: the source reads one header, equal each time, into final fields
    }
    return t;
  }

  public Map<String, String> platformAttributes() {
    return platformAttributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Invocation i && invocationId.equals(i.invocationId) && deadline().equals(i.deadline())
        && trace().equals(i.trace()) && platformAttributes.equals(i.platformAttributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(invocationId, deadline(), trace(), platformAttributes);
  }

  @Override
  public String toString() {
    return "Invocation[invocationId=" + invocationId + ", deadline=" + deadline() + ", trace=" + trace()
        + ", platformAttributes=" + platformAttributes + "]";
  }
}
