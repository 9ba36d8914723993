package dev.faas4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.event.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * JSON for sdk-core and the adapters: lenient about unknown fields, strict about syntax, and careful not to copy
 * payload text into error messages (they end up in logs and 400 responses). Plain records (and, written, maps,
 * collections and enums) go through {@link Records}; everything else, and every error, goes through one Jackson
 * mapper, built the first time it is needed.
 */
public final class Json {
  /**
   * The streaming factory: platform payloads are read and responses written with it. Tolerates unquoted control
   * characters on input (they are escaped on output) and keeps payload text out of error locations.
   */
  @SuppressWarnings("deprecation") // JsonParser.Feature: the features StreamReadFeature and JsonReadFeature map to
  public static final JsonFactory FACTORY = new JsonFactory()
      .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS);

  private Json() {}

  /** The mapper, for what the streaming API and {@link Records} do not cover (trees); built on first use. */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /**
   * Reads {@code bytes} as a {@code type}.
   *
   * @param what names the input in the error message, e.g. "Request body"
   * @throws InvalidEventException if the input is empty, not JSON, or does not fit {@code type}
   */
  public static <T> T read(byte[] bytes, Class<T> type, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    if (Records.readable(type)) {
      Object value = Records.read(bytes, type);
      if (value != Records.DEFER) {
        return type.cast(value);
      }
    }
    return Mapper.read(bytes, type, what);
  }

  /**
   * {@code text} read as a {@code type}, or null if it is empty, JSON null, or does not read: for a body a platform
   * handed over as text, bound without encoding it. Callers read the encoded bytes with
   * {@link #read(byte[], Class, String)} when this gives null, so every error and its message are that method's.
   */
  public static <T> @Nullable T readOrNull(String text, Class<T> type) {
    if (text.isEmpty()) {
      return null;
    }
    if (Records.readable(type)) {
      Object value = Records.read(text, type);
      if (value != Records.DEFER) {
        return type.cast(value);
      }
    }
    return Mapper.readOrNull(text, type);
  }

  /** Like {@link #read(byte[], Class, String)} for a generic type such as a list of records; unchecked by design. */
  public static <T> T read(byte[] bytes, java.lang.reflect.Type type, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    return Mapper.read(bytes, type, what);
  }

  /** Reads a JSON tree, for adapters that inspect a payload's shape. */
  public static JsonNode tree(byte[] bytes, String what) {
    if (bytes.length == 0) {
      throw new InvalidEventException(what + " is empty; expected a JSON document");
    }
    return Mapper.tree(bytes, what);
  }

  /** Writes {@code value} as JSON bytes; a value Jackson cannot write is a programming error. */
  public static byte[] write(Object value) {
    byte[] bytes = Records.write(value);
    if (bytes != null) {
      return bytes;
    }
    return Mapper.write(value);
  }

  /** Like {@link #write(Object)}, for adapters that stream into an output. */
  public static void write(java.io.OutputStream out, Object value) {
    try {
      out.write(write(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stands in for Jackson's exception as the cause: Jackson's messages quote the offending token ("Unrecognized
   * token 'hunter2'"), and platforms log causes. It keeps the type and the stack, not the message.
   */
  static final class PayloadFreeCause extends IOException {
    private static final long serialVersionUID = 1L;

    private PayloadFreeCause(String message) {
      super(message);
    }

    static PayloadFreeCause of(IOException e) {
      PayloadFreeCause cause = new PayloadFreeCause(e.getClass().getName() + " (message withheld: it may quote the payload)");
      cause.setStackTrace(e.getStackTrace());
      return cause;
    }
  }
}
