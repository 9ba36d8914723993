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
   * Reads JSON bytes (stored data) into {@code type}. To read what a caller sent, use the event's own
   * {@code json(...)}, which makes bad input a client error.
   *
   * @throws IllegalStateException if the bytes are not JSON or do not fit {@code type}: data the application stored
   *     itself that does not decode is a server error, never a 400 or a dead-lettered event. The message names the
   *     field, never the data
   */
  public static <T> T fromBytes(byte[] json, Class<T> type) {
    try {
      return dev.faas4j.internal.Json.read(json, type, "JSON value");
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** As {@link #fromBytes(byte[], Class)} for a generic type: {@code new JsonType<List<Order>>() {}}. */
  public static <T> T fromBytes(byte[] json, JsonType<T> type) {
    try {
      return dev.faas4j.internal.Json.read(json, type.type(), "JSON value");
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
