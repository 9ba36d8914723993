package dev.faas4j.local.testkit;

import dev.faas4j.log.LogLevel;
import dev.faas4j.log.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every log line for {@link AppHarness}. Package-private and minimal on purpose: the test kit's public
 * {@code CapturedLogs} is the type to offer users once it lands.
 */
final class CapturingSink implements LogSink {
  private record Line(LogLevel level, String text) {}

  private final List<Line> lines = new ArrayList<>();

  @Override
  public synchronized void write(LogLevel level, String line) {
    lines.add(new Line(level, line));
  }

  synchronized List<String> lines(LogLevel atLeast) {
    return lines.stream().filter(l -> l.level.compareTo(atLeast) >= 0).map(Line::text).toList();
  }
}
