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
    return new JsonFormat(traceIdField);
  }

  /**
   * An exception as structured data: {@code type}, {@code message} and {@code stack} frames, with causes nested
   * under {@code cause}. Frames are capped so one error stays one readable line.
   */
  static java.util.Map<String, Object> errorFields(Throwable error) {
    return ErrorFields.of(error, 0);
  }
}
