package dev.faas4j;

/**
 * JSON in and out of ports, with the same rules the events use: unknown fields ignored, {@code java.time} values as
 * ISO-8601 strings, errors that name the field but never echo the payload.
 *
 * <pre>{@code
 * users.put(id, Json.toBytes(user));
 * User user = users.get(id).map(e -> Json.fromBytes(e.value(), User.class)).orElseThrow();
 * }</pre>
 */
public final class Json {
  private Json() {}

  /** {@code value} as JSON bytes; a value that cannot be written is an {@link IllegalArgumentException}. */
  public static byte[] toBytes(Object value) {
    return dev.faas4j.internal.Json.write(value);
  }

  /**
   * Reads JSON bytes into {@code type}.
   *
   * @throws dev.faas4j.event.InvalidEventException if the bytes are not JSON or do not fit {@code type}
   */
  public static <T> T fromBytes(byte[] json, Class<T> type) {
    return dev.faas4j.internal.Json.read(json, type, "JSON value");
  }
}
