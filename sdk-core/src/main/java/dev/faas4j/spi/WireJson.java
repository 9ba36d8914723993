package dev.faas4j.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing platform JSON, the same way in every adapter. Parsing never quotes the payload in an error:
 * a malformed document is an {@link InvalidEventException} naming what was expected, with a cause that keeps
 * Jackson's type and stack but not its message. Typed field access treats a missing or {@code null} field as
 * absent, and a field of the wrong type as an {@link InvalidEventException} naming the field (never its value).
 */
public final class WireJson {
  private WireJson() {}

  /** The JSON tree of a platform payload; {@code what} names it in errors ("Lambda event"). */
  public static JsonNode tree(byte[] bytes, String what) {
    return Json.tree(bytes, what);
  }

  /**
   * A generator onto {@code out} that leaves the stream open when closed (the platform owns it). It writes tokens
   * only: it has no codec, so that no mapper is built for it; write a value or a tree with {@link #write(Object)}
   * and {@code writeRawValue}.
   */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = Json.FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  /** Writes {@code value} as JSON bytes (records, maps, lists, trees). */
  public static byte[] write(Object value) {
    return Json.write(value);
  }

  /** {@code value} as a JSON tree, for adapters that assemble wire documents. */
  public static JsonNode toTree(Object value) {
    return Json.mapper().valueToTree(value);
  }

  public static @Nullable JsonNode present(@Nullable JsonNode parent, String name) {
    if (parent == null) {
      return null;
    }
    JsonNode n = parent.get(name);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  public static @Nullable String text(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidEventException(path + " must be a string");
    }
    return n.textValue();
  }

  public static String requireText(@Nullable JsonNode parent, String name, String path) {
    String s = text(parent, name, path);
    if (s == null) {
      throw new InvalidEventException(path + " is required");
    }
    return s;
  }

  /** A string or a number, as text (AWS sends some numbers as strings and some strings as numbers). */
  public static @Nullable String scalar(@Nullable JsonNode parent, String name, String path) {
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

  public static @Nullable JsonNode object(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n != null && !n.isObject()) {
      throw new InvalidEventException(path + " must be an object");
    }
    return n;
  }

  public static JsonNode requireObject(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = object(parent, name, path);
    if (n == null) {
      throw new InvalidEventException(path + " is required");
    }
    return n;
  }

  public static @Nullable JsonNode array(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n != null && !n.isArray()) {
      throw new InvalidEventException(path + " must be an array");
    }
    return n;
  }

  public static boolean bool(@Nullable JsonNode parent, String name, String path) {
    JsonNode n = present(parent, name);
    if (n == null) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    throw new InvalidEventException(path + " must be true or false");
  }

  public static @Nullable Long longValue(@Nullable JsonNode parent, String name, String path) {
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

  public static @Nullable Instant instant(@Nullable JsonNode parent, String name, String path) {
    String s = scalar(parent, name, path);
    return s == null ? null : Wire.instant(s, path);
  }

}
