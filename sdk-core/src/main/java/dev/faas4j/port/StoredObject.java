package dev.faas4j.port;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An object's content with its {@link ObjectInfo}. */
public final class StoredObject {
  private final ObjectInfo info;
  private final byte[] content;

  public StoredObject(ObjectInfo info, byte[] content) {
    this.info = Objects.requireNonNull(info, "info must not be null");
    this.content = content.clone();
  }

  public ObjectInfo info() {
    return info;
  }

  /** A copy of the content. */
  public byte[] content() {
    return content.clone();
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /**
   * The content read as JSON.
   *
   * @throws ObjectStorageException if it is not JSON or does not fit {@code type}: stored data that does not decode
   *     is a server error, never a 400 or a dead-lettered event
   */
  public <T> T json(Class<T> type) {
    try {
      return dev.faas4j.internal.Json.read(content, type, "Object " + info.key());
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new ObjectStorageException(PortException.Reason.UNKNOWN, e.getMessage(), e);
    }
  }

  /** As {@link #json(Class)} for a generic type: {@code json(new JsonType<List<Order>>() {})}. */
  public <T> T json(dev.faas4j.JsonType<T> type) {
    try {
      return dev.faas4j.internal.Json.read(content, type.type(), "Object " + info.key());
    } catch (dev.faas4j.event.InvalidEventException e) {
      throw new ObjectStorageException(PortException.Reason.UNKNOWN, e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "StoredObject[" + info.key() + ", " + content.length + " bytes]";
  }
}
