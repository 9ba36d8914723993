package dev.faas4j.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to fields of a Lambda event: a missing or {@code null} field is absent, a field of the wrong type is
 * an {@link InvalidEventException} naming the field (never its value).
 */
final class JsonFields {
  private JsonFields() {}

  static @Nullable JsonNode present(@Nullable JsonNode parent, String name) {
    if (parent == null) {
      return null;
    }
    JsonNode n = parent.get(name);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  static @Nullable String text(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidEventException(path + " must be a string");
    }
    return n.textValue();
  }

  static String requireText(@Nullable JsonNode parent, String name, String path) {
    String s = text(parent, name, path);
    if (s == null) {
      throw new InvalidEventException(path + " is required");
    }
    return s;
  }

  /** A string or a number, as text (AWS sends some numbers as strings and some strings as numbers). */
  static @Nullable String scalar(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isNumber()) {
      return n.isIntegralNumber() ? n.bigIntegerValue().toString() : n.decimalValue().toPlainString();
    }
    throw new InvalidEventException(path + " must be a string or a number");
  }

  static @Nullable JsonNode object(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n != null && !n.isObject()) {
      throw new InvalidEventException(path + " must be an object");
    }
    return n;
  }

  static JsonNode requireObject(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = object(parent, name, path);
    if (n == null) {
      throw new InvalidEventException(path + " is required");
    }
    return n;
  }

  static @Nullable JsonNode array(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n != null && !n.isArray()) {
      throw new InvalidEventException(path + " must be an array");
    }
    return n;
  }

  static boolean bool(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n == null) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    throw new InvalidEventException(path + " must be true or false");
  }

  static @Nullable Long longValue(@Nullable JsonNode parent, String name, String path) {
    String s = scalar(parent, name, path);
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidEventException(path + " must be an integer", e);
    }
  }

  static @Nullable Instant instant(@Nullable JsonNode parent, String name, String path) {
    String s = scalar(parent, name, path);
    return s == null ? null : Wire.instant(s, path);
  }

  /** The part of an ARN or URL after its last {@code :} or {@code /}: the resource's name. */
  static String lastSegment(String arnOrUrl) {
    int i = Math.max(arnOrUrl.lastIndexOf(':'), arnOrUrl.lastIndexOf('/'));
    return i < 0 ? arnOrUrl : arnOrUrl.substring(i + 1);
  }
}
