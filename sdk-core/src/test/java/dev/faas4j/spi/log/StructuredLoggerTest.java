package dev.faas4j.spi.log;

import dev.faas4j.log.FunctionLogger;
import dev.faas4j.log.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructuredLoggerTest {
  private final CapturingSink sink = new CapturingSink();
  private final LogContext invocation = new LogContext(Optional.of("createUser"), Optional.of("inv-1"),
      Optional.of("4bf92f3577b34da6a3ce929d0e0e4736"), Optional.of("00f067aa0ba902b7"), true);

  private FunctionLogger logger(LogConfig config) {
    return config.logger(invocation);
  }

  private JsonNode only() {
    assertThat(sink.records()).hasSize(1);
    return sink.records().get(0);
  }

  @Test
  void writesThePortableShape() {
    logger(sink.config()).info("User created", "userId", "u-1", "count", 3);

    JsonNode n = only();
    assertThat(n.properties()).extracting(Map.Entry::getKey).containsExactly("timestamp", "level", "message",
        "logger", "function", "invocationId", "traceId", "spanId", "coldStart", "userId", "count");
    assertThat(n.get("timestamp").asText()).isEqualTo("2026-03-01T10:15:30Z");
    assertThat(n.get("level").asText()).isEqualTo("INFO");
    assertThat(n.get("logger").asText()).isEqualTo("function");
    assertThat(n.get("coldStart").asBoolean()).isTrue();
    assertThat(n.get("count").asInt()).isEqualTo(3);
  }

  @Test
  void outsideAnInvocationThereAreNoInvocationFields() {
    sink.config().logger(LogContext.none(), "faas4j").info("started");

    JsonNode n = only();
    assertThat(n.has("invocationId")).isFalse();
    assertThat(n.has("coldStart")).isFalse();
    assertThat(n.get("logger").asText()).isEqualTo("faas4j");
  }

  @Test
  void redactsDefaultWordsInFieldNamesAtAnyDepth() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer abc.def.ghi");
    headers.put("X-Api-Token", "tok-123");
    headers.put("Accept", "application/json");
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", "Ann");
    user.put("password", "hunter2");
    user.put("cards", List.of(Map.of("cardNumber", "4111111111111111", "brand", "visa")));

    logger(sink.config()).info("Request", "headers", headers, "user", user, "apiKey", "k-1", "api_key", "k-2",
        "Set-Cookie", "session=s");

    String line = sink.lines().get(0);
    assertThat(line).doesNotContain("abc.def.ghi", "tok-123", "hunter2", "4111111111111111", "k-1", "k-2",
        "session=s");
    JsonNode n = only();
    assertThat(n.at("/headers/Authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(n.at("/headers/Accept").asText()).isEqualTo("application/json");
    assertThat(n.at("/user/name").asText()).isEqualTo("Ann");
    assertThat(n.at("/user/cards/0/brand").asText()).isEqualTo("visa");
    assertThat(n.get("apiKey").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void redactsWordsAddedByTheEnvironment() {
    // A fixed clock: digits of a real timestamp can contain the secret's digits by chance.
    LogConfig config = LogConfig.fromEnvironment(Map.of("FAAS4J_LOG_REDACT", " ssn, IBAN ,,")::get)
        .withSink(sink).withClock(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"),
            java.time.ZoneOffset.UTC));

    logger(config).info("Customer", "customer_SSN", "123-45-6789", "iban", "DE89370400440532013000",
        "password", "still");

    String line = sink.lines().get(0);
    assertThat(line).doesNotContain("6789", "DE89", "still");
    assertThat(config.redactedWords()).contains("ssn", "iban", "password").doesNotContain("");
  }

  @Test
  void boundFieldsAreWrittenAndRedacted() {
    FunctionLogger log = logger(sink.config()).with("messageId", "m-1").with("token", "t-1");

    log.warn("Retrying");

    JsonNode n = only();
    assertThat(n.get("messageId").asText()).isEqualTo("m-1");
    assertThat(n.get("token").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void filtersByLevel() {
    FunctionLogger log = logger(sink.config().withLevel(LogLevel.WARN));

    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");

    assertThat(sink.records()).extracting(n -> n.get("level").asText()).containsExactly("WARN", "ERROR");
    assertThat(log.isEnabled(LogLevel.INFO)).isFalse();
  }

  @Test
  void errorCarriesTypeMessageStackAndCauses() {
    logger(sink.config()).error("Charge failed", new IllegalStateException("declined", new IOException("reset")),
        "orderId", "o-1");

    JsonNode n = only();
    assertThat(n.get("orderId").asText()).isEqualTo("o-1");
    assertThat(n.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(n.at("/error/message").asText()).isEqualTo("declined");
    assertThat(n.at("/error/stack").isArray()).isTrue();
    assertThat(n.at("/error/stack/0").asText()).contains("StructuredLoggerTest");
    assertThat(n.at("/error/cause/type").asText()).isEqualTo("java.io.IOException");
  }

  @Test
  void stackFramesAreCapped() {
    RuntimeException deep = new RuntimeException("deep");
    StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 1);
    StackTraceElement[] frames = new StackTraceElement[100];
    java.util.Arrays.fill(frames, frame);
    deep.setStackTrace(frames);

    logger(sink.config()).error("x", deep);

    JsonNode stack = only().at("/error/stack");
    assertThat(stack).hasSize(31);
    assertThat(stack.get(30).asText()).isEqualTo("... 70 more");
  }

  @Test
  void aCyclicCauseChainDoesNotLoop() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b", a);
    a.initCause(b);

    logger(sink.config()).error("cycle", a);

    JsonNode n = only();
    int depth = 0;
    for (JsonNode e = n.get("error"); e != null; e = e.get("cause")) {
      depth++;
    }
    assertThat(depth).isBetween(2, 6);
  }

  @Test
  void aFormatThatThrowsDoesNotReachTheCaller() {
    LogConfig broken = sink.config().withFormat(record -> {
      throw new IllegalStateException("format bug");
    });

    assertThatCode(() -> logger(broken).info("hello")).doesNotThrowAnyException();
    assertThat(only().get("message").asText()).contains("IllegalStateException");
  }

  @Test
  void aSinkThatThrowsDoesNotReachTheCaller() {
    LogConfig broken = sink.config().withSink((level, line) -> {
      throw new IllegalStateException("disk full");
    });

    FunctionLogger log = logger(broken);
    assertThatCode(() -> log.info("hello")).doesNotThrowAnyException();
    assertThatCode(() -> log.error("again", new IllegalArgumentException("x"))).doesNotThrowAnyException();
    assertThat(sink.records()).isEmpty(); // nothing reached the working sink: the broken one was really used
  }

  @Test
  void aValueWhoseToStringThrowsDoesNotReachTheCaller() {
    Object evil = new Object() {
      @Override
      public String toString() {
        throw new UnsupportedOperationException("no");
      }
    };

    assertThatCode(() -> logger(sink.config()).info("x", "evil", evil)).doesNotThrowAnyException();
    assertThat(sink.lines()).hasSize(1);
  }

  @Test
  void aDanglingFieldNameIsKept() {
    logger(sink.config()).info("x", "orderId");

    assertThat(only().get("orderId").asText()).isEqualTo("!MISSING_VALUE");
  }

  @Test
  void callerFieldsCannotShadowStandardFields() {
    logger(sink.config()).info("real message", "level", "ERROR", "message", "forged");
    JsonNode n = only();
    assertThat(n.get("level").asText()).isEqualTo("INFO");
    assertThat(n.get("message").asText()).isEqualTo("real message");
    assertThat(n.get("field.level").asText()).isEqualTo("ERROR");
    assertThat(n.get("field.message").asText()).isEqualTo("forged");
  }

  @Test
  void redactsWordsAddedInCode() {
    logger(sink.config().withRedactedWords(java.util.Set.of("ssn"))).info("x", "customerSsn", "123-45-6789");
    assertThat(only().get("customerSsn").asText()).isEqualTo("[REDACTED]");
  }
}
