package dev.faas4j.port.memory;

import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStorage} in memory, with etags (MD5 of the content, as S3 gives for simple uploads) and
 * conditional writes. An optional listener sees every write and delete, which is how the test kit fires storage
 * triggers.
 */
public final class InMemoryObjectStorage implements ObjectStorage {
  private final String bucket;
  private final Clock clock;
  private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
  private final AtomicLong generations = new AtomicLong();
  private volatile Consumer<Change> listener = c -> {};

  /** A write or delete, as seen by a listener. */
  public record Change(String bucket, String key, Optional<ObjectInfo> written) {}

  public InMemoryObjectStorage(String bucket, Clock clock) {
    this.bucket = bucket;
    this.clock = clock;
  }

  public InMemoryObjectStorage(String bucket) {
    this(bucket, Clock.systemUTC());
  }

  /** Called after every successful write ({@code written} present) and delete of an existing object. */
  public void onChange(Consumer<Change> listener) {
    this.listener = listener;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions options) {
    Keys.objectKey(key);
    ObjectInfo info = new ObjectInfo(key, content.length, md5(content), options.contentType(),
        options.metadata(), clock.instant(), Optional.of(Long.toString(generations.incrementAndGet())));
    StoredObject object = new StoredObject(info, content);
    boolean[] conflict = new boolean[1];
    objects.compute(key, (k, old) -> {
      if (options.isIfAbsent() && old != null
          || options.ifMatchEtag().isPresent() && (old == null || !old.info().etag().equals(options.ifMatchEtag().get()))) {
        conflict[0] = true;
        return old;
      }
      return object;
    });
    if (conflict[0]) {
      throw new ObjectStorageException(PortException.Reason.CONFLICT,
          "Condition failed for " + bucket + "/" + key + (options.isIfAbsent() ? ": the object exists"
              : ": the etag does not match"));
    }
    listener.accept(new Change(bucket, key, Optional.of(info)));
    return info;
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Keys.objectKey(key);
    return Optional.ofNullable(objects.get(key));
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return get(key).map(StoredObject::info);
  }

  @Override
  public void delete(String key) {
    Keys.objectKey(key);
    if (objects.remove(key) != null) {
      listener.accept(new Change(bucket, key, Optional.empty()));
    }
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new ObjectStorageException(PortException.Reason.INVALID_ARGUMENT,
          "Page size must be 1 to 1000; got " + pageSize);
    }
    Map<String, StoredObject> tail = pageToken == null
        ? objects.tailMap(prefix, true) : objects.tailMap(pageToken, false);
    List<ObjectInfo> page = new ArrayList<>();
    for (Map.Entry<String, StoredObject> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (page.size() == pageSize) {
        return new ObjectPage(page, Optional.of(page.get(page.size() - 1).key()));
      }
      page.add(e.getValue().info());
    }
    return new ObjectPage(page, Optional.empty());
  }

  static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}
