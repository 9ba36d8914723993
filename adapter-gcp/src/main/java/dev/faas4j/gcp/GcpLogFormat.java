package dev.faas4j.gcp;

import dev.faas4j.spi.log.JsonLine;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.log.LogRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Logging's structured log shape: one JSON object per line on standard output, which the Cloud Run functions
 * agent turns into a log entry. {@code severity} ({@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}),
 * {@code message}, {@code time}, the special fields {@code logging.googleapis.com/trace} (as
 * {@code projects/<project>/traces/<id>}, so the entry joins its request's trace), {@code logging.googleapis.com/spanId}
 * and {@code logging.googleapis.com/labels} (function and execution id); then the caller's fields and
 * {@code error}. An error also gets {@code stack_trace}, which Error Reporting picks up.
 */
final class GcpLogFormat implements LogFormat {
  private static final int MAX_STACK_FRAMES = 30;
  private final @Nullable String projectId;

  private GcpLogFormat(@Nullable String projectId) {
    this.projectId = projectId == null || projectId.isBlank() ? null : projectId.trim();
  }

  /** Trace fields name {@code projectId}'s traces; without a project the bare trace id is logged as {@code traceId}. */
  static GcpLogFormat of(@Nullable String projectId) {
    return new GcpLogFormat(projectId);
  }

  /** The project from {@code GOOGLE_CLOUD_PROJECT}, {@code GCP_PROJECT} or {@code GCLOUD_PROJECT}. */
  static GcpLogFormat fromEnvironment(Function<String, String> env) {
    return new GcpLogFormat(GcpPlatform.projectId(env).orElse(null));
  }

  Optional<String> projectId() {
    return Optional.ofNullable(projectId);
  }

  @Override
  public String format(LogRecord record) {
    JsonLine line = new JsonLine()
        .field("severity", severity(record.level()))
        .field("message", record.message())
        .field("time", record.time())
        .field("logger", record.logger());
    LogContext c = record.context();
    c.traceId().ifPresent(t -> {
      if (projectId != null) {
        line.field("logging.googleapis.com/trace", "projects/" + projectId + "/traces/" + t);
      } else {
        line.field("traceId", t);
      }
    });
    c.spanId().ifPresent(s -> line.field("logging.googleapis.com/spanId", s));
    Map<String, Object> labels = new LinkedHashMap<>();
    c.function().ifPresent(f -> labels.put("function", f));
    c.invocationId().ifPresent(id -> labels.put("execution_id", id));
    if (!labels.isEmpty()) {
      line.field("logging.googleapis.com/labels", labels);
    }
    if (c.invocationId().isPresent()) {
      line.field("coldStart", c.coldStart());
    }
    record.fields().forEach(line::field);
    record.error().ifPresent(e -> {
      line.field("error", LogFormat.errorFields(e));
      line.field("stack_trace", stackTrace(e));
    });
    return line.end();
  }

  static String severity(LogLevel level) {
    return switch (level) {
      case DEBUG -> "DEBUG";
      case INFO -> "INFO";
      case WARN -> "WARNING";
      case ERROR -> "ERROR";
    };
  }

  /** The Java stack trace text Error Reporting parses: {@code Type: message} then {@code \tat frame} lines. */
  static String stackTrace(Throwable error) {
    StringBuilder sb = new StringBuilder(error.toString());
    StackTraceElement[] frames = error.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, MAX_STACK_FRAMES); i++) {
      sb.append("\n\tat ").append(frames[i]);
    }
    if (frames.length > MAX_STACK_FRAMES) {
      sb.append("\n\t... ").append(frames.length - MAX_STACK_FRAMES).append(" more");
    }
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && cause != error && depth < 5; depth++) {
      sb.append("\nCaused by: ").append(cause);
      StackTraceElement[] cf = cause.getStackTrace();
      for (int i = 0; i < Math.min(cf.length, 5); i++) {
        sb.append("\n\tat ").append(cf[i]);
      }
      cause = cause.getCause();
    }
    return sb.toString();
  }
}
