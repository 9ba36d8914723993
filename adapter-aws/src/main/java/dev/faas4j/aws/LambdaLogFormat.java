package dev.faas4j.aws;

import dev.faas4j.spi.log.JsonLine;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.spi.log.LogRecord;
import java.util.List;
import java.util.Map;

/**
 * Lambda's JSON application-log shape: {@code timestamp}, {@code level}, {@code message} and {@code requestId}, then
 * faas4j's fields ({@code logger}, {@code function}, {@code traceId}, {@code spanId}, {@code coldStart}, the caller's
 * fields) and, for errors, Lambda's {@code errorType}, {@code errorMessage} and {@code stackTrace} with the full
 * chain under {@code error}. CloudWatch Logs Insights discovers every field.
 */
final class LambdaLogFormat implements LogFormat {
  private static final LambdaLogFormat INSTANCE = new LambdaLogFormat();

  private LambdaLogFormat() {}

  static LambdaLogFormat create() {
    return INSTANCE;
  }

  @Override
  public String format(LogRecord record) {
    JsonLine line = new JsonLine()
        .field("timestamp", record.time())
        .field("level", record.level().name())
        .field("message", record.message());
    LogContext c = record.context();
    c.invocationId().ifPresent(id -> line.field("requestId", id));
    line.field("logger", record.logger());
    c.function().ifPresent(f -> line.field("function", f));
    c.traceId().ifPresent(t -> line.field("traceId", t));
    c.spanId().ifPresent(s -> line.field("spanId", s));
    if (c.invocationId().isPresent()) {
      line.field("coldStart", c.coldStart());
    }
    record.fields().forEach(line::field);
    record.error().ifPresent(e -> {
      Map<String, Object> error = LogFormat.errorFields(e);
      line.field("errorType", error.get("type"));
      if (error.containsKey("message")) {
        line.field("errorMessage", error.get("message"));
      }
      line.field("stackTrace", error.getOrDefault("stack", List.of()));
      if (error.containsKey("cause")) {
        line.field("errorCause", error.get("cause"));
      }
    });
    return line.end();
  }
}
