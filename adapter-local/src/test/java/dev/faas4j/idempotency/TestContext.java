package dev.faas4j.idempotency;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.log.LogLevel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** An invocation context for tests, with a logger that keeps what it was given. */
record TestContext(String invocationId, String functionName, Instant deadline, Clock clock, CapturingLogger logger)
    implements InvocationContext {

  @Override
  public String platform() {
    return "test";
  }

  @Override
  public Optional<TraceContext> trace() {
    return Optional.empty();
  }

  @Override
  public boolean coldStart() {
    return false;
  }

  /** One logged line. */
  record Line(LogLevel level, String message, Map<String, Object> fields) {}

  /** Records lines instead of writing them. */
  static final class CapturingLogger implements FunctionLogger {
    final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public boolean isEnabled(LogLevel level) {
      return true;
    }

    @Override
    public void log(LogLevel level, String message, Map<String, ?> fields, @Nullable Throwable error) {
      lines.add(new Line(level, message, Map.copyOf(fields)));
    }

    @Override
    public FunctionLogger with(String name, Object value) {
      return this;
    }
  }
}
