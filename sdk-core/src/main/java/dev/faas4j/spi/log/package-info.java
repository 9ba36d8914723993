/**
 * The logging machinery behind {@link dev.faas4j.log.FunctionLogger}, for adapter authors: the configuration read
 * from the environment, the per-invocation context, the record, each platform's line format ({@link LogFormat})
 * and where lines go ({@link LogSink}). Function code only ever sees {@code FunctionLogger} and {@code LogLevel}.
 */
@NullMarked
package dev.faas4j.spi.log;

import org.jspecify.annotations.NullMarked;
