package dev.faas4j.local.testkit;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.log.LogLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link InvocationContext} for calling a handler directly in a unit test, with time that moves only when the
 * test says so and a logger whose lines are kept.
 *
 * <pre>{@code
 * TestContext ctx = TestContext.create().withDeadlineIn(Duration.ofSeconds(5));
 * handler.handle(TestEvents.queueMessage("orders", order).build(), ctx);
 * ctx.clock().advance(Duration.ofSeconds(4));
 * ctx.logs().assertNoErrors();
 * }</pre>
 *
 * <p>Defaults: platform {@code test}, function {@code testFunction}, invocation {@code test-invocation}, a
 * {@link ManualClock} at 2030-01-01T00:00:00Z, a deadline {@link #DEFAULT_TIMEOUT} later, no trace, warm start,
 * and logs at {@code DEBUG} in the portable JSON format with the default redacted words. The {@code with...}
 * methods return a copy that shares the clock and the captured logs. To test a handler through the production
 * error mapping instead, use {@link FunctionTester}.
 */
public final class TestContext implements InvocationContext {
  /** How long an invocation may run unless {@link #withDeadlineIn} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final String invocationId;
  private final String functionName;
  private final Instant deadline;
  private final Optional<TraceContext> trace;
  private final ManualClock clock;
  private final CapturedLogs logs;
  private final FunctionLogger logger;

  private TestContext(String invocationId, String functionName, Instant deadline, Optional<TraceContext> trace,
      ManualClock clock, CapturedLogs logs) {
    this.invocationId = invocationId;
    this.functionName = functionName;
    this.deadline = deadline;
    this.trace = trace;
    this.clock = clock;
    this.logs = logs;
    LogConfig config = new LogConfig(LogLevel.DEBUG, LogFormat.json(), logs, LogConfig.DEFAULT_REDACTED_WORDS,
        clock);
    this.logger = config.logger(new LogContext(Optional.of(functionName), Optional.of(invocationId),
        trace.map(TraceContext::traceId), trace.map(TraceContext::spanId), false));
  }

  /** A context on a fresh clock at 2030-01-01T00:00:00Z. */
  public static TestContext create() {
    return create(ManualClock.startingAtEpochOf2030());
  }

  /** A context on {@code clock}: share it with the in-memory ports so that TTLs and deadlines move together. */
  public static TestContext create(ManualClock clock) {
    Objects.requireNonNull(clock, "clock");
    return new TestContext("test-invocation", "testFunction", clock.instant().plus(DEFAULT_TIMEOUT),
        Optional.empty(), clock, new CapturedLogs());
  }

  /** The deadline {@code timeout} after the clock's current time. */
  public TestContext withDeadlineIn(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new TestContext(invocationId, functionName, clock.instant().plus(timeout), trace, clock, logs);
  }

  public TestContext withFunctionName(String functionName) {
    Objects.requireNonNull(functionName, "functionName");
    return new TestContext(invocationId, functionName, deadline, trace, clock, logs);
  }

  public TestContext withInvocationId(String invocationId) {
    Objects.requireNonNull(invocationId, "invocationId");
    return new TestContext(invocationId, functionName, deadline, trace, clock, logs);
  }

  /** The trace the caller passed; its trace id then appears on every log line. */
  public TestContext withTrace(TraceContext trace) {
    Objects.requireNonNull(trace, "trace");
    return new TestContext(invocationId, functionName, deadline, Optional.of(trace), clock, logs);
  }

  @Override
  public String invocationId() {
    return invocationId;
  }

  @Override
  public String functionName() {
    return functionName;
  }

  /** Always {@code test}. */
  @Override
  public String platform() {
    return "test";
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public Optional<TraceContext> trace() {
    return trace;
  }

  /** Logs to {@link #logs()}. */
  @Override
  public FunctionLogger logger() {
    return logger;
  }

  /** The clock to move: {@code ctx.clock().advance(Duration.ofSeconds(5))}. */
  @Override
  public ManualClock clock() {
    return clock;
  }

  /** Always false: a test invocation is not the first on a fresh instance. */
  @Override
  public boolean coldStart() {
    return false;
  }

  /** What the handler logged through {@link #logger()}. */
  public CapturedLogs logs() {
    return logs;
  }

  @Override
  public String toString() {
    return "TestContext[" + functionName + ", " + invocationId + ", deadline=" + deadline + "]";
  }
}
