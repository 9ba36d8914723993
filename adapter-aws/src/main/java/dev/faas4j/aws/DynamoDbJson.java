package dev.faas4j.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB's typed JSON ({@code {"Id": {"N": "101"}}}) as the plain JSON a change record carries
 * ({@code {"Id": 101}}): {@code N} an exact JSON number, {@code B} a base64 string (checked), {@code SS}/{@code NS}/
 * {@code BS} arrays, {@code M}/{@code L} nested, {@code NULL} null, {@code BOOL} a boolean. Anything else, and a
 * wrapper with other than one type, is an {@link InvalidEventException} naming the path, never the value.
 */
final class DynamoDbJson {
  private DynamoDbJson() {}

  /** An item (a map of attribute names to typed values), e.g. {@code dynamodb.NewImage}, as a JSON object. */
  static String item(JsonNode item, String path) {
    if (!item.isObject()) {
      throw new InvalidEventException(path + " must be an object");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = WireJson.generator(out)) {
      map(item, path, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void map(JsonNode item, String path, JsonGenerator g) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, JsonNode> e : item.properties()) {
      g.writeFieldName(e.getKey());
      value(e.getValue(), path, e.getKey(), g);
    }
    g.writeEndObject();
  }

  /** One typed value; the path of an attribute is made only on error. */
  private static void value(JsonNode typed, String parent, String name, JsonGenerator g) throws IOException {
    if (!typed.isObject() || typed.size() != 1) {
      throw new InvalidEventException(parent + "." + name + " must be an object with one DynamoDB type");
    }
    Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
    JsonNode v = only.getValue();
    switch (only.getKey()) {
      case "S" -> g.writeString(string(v, parent, name, "S"));
      case "N" -> g.writeNumber(number(v, parent, name));
      case "B" -> g.writeString(binary(v, parent, name));
      case "BOOL" -> {
        if (!v.isBoolean()) {
          throw new InvalidEventException(parent + "." + name + ".BOOL must be true or false");
        }
        g.writeBoolean(v.booleanValue());
      }
      case "NULL" -> {
        if (!v.isBoolean() || !v.booleanValue()) {
          throw new InvalidEventException(parent + "." + name + ".NULL must be true");
        }
        g.writeNull();
      }
      case "M" -> {
        if (!v.isObject()) {
          throw new InvalidEventException(parent + "." + name + ".M must be an object");
        }
        map(v, parent + "." + name + ".M", g);
      }
      case "L" -> {
        String path = parent + "." + name + ".L";
        list(v, path, g);
        for (int i = 0; i < v.size(); i++) {
          value(v.get(i), path, "[" + i + "]", g);
        }
        g.writeEndArray();
      }
      case "SS" -> {
        list(v, parent + "." + name + ".SS", g);
        for (JsonNode s : v) {
          g.writeString(string(s, parent, name, "SS"));
        }
        g.writeEndArray();
      }
      case "NS" -> {
        list(v, parent + "." + name + ".NS", g);
        for (JsonNode n : v) {
          g.writeNumber(number(n, parent, name));
        }
        g.writeEndArray();
      }
      case "BS" -> {
        list(v, parent + "." + name + ".BS", g);
        for (JsonNode b : v) {
          g.writeString(binary(b, parent, name));
        }
        g.writeEndArray();
      }
      default -> throw new InvalidEventException(parent + "." + name + " has an unknown DynamoDB type");
    }
  }

  private static void list(JsonNode v, String path, JsonGenerator g) throws IOException {
    if (!v.isArray()) {
      throw new InvalidEventException(path + " must be an array");
    }
    g.writeStartArray();
  }

  private static String string(JsonNode v, String parent, String name, String type) {
    if (!v.isTextual()) {
      throw new InvalidEventException(parent + "." + name + "." + type + " must be a string");
    }
    return v.textValue();
  }

  /** Exact: DynamoDB numbers carry up to 38 digits, more than a double holds. */
  private static BigDecimal number(JsonNode v, String parent, String name) {
    if (!v.isTextual()) {
      throw new InvalidEventException(parent + "." + name + " number must be a string");
    }
    try {
      return new BigDecimal(v.textValue());
    } catch (NumberFormatException e) {
      throw new InvalidEventException(parent + "." + name + " is not a decimal number");
    }
  }

  private static String binary(JsonNode v, String parent, String name) {
    String s = string(v, parent, name, "B");
    Wire.base64(s, parent + "." + name); // rejected here rather than when the function decodes it
    return s;
  }
}
