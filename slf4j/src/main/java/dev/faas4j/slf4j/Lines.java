package dev.faas4j.slf4j;

import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.CurrentInvocation;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;

/** Where a library's line goes: the current invocation's structured log, else a runtime line. */
final class Lines {
  private Lines() {}

  /** A logger for {@code name} on this thread, now: loggers are shared, invocations are not. */
  static FunctionLogger logger(String name) {
    return CurrentInvocation.logger(name).orElseGet(() -> Startup.CONFIG.logger(LogContext.none(), name));
  }

  /** Before any dispatcher exists (class initialisation, start-up): the settings the adapters read. */
  private static final class Startup {
    static final LogConfig CONFIG = config();

    private static LogConfig config() {
      try {
        return LogConfig.fromEnvironment(System::getenv);
      } catch (IllegalArgumentException e) {
        return LogConfig.defaults(); // the adapter reports the bad setting when it starts
      }
    }
  }
}
