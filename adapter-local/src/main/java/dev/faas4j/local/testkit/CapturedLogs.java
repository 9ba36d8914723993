package dev.faas4j.local.testkit;

import dev.faas4j.Json;
import dev.faas4j.JsonType;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.log.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link LogSink} that keeps every line, for tests to assert on what a function logged.
 *
 * <p>The lines are the real formatted output, after redaction and escaping, so a test that finds no password in
 * them proves the password never reaches the platform's logs. Thread-safe; accessors return snapshots.
 *
 * <pre>{@code
 * logs.assertLogged(LogLevel.INFO, "User created");
 * logs.assertNoErrors();
 * assertThat(logs.containing("hunter2")).isEmpty();
 * }</pre>
 */
public final class CapturedLogs implements LogSink {
  private final List<Line> lines = new ArrayList<>();

  private record Line(LogLevel level, String text) {}

  /** An empty sink; pass it to {@link dev.faas4j.spi.log.LogConfig#withSink} to capture a logger of your own. */
  public CapturedLogs() {}

  @Override
  public void write(LogLevel level, String line) {
    synchronized (lines) {
      lines.add(new Line(level, line));
    }
  }

  /** Every line, oldest first, exactly as the platform would receive it. */
  public List<String> lines() {
    return select(l -> true);
  }

  /**
   * Every line parsed as a JSON object ({@code level}, {@code message}, {@code function}, {@code invocationId},
   * {@code traceId}, the caller's fields, {@code error}), oldest first.
   *
   * @throws IllegalStateException if a line is not a JSON object (a custom, non-JSON {@code LogFormat})
   */
  public List<Map<String, Object>> records() {
    List<String> all = lines();
    List<Map<String, Object>> records = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      records.add(parse(all.get(i), i));
    }
    return records;
  }

  /** The {@code message} of every line, oldest first. */
  public List<String> messages() {
    return records().stream().map(r -> String.valueOf(r.get("message"))).toList();
  }

  /** The lines written at exactly {@code level}. */
  public List<String> atLevel(LogLevel level) {
    Objects.requireNonNull(level, "level");
    return select(l -> l.level == level);
  }

  /** The lines whose text contains {@code text} anywhere: in the message, a field name or a value. */
  public List<String> containing(String text) {
    Objects.requireNonNull(text, "text");
    return select(l -> l.text.contains(text));
  }

  /**
   * Passes if a line at {@code level} has a message containing {@code messageFragment}.
   *
   * @throws AssertionError listing what was logged instead
   */
  public void assertLogged(LogLevel level, String messageFragment) {
    Objects.requireNonNull(messageFragment, "messageFragment");
    for (String line : atLevel(level)) {
      if (messageOf(line).contains(messageFragment)) {
        return;
      }
    }
    throw new AssertionError("Expected a " + level + " line whose message contains \"" + messageFragment
        + "\", but the logs were:" + describe(lines()));
  }

  /**
   * Passes if nothing was logged at {@link LogLevel#ERROR}.
   *
   * @throws AssertionError listing the error lines
   */
  public void assertNoErrors() {
    List<String> errors = atLevel(LogLevel.ERROR);
    if (!errors.isEmpty()) {
      throw new AssertionError("Expected no ERROR lines, but found " + errors.size() + ":" + describe(errors));
    }
  }

  /** Forgets every line, e.g. between the arrange and act steps of a test. */
  public void clear() {
    synchronized (lines) {
      lines.clear();
    }
  }

  @Override
  public String toString() {
    return "CapturedLogs" + describe(lines());
  }

  private List<String> select(Predicate<Line> filter) {
    synchronized (lines) {
      return lines.stream().filter(filter).map(Line::text).toList();
    }
  }

  /** The message of a JSON line, or the whole line when it is not JSON (a custom format). */
  private static String messageOf(String line) {
    try {
      return String.valueOf(read(line).get("message"));
    } catch (RuntimeException e) {
      return line;
    }
  }

  private static Map<String, Object> parse(String line, int index) {
    try {
      return read(line);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Log line " + index + " is not a JSON object; records() needs the JSON log "
          + "format", e);
    }
  }

  private static Map<String, Object> read(String line) {
    return Json.fromBytes(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), LINE);
  }

  private static final JsonType<Map<String, Object>> LINE = new JsonType<>() {};

  private static String describe(List<String> lines) {
    if (lines.isEmpty()) {
      return " (none)";
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(System.lineSeparator()).append("  ").append(l));
    return sb.toString();
  }
}
