package dev.faas4j.local;

import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.spi.log.LogRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Log lines for a person at a terminal: {@code 14:03:07.123 INFO  createUser [3f2c…] User created id=42}. Every
 * control character (and the Unicode line separators) is escaped, so a value can never forge a log line; values
 * with spaces, quotes or {@code =} are quoted. Exceptions are reduced to type, message and the top frame: the JSON
 * format carries full stacks when they are needed.
 */
final class ConsoleLogFormat implements LogFormat {
  private final DateTimeFormatter time;

  ConsoleLogFormat(ZoneId zone) {
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(time.format(r.time())).append(' ');
    String level = r.level().name();
    sb.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
    escape(sb, r.context().function().orElse(r.logger()));
    r.context().invocationId().ifPresent(id -> {
      sb.append(" [");
      escape(sb, id);
      sb.append(']');
    });
    sb.append(' ');
    escape(sb, r.message());
    for (Map.Entry<String, Object> e : r.fields().entrySet()) {
      sb.append(' ');
      escape(sb, e.getKey());
      sb.append('=');
      value(sb, String.valueOf(dev.faas4j.spi.log.JsonLine.present(e.getValue())));
    }
    r.error().ifPresent(err -> {
      sb.append(" error=");
      String text = err.getClass().getName() + (err.getMessage() == null ? "" : ": " + err.getMessage());
      StackTraceElement[] stack = err.getStackTrace();
      value(sb, stack.length == 0 ? text : text + " at " + stack[0]);
    });
    return sb.toString();
  }

  private static void value(StringBuilder sb, String v) {
    boolean quote = v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=');
    if (quote) {
      sb.append('"');
      escape(sb, v.replace("\\", "\\\\").replace("\"", "\\\""));
      sb.append('"');
    } else {
      escape(sb, v);
    }
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
  }
}
