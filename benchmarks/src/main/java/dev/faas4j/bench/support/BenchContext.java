package dev.faas4j.bench.support;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** An invocation context whose logger formats each line and discards it (no I/O in the measured path). */
public record BenchContext(String invocationId, String functionName, String platform, Instant deadline,
    Optional<TraceContext> trace, FunctionLogger logger, Clock clock, boolean coldStart)
    implements InvocationContext {
  public static BenchContext create(String functionName) {
    return new BenchContext("inv-1", functionName, "bench", Instant.now().plusSeconds(3600), Optional.empty(),
        LogConfig.defaults().withSink((level, line) -> { }).logger(LogContext.none()), Clock.systemUTC(), false);
  }
}
