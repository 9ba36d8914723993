package dev.faas4j.spi.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLineTest {

  private static JsonNode roundTrip(String value) {
    String line = new JsonLine().field("message", value).field(value, "as name").end();
    JsonNode node = CapturingSink.parseLine(line);
    assertThat(node.get("message").asText()).isEqualTo(value);
    assertThat(node.get(value).asText()).isEqualTo("as name");
    return node;
  }

  @ParameterizedTest
  @ValueSource(strings = {"line1\nline2", "cr\rlf", "tab\there", "quote\"d", "back\\slash", "nul\u0000",
      "bell\u0007", "esc\u001b[31mred", "unit\u001f", "ls\u2028ps\u2029", "del\u007f", "c1\u0085\u009b",
      "emoji ☕ and ü", "{\"level\":\"ERROR\"}"})
  void escapesEverythingThatCouldBreakTheLine(String value) {
    roundTrip(value);
  }

  @Test
  void escapesEveryControlCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xa0; c++) {
      all.append(c);
    }
    all.append('\u2028').append('\u2029');

    String line = new JsonLine().field("v", all.toString()).end();

    for (char c : line.toCharArray()) {
      assertThat(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029')
          .as("raw char U+%04X in line", (int) c).isFalse();
    }
    assertThat(CapturingSink.parseLine(line).get("v").asText()).isEqualTo(all.toString());
  }

  @Test
  void aMessageCannotInjectASecondLogLine() {
    String attack = "login failed\n{\"level\":\"ERROR\",\"message\":\"admin logged in\"}";

    String line = new JsonLine().field("level", "INFO").field("message", attack).end();

    assertThat(line).doesNotContain("\n");
    JsonNode node = CapturingSink.parseLine(line);
    assertThat(node.get("level").asText()).isEqualTo("INFO");
    assertThat(node.get("message").asText()).isEqualTo(attack);
  }

  @Test
  void logsOptionalFactsAsTheirValueOrNull() {
    String line = new JsonLine().field("attempt", java.util.OptionalInt.of(3))
        .field("size", java.util.OptionalLong.empty()).field("at", java.util.Optional.of(Instant.EPOCH))
        .field("none", java.util.Optional.empty()).field("ratio", java.util.OptionalDouble.of(0.5)).end();

    JsonNode n = CapturingSink.parseLine(line);
    assertThat(n.get("ratio").asDouble()).isEqualTo(0.5);
    assertThat(n.get("attempt").isInt()).isTrue();
    assertThat(n.get("attempt").asInt()).isEqualTo(3);
    assertThat(n.get("size").isNull()).isTrue();
    assertThat(n.get("at").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(n.get("none").isNull()).isTrue();
  }

  @Test
  void keepsJsonShapesOfValues() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("ids", List.of(1, 2L));
    nested.put("none", null);
    String line = new JsonLine()
        .field("int", 42).field("long", 1L << 40).field("double", 1.5).field("bool", true)
        .field("big", new BigDecimal("12.50")).field("nan", Double.NaN).field("inf", Float.POSITIVE_INFINITY)
        .field("at", Instant.parse("2026-03-01T10:15:30Z")).field("map", nested).field("null", null)
        .field("other", new StringBuilder("sb"))
        .end();

    JsonNode n = CapturingSink.parseLine(line);
    assertThat(n.get("int").isInt()).isTrue();
    assertThat(n.get("long").asLong()).isEqualTo(1L << 40);
    assertThat(n.get("double").asDouble()).isEqualTo(1.5);
    assertThat(n.get("bool").asBoolean()).isTrue();
    assertThat(n.get("big").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(n.get("nan").asText()).isEqualTo("NaN");
    assertThat(n.get("inf").asText()).isEqualTo("Infinity");
    assertThat(n.get("at").asText()).isEqualTo("2026-03-01T10:15:30Z");
    assertThat(n.at("/map/ids/1").asLong()).isEqualTo(2);
    assertThat(n.at("/map/none").isNull()).isTrue();
    assertThat(n.get("null").isNull()).isTrue();
    assertThat(n.get("other").asText()).isEqualTo("sb");
  }

  @Test
  void deepNestingIsCutToAString() {
    Object deep = "leaf";
    for (int i = 0; i < 20; i++) {
      deep = List.of(deep);
    }

    JsonNode n = CapturingSink.parseLine(new JsonLine().field("deep", deep).end());

    // eight levels of arrays stay arrays; below that the rest is written as one string
    JsonNode at = n.get("deep");
    int arrays = 0;
    while (at.isArray()) {
      at = at.get(0);
      arrays++;
    }
    assertThat(arrays).isEqualTo(8);
    assertThat(at.isTextual()).isTrue();
    assertThat(at.asText()).startsWith("[[").contains("leaf");
  }

  @Test
  void selfContainingCollectionDoesNotLoop() {
    List<Object> self = new java.util.ArrayList<>();
    self.add("a");
    self.add(self);

    JsonNode n = CapturingSink.parseLine(new JsonLine().field("self", self).end());

    assertThat(n.get("self").isArray()).isTrue();
  }

  @Test
  void nestsRawObjects() {
    String line = new JsonLine().field("a", 1).object("b", new JsonLine().field("c", Arrays.asList("x", null))).end();

    assertThat(CapturingSink.parseLine(line).at("/b/c/0").asText()).isEqualTo("x");
  }
}
