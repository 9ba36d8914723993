package dev.faas4j.spi.log;

import dev.faas4j.log.LogLevel;

/** Where formatted log lines go. Implementations must be thread-safe and must not throw. */
@FunctionalInterface
public interface LogSink {

  /** Writes one complete line (without its line terminator). */
  void write(LogLevel level, String line);

  /** Standard output: what Lambda, Cloud Run and the local runtime collect. The only place that prints. */
  static LogSink stdout() {
    return StdoutSink.INSTANCE;
  }
}
