package dev.faas4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.spi.log.LogContext;
import dev.faas4j.log.LogLevel;
import dev.faas4j.spi.log.LogRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleLogFormatTest {
  private final ConsoleLogFormat format = new ConsoleLogFormat(ZoneOffset.UTC);
  private final Instant time = Instant.parse("2030-01-01T14:03:07.123Z");

  @Test
  void writesTimeLevelFunctionInvocationMessageAndFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", 42);
    fields.put("note", "two words");
    LogContext ctx = new LogContext(Optional.of("createUser"), Optional.of("inv-1"), Optional.empty(),
        Optional.empty(), false);

    String line = format.format(new LogRecord(time, LogLevel.INFO, "User created", ctx, fields, Optional.empty(),
        "function"));

    assertThat(line).isEqualTo("14:03:07.123 INFO  createUser [inv-1] User created id=42 note=\"two words\"");
  }

  @Test
  void showsAnAbsentFactsValueOrNullNeverItsOptional() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("attempt", java.util.OptionalInt.of(2));
    fields.put("sequence", java.util.OptionalLong.empty());
    fields.put("group", Optional.of("g-1"));
    fields.put("weight", java.util.OptionalDouble.of(1.5));

    String line = format.format(new LogRecord(time, LogLevel.INFO, "Order charged", LogContext.none(), fields,
        Optional.empty(), "function"));

    assertThat(line).endsWith("Order charged attempt=2 sequence=null group=g-1 weight=1.5");
  }

  @Test
  void escapesControlCharactersSoNoLineCanBeForged() {
    String line = format.format(new LogRecord(time, LogLevel.WARN, "a\nFAKE 00:00:00.000 ERROR x",
        LogContext.none(), Map.of("v", "b\r\u0007"), Optional.of(new IllegalStateException("bad\nthing")),
        "faas4j"));

    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0007")
        .startsWith("14:03:07.123 WARN  faas4j a\\nFAKE").contains("v=b\\r\\u0007")
        .contains("error=\"java.lang.IllegalStateException: bad\\nthing at ");
  }
}
