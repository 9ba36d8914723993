package dev.faas4j.spi.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link LogRecord} into one line. Adapters supply their platform's conventions (Cloud Logging's
 * {@code severity} and trace fields, Lambda's JSON log fields); the local runtime adds a console format.
 */
@FunctionalInterface
public interface LogFormat {

  String format(LogRecord record);


  /**
   * The portable JSON shape: {@code timestamp}, {@code level}, {@code message}, {@code logger}, {@code function},
   * {@code invocationId}, {@code traceId}, {@code spanId}, {@code coldStart}, the caller's fields, then
   * {@code error}. A caller's field whose name is already written is renamed {@code field.<name>}.
   */
  static LogFormat json() {
    return json("traceId");
  }

  /**
   * The portable JSON shape with the trace id under {@code traceIdField}: Azure's {@code operationId}, the id
   * Application Insights groups an operation's telemetry by (the W3C trace id).
   */
  static LogFormat json(String traceIdField) {
    return record -> {
      JsonLine line = new JsonLine()
          .field("timestamp", record.time())
          .field("level", record.level().name())
          .field("message", record.message())
          .field("logger", record.logger());
      LogContext c = record.context();
      c.function().ifPresent(f -> line.field("function", f));
      c.invocationId().ifPresent(id -> line.field("invocationId", id));
      c.traceId().ifPresent(t -> line.field(traceIdField, t));
      c.spanId().ifPresent(t -> line.field("spanId", t));
      if (c.invocationId().isPresent()) {
        line.field("coldStart", c.coldStart());
      }
      // A caller's field never shadows a standard one: last-wins JSON parsers would read the caller's value.
      record.fields().forEach((k, v) -> line.field(line.has(k) ? "field." + k : k, v));
      record.error().ifPresent(e -> line.field("error", errorFields(e)));
      return line.end();
    };
  }

  /**
   * An exception as structured data: {@code type}, {@code message} and {@code stack} frames, with causes nested
   * under {@code cause}. Frames are capped so one error stays one readable line.
   */
  static java.util.Map<String, Object> errorFields(Throwable error) {
    return ErrorFields.of(error, 0);
  }
}
