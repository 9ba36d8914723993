package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.WireJson;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.spi.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaLogFormatTest {
  private static final LogContext CONTEXT = new LogContext(Optional.of("processOrder"), Optional.of("req-7"),
      Optional.of("5759e988bd862e3fe1be46a994272793"), Optional.of("53995c3f42cd8ad8"), true);

  @Test
  void writesLambdasJsonShapeWithTheRequestId() {
    String line = LambdaLogFormat.create().format(new LogRecord(Instant.parse("2024-04-07T12:00:00.123Z"),
        LogLevel.INFO, "order stored", CONTEXT, Map.of("orderId", "o-1"), Optional.empty(), "function"));

    JsonNode json = parse(line);
    assertThat(json.get("timestamp").asText()).isEqualTo("2024-04-07T12:00:00.123Z");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("message").asText()).isEqualTo("order stored");
    assertThat(json.get("requestId").asText()).isEqualTo("req-7");
    assertThat(json.get("function").asText()).isEqualTo("processOrder");
    assertThat(json.get("traceId").asText()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    assertThat(json.get("coldStart").asBoolean()).isTrue();
    assertThat(json.get("orderId").asText()).isEqualTo("o-1");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void errorsCarryLambdasErrorFields() {
    Exception error = new IllegalStateException("disk full\nsecond line", new RuntimeException("root"));
    String line = LambdaLogFormat.create().format(new LogRecord(Instant.EPOCH, LogLevel.ERROR, "failed", CONTEXT,
        Map.of(), Optional.of(error), "faas4j"));

    JsonNode json = parse(line);
    assertThat(json.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("errorMessage").asText()).isEqualTo("disk full\nsecond line");
    assertThat(json.get("stackTrace").isArray()).isTrue();
    assertThat(json.at("/errorCause/message").asText()).isEqualTo("root");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void outsideAnInvocationThereIsNoRequestId() {
    String line = LambdaLogFormat.create().format(new LogRecord(Instant.EPOCH, LogLevel.WARN, "starting",
        LogContext.none(), Map.of(), Optional.empty(), "faas4j"));

    assertThat(parse(line).has("requestId")).isFalse();
  }

  private static JsonNode parse(String line) {
    return WireJson.tree(line.getBytes(StandardCharsets.UTF_8), "log line");
  }
}
