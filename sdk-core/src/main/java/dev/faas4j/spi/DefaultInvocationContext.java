package dev.faas4j.spi;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The context the dispatcher hands to functions. */
record DefaultInvocationContext(String invocationId, String functionName, String platform, Instant deadline,
    Optional<TraceContext> trace, FunctionLogger logger, Clock clock, boolean coldStart,
    java.util.Map<String, String> platformAttributes) implements InvocationContext {}
