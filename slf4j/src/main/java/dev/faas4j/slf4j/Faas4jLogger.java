package dev.faas4j.slf4j;

import dev.faas4j.log.LogLevel;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing faas4j structured lines: TRACE and DEBUG are DEBUG; markers are ignored. */
final class Faas4jLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  Faas4jLogger(String name) {
    this.name = name;
  }

  private boolean enabled(LogLevel level) {
    return Lines.logger(name).isEnabled(level);
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(LogLevel.DEBUG);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(LogLevel.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(LogLevel.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(LogLevel.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(LogLevel.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable error) {
    Lines.logger(name).log(level(level), MessageFormatter.basicArrayFormat(pattern, arguments), Map.of(), error);
  }

  static LogLevel level(Level level) {
    return switch (level) {
      case TRACE, DEBUG -> LogLevel.DEBUG;
      case INFO -> LogLevel.INFO;
      case WARN -> LogLevel.WARN;
      case ERROR -> LogLevel.ERROR;
    };
  }
}
