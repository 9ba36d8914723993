package dev.faas4j.event;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message attribute with the type the platform gave it: SQS and SNS have string, number, binary and (SNS)
 * string-array attributes; Pub/Sub, Service Bus and the local queues have strings (Service Bus application
 * properties may also be numbers or bytes).
 *
 * <pre>{@code
 * switch (message.attributeValue("priority").orElseThrow()) {
 *   case AttributeValue.Number n -> n.asBigDecimal();
 *   case AttributeValue.Text t -> t.value();
 *   ...
 * }
 * }</pre>
 */
public sealed interface AttributeValue {

  /**
   * The value as text: a string or number as given, bytes as base64, a string array as a JSON array. This is what
   * {@code message.attribute(name)} returns.
   */
  String asText();

  static AttributeValue text(String value) {
    return new Text(value);
  }

  /** A string attribute. */
  record Text(String value) implements AttributeValue {
    /** The value itself, so a logged attribute map reads as the platform sent it. */
    @Override
    public String toString() {
      return value;
    }

    public Text {
      Checks.notNull(value, "value");
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /**
   * A number attribute, kept as the platform's decimal text: SQS numbers carry up to 38 digits, more than a long
   * or double holds.
   */
  record Number(String value) implements AttributeValue {
    /** The value itself, so a logged attribute map reads as the platform sent it. */
    @Override
    public String toString() {
      return value;
    }

    public Number {
      Checks.notBlank(value, "value");
      try {
        new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw new InvalidEventException("Number attribute is not a decimal number");
      }
    }

    public BigDecimal asBigDecimal() {
      return new BigDecimal(value.trim());
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /** A binary attribute: the decoded bytes (platforms send them base64-encoded). */
  record Binary(byte[] value) implements AttributeValue {
    public Binary {
      value = Checks.notNull(value, "value").clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public String asText() {
      return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Binary b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Binary[" + value.length + " bytes]";
    }
  }

  /** A string array (SNS {@code String.Array}). */
  record TextList(List<String> values) implements AttributeValue {
    public TextList {
      Checks.noNulls(values, "values");
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return asText();
    }

    @Override
    public String asText() {
      return new String(dev.faas4j.internal.Json.write(values), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
