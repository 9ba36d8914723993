package dev.faas4j.spi.log;

import dev.faas4j.log.LogLevel;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One log event, already redacted, as handed to a {@link LogFormat}.
 *
 * @param fields the caller's fields, in the order given
 * @param error the exception being reported, if any
 * @param logger the name of the logger ({@code function} for function code, {@code faas4j} for the runtime)
 */
public record LogRecord(Instant time, LogLevel level, String message, LogContext context,
    Map<String, Object> fields, Optional<Throwable> error, String logger) {}
