package dev.faas4j.log;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A structured logger. Fields are given as alternating names and values:
 *
 * <pre>{@code
 * log.info("Order charged", "orderId", order.id(), "amountCents", 1250);
 * log.error("Charge failed", e, "orderId", order.id());
 * }</pre>
 *
 * Fields whose names contain a redacted word ({@code password}, {@code token}, {@code secret}, ...) are written as
 * {@code "[REDACTED]"}.
 */
public interface FunctionLogger {

  boolean isEnabled(LogLevel level);

  /** Logs one line; the other methods all come here. */
  void log(LogLevel level, String message, Map<String, ?> fields, @Nullable Throwable error);

  /** A logger that adds {@code name = value} to every line. */
  FunctionLogger with(String name, Object value);

  default void debug(String message, Object... namesAndValues) {
    if (isEnabled(LogLevel.DEBUG)) {
      log(LogLevel.DEBUG, message, Fields.of(namesAndValues), null);
    }
  }

  default void info(String message, Object... namesAndValues) {
    if (isEnabled(LogLevel.INFO)) {
      log(LogLevel.INFO, message, Fields.of(namesAndValues), null);
    }
  }

  default void warn(String message, Object... namesAndValues) {
    if (isEnabled(LogLevel.WARN)) {
      log(LogLevel.WARN, message, Fields.of(namesAndValues), null);
    }
  }

  default void error(String message, Object... namesAndValues) {
    if (isEnabled(LogLevel.ERROR)) {
      log(LogLevel.ERROR, message, Fields.of(namesAndValues), null);
    }
  }

  default void error(String message, Throwable error, Object... namesAndValues) {
    if (isEnabled(LogLevel.ERROR)) {
      log(LogLevel.ERROR, message, Fields.of(namesAndValues), error);
    }
  }
}
