package dev.faas4j.log;

import java.util.Locale;

/** Log severities, lowest first. */
public enum LogLevel {
  DEBUG, INFO, WARN, ERROR;

  /**
   * Parses {@code debug}, {@code INFO}, {@code warning}, {@code error} and the like.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogLevel parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    switch (t) {
      case "TRACE", "DEBUG", "FINE", "FINER", "FINEST" -> { return DEBUG; }
      case "INFO", "INFORMATION" -> { return INFO; }
      case "WARN", "WARNING" -> { return WARN; }
      case "ERROR", "SEVERE", "FATAL", "CRITICAL" -> { return ERROR; }
      default -> throw new IllegalArgumentException(
          "Unknown log level '" + text + "'; use DEBUG, INFO, WARN or ERROR");
    }
  }
}
