package dev.faas4j.azure;

import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.CurrentInvocation;
import dev.faas4j.spi.InvocationHook;
import dev.faas4j.spi.log.LogSink;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Writes log lines through the Java worker's per-invocation logger ({@code ExecutionContext.getLogger()}), which
 * tags every line with the invocation id so Application Insights correlates it with the invocation. Lines written
 * outside an invocation, or from threads the function started, go to {@code fallback} (standard output, which the
 * worker forwards without an invocation id).
 *
 * <p>The entry methods {@link #bind bind} the invocation's logger to the invoking thread for the invocation's
 * duration; the Java worker runs each invocation on one thread.
 */
final class AzureLogSink implements LogSink {
  private final LogSink fallback;

  public AzureLogSink(LogSink fallback) {
    this.fallback = fallback;
  }

  /** A sink falling back to standard output. */
  public static AzureLogSink create() {
    return new AzureLogSink(LogSink.stdout());
  }

  /**
   * Routes this thread's lines to {@code logger} until the returned binding is closed. The logger is kept in
   * sdk-core's per-thread invocation frame, with the current invocation; closing the binding restores the logger it
   * replaced, and a cleared target routes lines to the fallback.
   */
  public InvocationHook.Scope bind(Logger logger) {
    return CurrentInvocation.logTarget(logger);
  }

  @Override
  public void write(LogLevel level, String line) {
    Logger logger = CurrentInvocation.logTarget() instanceof Logger l ? l : null;
    if (logger == null) {
      fallback.write(level, line);
      return;
    }
    try {
      logger.log(julLevel(level), line);
    } catch (RuntimeException e) {
      fallback.write(level, line); // a log call never throws into the function
    }
  }

  static Level julLevel(LogLevel level) {
    return switch (level) {
      case DEBUG -> Level.FINE;
      case INFO -> Level.INFO;
      case WARN -> Level.WARNING;
      case ERROR -> Level.SEVERE;
    };
  }
}
