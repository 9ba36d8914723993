package dev.faas4j.spi.log;

import dev.faas4j.log.FunctionLogger;
import dev.faas4j.log.LogLevel;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How logs are written: minimum level, line format, sink, redacted words and clock.
 *
 * @param redactedWords field names containing any of these (compared lower-case, ignoring {@code -} and
 *     {@code _}) are written as {@code [REDACTED]}
 */
public record LogConfig(LogLevel level, LogFormat format, LogSink sink, Set<String> redactedWords, Clock clock) {

  /** Redacted unless configured otherwise: credentials, tokens, cookies and card data. */
  public static final Set<String> DEFAULT_REDACTED_WORDS = Set.of("password", "passwd", "secret", "token",
      "authorization", "apikey", "cookie", "credential", "privatekey", "signature", "cardnumber", "cvv");

  public LogConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(sink, "sink");
    Set<String> words = new LinkedHashSet<>();
    for (String w : redactedWords) { // a loop, not forEach: a lambda's call site is linked on every cold start
      words.add(normalize(w));
    }
    words.remove("");
    redactedWords = Set.copyOf(words);
    Objects.requireNonNull(clock, "clock");
  }

  /** INFO, portable JSON, standard output, the default redacted words, the system clock. */
  public static LogConfig defaults() {
    return new LogConfig(LogLevel.INFO, LogFormat.json(), LogSink.stdout(), DEFAULT_REDACTED_WORDS,
        Clock.systemUTC());
  }

  /**
   * Reads {@code FAAS4J_LOG_LEVEL} (DEBUG, INFO, WARN, ERROR) and {@code FAAS4J_LOG_REDACT} (comma-separated words
   * added to the defaults) from {@code env}.
   *
   * @throws IllegalArgumentException naming the setting if a value is invalid
   */
  public static LogConfig fromEnvironment(Function<String, String> env) {
    LogConfig c = defaults();
    String level = env.apply("FAAS4J_LOG_LEVEL");
    if (level != null && !level.isBlank()) {
      try {
        c = c.withLevel(LogLevel.parse(level));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("FAAS4J_LOG_LEVEL: " + e.getMessage(), e);
      }
    }
    String redact = env.apply("FAAS4J_LOG_REDACT");
    if (redact != null && !redact.isBlank()) {
      Set<String> words = new LinkedHashSet<>(c.redactedWords);
      for (String w : redact.split(",")) {
        words.add(w.trim());
      }
      c = new LogConfig(c.level, c.format, c.sink, words, c.clock);
    }
    return c;
  }

  public LogConfig withLevel(LogLevel level) {
    return new LogConfig(level, format, sink, redactedWords, clock);
  }

  public LogConfig withFormat(LogFormat format) {
    return new LogConfig(level, format, sink, redactedWords, clock);
  }

  public LogConfig withSink(LogSink sink) {
    return new LogConfig(level, format, sink, redactedWords, clock);
  }

  /** These words redacted in addition to the current ones. */
  public LogConfig withRedactedWords(Set<String> words) {
    Set<String> all = new LinkedHashSet<>(redactedWords);
    all.addAll(words);
    return new LogConfig(level, format, sink, all, clock);
  }

  public LogConfig withClock(Clock clock) {
    return new LogConfig(level, format, sink, redactedWords, clock);
  }

  /** A logger for function code in {@code context}. */
  public FunctionLogger logger(LogContext context) {
    return new StructuredLogger(this, context, "function", java.util.Map.of());
  }

  /** A logger for a runtime component ({@code faas4j}, {@code faas4j.local}, ...). */
  public FunctionLogger logger(LogContext context, String loggerName) {
    return new StructuredLogger(this, context, loggerName, java.util.Map.of());
  }

  boolean redacts(String fieldName) {
    String n = normalize(fieldName);
    for (String w : redactedWords) {
      if (n.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").trim();
  }
}
