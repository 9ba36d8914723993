package dev.faas4j.spi.log;

import dev.faas4j.log.FunctionLogger;
import dev.faas4j.log.LogLevel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The one {@link FunctionLogger}: redacts, builds the record, formats and writes; never throws. */
final class StructuredLogger implements FunctionLogger {
  static final String REDACTED = "[REDACTED]";
  private static final int MAX_REDACT_DEPTH = 8;

  private final LogConfig config;
  private final LogContext context;
  private final String name;
  private final Map<String, Object> bound;

  StructuredLogger(LogConfig config, LogContext context, String name, Map<String, Object> bound) {
    this.config = config;
    this.context = context;
    this.name = name;
    this.bound = bound;
  }

  @Override
  public boolean isEnabled(LogLevel level) {
    return level.compareTo(config.level()) >= 0;
  }

  @Override
  public FunctionLogger with(String fieldName, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(bound);
    m.put(fieldName, value);
    return new StructuredLogger(config, context, name, m);
  }

  @Override
  public void log(LogLevel level, String message, Map<String, ?> fields, @Nullable Throwable error) {
    if (!isEnabled(level)) {
      return;
    }
    try {
      Map<String, Object> all = new LinkedHashMap<>(bound.size() + fields.size());
      bound.forEach((k, v) -> all.put(k, redact(k, v, 0)));
      fields.forEach((k, v) -> all.put(k, redact(k, v, 0)));
      LogRecord record = new LogRecord(config.clock().instant(), level, String.valueOf(message), context, all,
          Optional.ofNullable(error), name);
      config.sink().write(level, config.format().format(record));
    } catch (RuntimeException | StackOverflowError e) {
      // A log call must never fail the function; say what went wrong in a line that cannot fail itself.
      try {
        config.sink().write(LogLevel.ERROR, "{\"level\":\"ERROR\",\"message\":\"faas4j could not write a log "
            + "line: " + e.getClass().getName() + "\"}");
      } catch (RuntimeException sinkFailed) {
        // The sink broke its contract (it must not throw); there is nowhere left to report it.
      }
    }
  }

  private @Nullable Object redact(String key, @Nullable Object value, int depth) {
    if (config.redacts(key)) {
      return REDACTED;
    }
    if (depth >= MAX_REDACT_DEPTH) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), redact(String.valueOf(k), v, depth + 1)));
      return copy;
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(v -> redact("", v, depth + 1)).toList();
    }
    return value;
  }

}
