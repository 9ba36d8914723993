package dev.faas4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Line(String sku, int quantity) {}

  record Order(String orderId, int amount, Instant placedAt, List<Line> lines) {}

  enum Size { SMALL, LARGE }

  record Shirt(Size size) {}

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsRecordsWithInstantsAndIgnoresUnknownFields() {
    Order o = Json.read(utf8("{\"orderId\":\"o-1\",\"amount\":1250,\"placedAt\":\"2026-03-01T10:15:30Z\","
        + "\"lines\":[{\"sku\":\"A-1\",\"quantity\":2}],\"coupon\":\"X\"}"), Order.class, "Request body");

    assertThat(o).isEqualTo(new Order("o-1", 1250, Instant.parse("2026-03-01T10:15:30Z"),
        List.of(new Line("A-1", 2))));
  }

  @Test
  void wrongTypeNamesTheFieldPathButNotTheValue() {
    assertThatThrownBy(() -> Json.read(utf8("{\"orderId\":\"o-1\",\"amount\":\"lots-of-money\"}"), Order.class,
        "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("Request body")
        .hasMessageContaining("'amount'")
        .hasMessageContaining("a number")
        .message().doesNotContain("lots-of-money");
  }

  @Test
  void wrongTypeInNestedArrayNamesTheIndexedPath() {
    assertThatThrownBy(() -> Json.read(utf8("{\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\","
        + "\"quantity\":\"two\"}]}"), Order.class, "Message body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'lines[1].quantity'");
  }

  @Test
  void objectWhereNumberExpectedNamesTheField() {
    assertThatThrownBy(() -> Json.read(utf8("{\"amount\":{\"value\":3}}"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'amount'");
  }

  @Test
  void badInstantNamesTheField() {
    assertThatThrownBy(() -> Json.read(utf8("{\"placedAt\":\"yesterday\"}"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'placedAt'")
        .message().doesNotContain("yesterday");
  }

  @Test
  void badEnumListsTheAllowedValues() {
    assertThatThrownBy(() -> Json.read(utf8("{\"size\":\"HUGE\"}"), Shirt.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'size'")
        .hasMessageContaining("SMALL");
  }

  @Test
  void malformedJsonGivesLineAndColumnWithoutPayload() {
    assertThatThrownBy(() -> Json.read(utf8("{\"orderId\": \"secret-value\",}"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("Request body is not valid JSON (line 1, column")
        .message().doesNotContain("secret-value");
  }

  @Test
  void emptyBodyIsRejected() {
    assertThatThrownBy(() -> Json.read(new byte[0], Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body is empty; expected a JSON document");
  }

  @Test
  void whitespaceOnlyBodyIsRejected() {
    assertThatThrownBy(() -> Json.read(utf8("  \n"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("Request body");
  }

  @Test
  void jsonNullIsRejected() {
    assertThatThrownBy(() -> Json.read(utf8("null"), Order.class, "Message body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Message body is JSON null; expected an object (Order)");
  }

  @Test
  void trailingTokensAreRejected() {
    assertThatThrownBy(() -> Json.read(utf8("{\"orderId\":\"o-1\"} {\"orderId\":\"o-2\"}"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("Request body");
  }

  @Test
  void arrayWhereObjectExpected() {
    assertThatThrownBy(() -> Json.read(utf8("[1,2]"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body does not match the expected shape: expected an object (Order)");
  }

  @Test
  void topLevelWrongScalarHasNoEmptyPath() {
    assertThatThrownBy(() -> Json.read(utf8("\"abc\""), Integer.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("a number")
        .message().doesNotContain("''");
  }

  @Test
  void nullForPrimitiveIsRejected() {
    assertThatThrownBy(() -> Json.read(utf8("{\"amount\":null}"), Order.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'amount'");
  }

  record Transfer(String account, long amountCents) {}

  static final class Payment {
    public String account;
    public long amountCents;
  }

  @Test
  void aMissingPrimitiveFieldIsNamedAsMissingNotAsTheWrongType() {
    assertThatThrownBy(() -> Json.read(utf8("{\"account\":\"acc-secret-1\"}"), Transfer.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body is missing the required field 'amountCents' (a number, not null)")
        .message().doesNotContain("acc-secret-1");
  }

  @Test
  void aNullPrimitiveFieldIsNamedAsRequired() {
    assertThatThrownBy(() -> Json.read(utf8("{\"account\":\"a\",\"amountCents\":null}"), Transfer.class,
        "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body is missing the required field 'amountCents' (a number, not null)");
  }

  @Test
  void aWronglyTypedPrimitiveFieldIsNamedWithTheExpectedType() {
    assertThatThrownBy(() -> Json.read(utf8("{\"account\":\"a\",\"amountCents\":\"ten-euros\"}"),
        Transfer.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body has a value of the wrong type at 'amountCents': expected a number")
        .message().doesNotContain("ten-euros");
    assertThatThrownBy(() -> Json.read(utf8("{\"account\":\"a\",\"amountCents\":true}"),
        Payment.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("Request body has a value of the wrong type at 'amountCents': expected a number");
  }

  @Test
  void aClassWithAPrimitiveFieldKeepsItsDefaultWhenTheFieldIsAbsent() {
    // A class's field has a default (0), which Jackson keeps: only creator parameters (records) are required.
    assertThat(Json.read(utf8("{\"account\":\"a\"}"), Payment.class, "Request body").amountCents).isZero();
  }

  @Test
  void readsIntoMapsAndTrees() {
    Map<?, ?> map = Json.read(utf8("{\"a\":1}"), Map.class, "x");
    assertThat(map.get("a")).isEqualTo(1);
    assertThat(Json.tree(utf8("{\"a\":[true]}"), "x").get("a").get(0).asBoolean()).isTrue();
  }

  @Test
  void writesInstantsAsIsoStrings() {
    assertThat(new String(Json.write(Map.of("at", Instant.parse("2026-03-01T10:15:30Z"))), StandardCharsets.UTF_8))
        .isEqualTo("{\"at\":\"2026-03-01T10:15:30Z\"}");
  }

  record Times(OffsetDateTime at, LocalDate day, Duration delay, List<Instant> seen) {}

  @Test
  void everyIsoTypeRoundTripsAsItsIsoStringAlsoInsideCollections() {
    Times t = new Times(OffsetDateTime.parse("2026-03-01T10:15:30+02:00"), LocalDate.parse("2026-03-01"),
        Duration.ofSeconds(90), List.of(Instant.parse("2026-03-01T10:15:30Z")));
    String json = new String(Json.write(t), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"at\":\"2026-03-01T10:15:30+02:00\",\"day\":\"2026-03-01\",\"delay\":\"PT1M30S\","
        + "\"seen\":[\"2026-03-01T10:15:30Z\"]}");
    assertThat(Json.read(utf8(json), Times.class, "Request body")).isEqualTo(t);
    assertThat(Json.read(utf8("{\"day\":\" 2026-03-01 \"}"), Times.class, "x").day())
        .isEqualTo(LocalDate.of(2026, 3, 1));
  }

  @Test
  void badIsoValuesOfEveryTypeNameTheirFieldNotTheValue() {
    for (String field : List.of("at", "day", "delay")) {
      assertThatThrownBy(() -> Json.read(utf8("{\"" + field + "\":\"hunter2\"}"), Times.class, "Request body"))
          .isInstanceOf(InvalidEventException.class)
          .hasMessageContaining("'" + field + "'")
          .message().doesNotContain("hunter2");
    }
    assertThatThrownBy(() -> Json.read(utf8("{\"delay\":[1]}"), Times.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'delay'");
  }

  @Test
  void unescapedControlCharactersAreToleratedOnInputAndEscapedOnOutput() {
    Line line = Json.read(utf8("{\"sku\":\"a\tb\",\"quantity\":1}"), Line.class, "Request body");
    assertThat(line.sku()).isEqualTo("a\tb");
    assertThat(new String(Json.write(line), StandardCharsets.UTF_8)).contains("\"a\\tb\"");
  }

  @Test
  void trailingTokensAndNullPrimitivesAreRejectedEmptyBeansWritten() {
    assertThatThrownBy(() -> Json.read(utf8("{\"sku\":\"a\",\"quantity\":1} {}"), Line.class, "Request body"))
        .isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> Json.read(utf8("{\"sku\":\"a\",\"quantity\":null}"), Line.class, "Request body"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("'quantity'");
    assertThat(new String(Json.write(new Object()), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void writeOfUnwritableValueIsAProgrammingError() {
    Object selfReferencing = new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    };

    assertThatThrownBy(() -> Json.write(selfReferencing)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCauseOfAParseErrorDoesNotQuoteThePayload() {
    Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> Json.read(
        "{\"password\": hunter2}".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.class, "Body"));
    org.assertj.core.api.Assertions.assertThat(error).isInstanceOf(dev.faas4j.event.InvalidEventException.class);
    for (Throwable t = error; t != null; t = t.getCause()) {
      org.assertj.core.api.Assertions.assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
    }
    org.assertj.core.api.Assertions.assertThat(error.getCause()).hasMessageContaining("JsonParseException");
  }
}
