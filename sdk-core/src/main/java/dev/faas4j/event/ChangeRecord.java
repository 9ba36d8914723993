package dev.faas4j.event;

import dev.faas4j.JsonType;
import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A row change from a table's change stream (DynamoDB Streams; the same shape fits Firestore and Cosmos DB change
 * feeds), carried by {@link QueueMessage#change()}. Keys and images are plain JSON documents: platform type
 * wrappers such as DynamoDB's {@code {"S": "x"}} are already unwrapped (numbers stay exact, binary values become
 * base64 strings, sets become arrays).
 *
 * @param keys the row's key attributes as a JSON object
 * @param oldImage the row before the change, when the stream is configured to carry it
 * @param newImage the row after the change, when the stream is configured to carry it
 * @param removedByTtl whether a REMOVE was done by the table's time-to-live expiry rather than by a writer
 */
public record ChangeRecord(
    Operation operation, String keys, Optional<String> oldImage, Optional<String> newImage, boolean removedByTtl) {

  /** What happened to the row. */
  public enum Operation {
    INSERT, MODIFY, REMOVE
  }

  public ChangeRecord {
    Checks.notNull(operation, "operation");
    Checks.notNull(keys, "keys");
    Checks.optional(oldImage, "oldImage");
    Checks.optional(newImage, "newImage");
  }

  /** The keys bound to {@code type}; {@link InvalidEventException} (not retried) if they do not fit. */
  public <T> T keys(Class<T> type) {
    return Json.read(keys.getBytes(StandardCharsets.UTF_8), type, "Change keys");
  }

  public <T> Optional<T> oldImage(Class<T> type) {
    return oldImage.map(j -> Json.read(j.getBytes(StandardCharsets.UTF_8), type, "Old image"));
  }

  public <T> Optional<T> newImage(Class<T> type) {
    return newImage.map(j -> Json.read(j.getBytes(StandardCharsets.UTF_8), type, "New image"));
  }

  public <T> Optional<T> newImage(JsonType<T> type) {
    return newImage.map(j -> Json.<T>read(j.getBytes(StandardCharsets.UTF_8), type.type(), "New image"));
  }

  /** The operation only: images may carry personal data. */
  @Override
  public String toString() {
    return "ChangeRecord[" + operation + (removedByTtl ? ", ttl" : "") + "]";
  }
}
