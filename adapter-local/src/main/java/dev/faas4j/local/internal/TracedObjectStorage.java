package dev.faas4j.local.internal;

import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import dev.faas4j.spi.TraceAttributes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A local bucket whose writes carry the writing invocation's trace context in the object's metadata. */
final class TracedObjectStorage implements ObjectStorage {
  private final ObjectStorage store;

  TracedObjectStorage(ObjectStorage store) {
    this.store = store;
  }

  @Override
  public String bucket() {
    return store.bucket();
  }

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions options) {
    return store.put(key, content, TraceAttributes.metadata(options));
  }

  @Override
  public Optional<StoredObject> get(String key) {
    return store.get(key);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return store.head(key);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    return store.list(prefix, pageToken, pageSize);
  }
}
