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

  /** The content read as JSON; {@link dev.faas4j.event.InvalidEventException} if it does not fit {@code type}. */
  public <T> T json(Class<T> type) {
    return dev.faas4j.internal.Json.read(content, type, "Object " + info.key());
  }

  @Override
  public String toString() {
    return "StoredObject[" + info.key() + ", " + content.length + " bytes]";
  }
}
