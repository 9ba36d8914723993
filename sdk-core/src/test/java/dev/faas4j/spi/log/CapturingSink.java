package dev.faas4j.spi.log;

import dev.faas4j.log.LogLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link LogSink} for tests: keeps every line and parses them back, failing on anything but one JSON object. */
public final class CapturingSink implements LogSink {
  public static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final ObjectMapper STRICT = new ObjectMapper();

  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void write(LogLevel level, String line) {
    lines.add(line);
  }

  /** A config that writes here at DEBUG with the default redaction and a fixed clock. */
  public LogConfig config() {
    return LogConfig.defaults().withSink(this).withLevel(LogLevel.DEBUG)
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Every line parsed with a strict parser; each must be exactly one JSON object on one line. */
  public List<JsonNode> records() {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines) {
      out.add(parseLine(line));
    }
    return out;
  }

  public List<JsonNode> at(String level) {
    return records().stream().filter(r -> r.path("level").asText().equals(level)).toList();
  }

  public static JsonNode parseLine(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\u2028') >= 0
        || line.indexOf('\u2029') >= 0) {
      throw new AssertionError("Log line is not a single line: " + line);
    }
    try (var parser = STRICT.createParser(line)) {
      JsonNode node = STRICT.readTree(parser);
      if (node == null || !node.isObject()) {
        throw new AssertionError("Log line is not a JSON object: " + line);
      }
      if (parser.nextToken() != null) {
        throw new AssertionError("Log line has more than one JSON value: " + line);
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Log line is not valid JSON: " + line, e);
    }
  }
}
