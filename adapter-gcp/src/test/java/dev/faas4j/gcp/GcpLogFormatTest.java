package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.TraceContext;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.log.LogRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GcpLogFormatTest {
  private static final LogContext CONTEXT = new LogContext(Optional.of("thumbnail"), Optional.of("exec-1"),
      Optional.of("4bf92f3577b34da6a3ce929d0e0e4736"), Optional.of("00f067aa0ba902b7"), true);

  @Test
  void writesCloudLoggingSpecialFields() {
    String line = GcpLogFormat.of("my-project").format(new LogRecord(Instant.parse("2030-01-01T00:00:00Z"),
        LogLevel.WARN, "line one\nline two", CONTEXT, Map.of("orderId", "o-1"), Optional.empty(), "function"));

    assertThat(line).startsWith("{\"severity\":\"WARNING\",\"message\":\"line one\\nline two\"")
        .contains("\"logging.googleapis.com/trace\":\"projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736\"")
        .contains("\"logging.googleapis.com/spanId\":\"00f067aa0ba902b7\"")
        .contains("\"logging.googleapis.com/labels\":{\"function\":\"thumbnail\",\"execution_id\":\"exec-1\"}")
        .contains("\"coldStart\":true", "\"orderId\":\"o-1\"").doesNotContain("\n");
  }

  @Test
  void withoutAProjectTheTraceIdIsAPlainField() {
    String line = GcpLogFormat.of(null).format(new LogRecord(Instant.EPOCH, LogLevel.INFO, "m", CONTEXT, Map.of(),
        Optional.empty(), "function"));

    assertThat(line).contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
        .doesNotContain("logging.googleapis.com/trace\"");
  }

  @Test
  void errorsCarryAStackTraceForErrorReporting() {
    String line = GcpLogFormat.of("p").format(new LogRecord(Instant.EPOCH, LogLevel.ERROR, "failed", CONTEXT,
        Map.of(), Optional.of(new IllegalStateException("boom", new RuntimeException("root"))), "function"));

    assertThat(line).contains("\"severity\":\"ERROR\"")
        .contains("\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat ")
        .contains("Caused by: java.lang.RuntimeException: root");
  }

  @Test
  void cloudTraceContextSpanIdIsDecimalAndMalformedHeadersAreIgnored() {
    assertThat(TraceHeaders.cloudTraceContext("105445aa7843bc8bf206b12000100000/1;o=1"))
        .contains(new TraceContext("105445aa7843bc8bf206b12000100000", "0000000000000001", true));
    assertThat(TraceHeaders.cloudTraceContext("105445aa7843bc8bf206b12000100000/18446744073709551615"))
        .hasValueSatisfying(t -> assertThat(t.spanId()).isEqualTo("ffffffffffffffff"));
    assertThat(TraceHeaders.cloudTraceContext("105445aa7843bc8bf206b12000100000/18446744073709551616")).isEmpty();
    assertThat(TraceHeaders.cloudTraceContext("short/1")).isEmpty();
    assertThat(TraceHeaders.cloudTraceContext("105445aa7843bc8bf206b12000100000/0")).isEmpty();
    assertThat(TraceHeaders.cloudTraceContext("105445aa7843bc8bf206b12000100000/12ab")).isEmpty();
  }
}
