package dev.faas4j.azure;

import dev.faas4j.log.LogLevel;
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
  private final ThreadLocal<@Nullable Logger> current = new ThreadLocal<>();
  private final LogSink fallback;
  /**
   * Ends an outermost binding. It clears the value instead of removing the entry: removing it made every invocation
   * allocate a new thread-local entry when it bound again. A cleared entry routes lines to the fallback, as none does.
   */
  private final Binding unbind = () -> current.set(null);

  public AzureLogSink(LogSink fallback) {
    this.fallback = fallback;
  }

  /** A sink falling back to standard output. */
  public static AzureLogSink create() {
    return new AzureLogSink(LogSink.stdout());
  }

  /** Routes this thread's lines to {@code logger} until the returned binding is closed. */
  public Binding bind(Logger logger) {
    Logger previous = current.get();
    current.set(logger);
    return previous == null ? unbind : () -> current.set(previous);
  }

  @Override
  public void write(LogLevel level, String line) {
    Logger logger = current.get();
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

  /** Ends a {@link #bind binding}; closing never throws. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }
}
