package dev.faas4j.slf4j;

import dev.faas4j.InvocationContext;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.InvocationHook;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Bridges {@code java.util.logging} (Google's clients log through it) into the same structured lines. Installed once
 * on the root logger, replacing the JDK's console handler (which would print each line again, unstructured), when
 * the dispatcher starts (this class is the module's {@link InvocationHook}, found through
 * {@code META-INF/services}) or SLF4J initialises, whichever comes first. Its per-invocation part does nothing.
 */
public final class JulBridge implements InvocationHook {
  private static final InvocationHook.Scope NOTHING = () -> { };
  private static volatile boolean installed;

  public JulBridge() {
    install();
  }

  @Override
  public Scope enter(InvocationContext context) {
    return NOTHING;
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
    root.addHandler(new ToStructuredLines());
    installed = true;
  }

  /** The Azure adapter's sink, which writes each line through the Java worker's per-invocation JUL logger. */
  static final String AZURE_SINK = "dev.faas4j.azure.AzureLogSink";

  static final class ToStructuredLines extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();
    /** Set while a line is written: a sink that logs through JUL itself (Azure's worker) must not loop back. */
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    @Override
    public void publish(LogRecord record) {
      if (record == null || writing.get() || !isLoggable(record)) {
        return;
      }
      if (AZURE_SINK.equals(record.getSourceClassName())) {
        return; // a faas4j line the Azure adapter handed to the worker's JUL logger: already structured
      }
      writing.set(true);
      try {
        String name = record.getLoggerName() == null ? "jul" : record.getLoggerName();
        Lines.logger(name).log(level(record.getLevel()), formatter.formatMessage(record), Map.of(),
            record.getThrown());
      } finally {
        writing.set(false);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static LogLevel level(Level level) {
    int v = level.intValue();
    return v >= Level.SEVERE.intValue() ? LogLevel.ERROR
        : v >= Level.WARNING.intValue() ? LogLevel.WARN
        : v >= Level.INFO.intValue() ? LogLevel.INFO
        : LogLevel.DEBUG;
  }
}
