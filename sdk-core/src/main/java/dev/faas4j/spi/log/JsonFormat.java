package dev.faas4j.spi.log;

/**
 * {@link LogFormat#json(String)}: a class rather than a lambda, because every host builds the default format at
 * start-up, and on Java 17 a lambda's call site is linked there on every cold start, start-up archive or not.
 */
final class JsonFormat implements LogFormat {
  private final String traceIdField;

  JsonFormat(String traceIdField) {
    this.traceIdField = traceIdField;
  }

  @Override
  public String format(LogRecord record) {
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
    record.error().ifPresent(e -> line.field("error", LogFormat.errorFields(e)));
    return line.end();
  }
}
