package dev.faas4j.gcp;

import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.spi.Lazy;
import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.PortErrors;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link ObjectStorage} on a Cloud Storage bucket, through the JSON API client.
 *
 * <p>The portable etag is the object's <em>generation</em>: GCS gives every write a new generation and checks it
 * atomically on write, so {@link PutOptions#ifMatch} becomes {@code ifGenerationMatch=<generation>} and
 * {@link PutOptions#ifAbsent} {@code ifGenerationMatch=0}; a failed precondition (HTTP 412) is a
 * {@link Reason#CONFLICT}. (GCS's own etag also changes on metadata updates and is no write precondition.)
 */
final class GcsObjectStorage implements ObjectStorage {
  private final Supplier<Storage> storage;
  private final String bucket;

  /** A store on {@code bucket} through {@code storage} (e.g. with a custom host or credentials). */
  GcsObjectStorage(Storage storage, String bucket) {
    this(Lazy.ofValue(storage), bucket);
  }

  private GcsObjectStorage(Supplier<Storage> storage, String bucket) {
    this.storage = storage;
    this.bucket = bucket;
  }

  /** A store on {@code bucket} with the default client, created on first use (application default credentials). */
  static GcsObjectStorage create(String bucket) {
    return new GcsObjectStorage(Lazy.of(() -> StorageOptions.getDefaultInstance().getService()), bucket);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions userOptions) {
    // The writer's trace in the object's metadata: the storage event's data carries it to the object function.
    PutOptions options = TraceAttributes.metadata(userOptions);
    Keys.objectKey(key);
    List<Storage.BlobTargetOption> conditions = new ArrayList<>(1);
    BlobId id = BlobId.of(bucket, key);
    if (options.isIfAbsent()) {
      conditions.add(Storage.BlobTargetOption.doesNotExist());
    } else if (options.ifMatchEtag().isPresent()) {
      long generation = generation(options.ifMatchEtag().get());
      id = BlobId.of(bucket, key, generation);
      conditions.add(Storage.BlobTargetOption.generationMatch());
    }
    BlobInfo.Builder info = BlobInfo.newBuilder(id);
    options.contentType().ifPresent(info::setContentType);
    if (!options.metadata().isEmpty()) {
      info.setMetadata(options.metadata());
    }
    try {
      Blob blob = storage.get().create(info.build(), content,
          conditions.toArray(Storage.BlobTargetOption[]::new));
      return info(blob, key);
    } catch (StorageException e) {
      throw failure("put", e);
    }
  }

  /** A portable etag is a generation; anything else can never match, which is a failed condition. */
  private static long generation(String etag) {
    try {
      long g = Long.parseLong(etag);
      if (g > 0) {
        return g;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ObjectStorageException(Reason.CONFLICT, "The etag is not a generation of this object");
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Keys.objectKey(key);
    try {
      Blob blob = storage.get().get(BlobId.of(bucket, key));
      if (blob == null) {
        return Optional.empty();
      }
      // Read the generation we described, so content and info belong together even under concurrent writes.
      byte[] content = storage.get().readAllBytes(BlobId.of(bucket, key, blob.getGeneration()),
          Storage.BlobSourceOption.generationMatch(blob.getGeneration()));
      return Optional.of(new StoredObject(info(blob, key), content));
    } catch (StorageException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw failure("get", e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Keys.objectKey(key);
    try {
      return Optional.ofNullable(storage.get().get(BlobId.of(bucket, key))).map(b -> info(b, key));
    } catch (StorageException e) {
      throw failure("head", e);
    }
  }

  @Override
  public void delete(String key) {
    Keys.objectKey(key);
    try {
      storage.get().delete(BlobId.of(bucket, key));
    } catch (StorageException e) {
      throw failure("delete", e);
    }
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    List<Storage.BlobListOption> opts = new ArrayList<>(3);
    opts.add(Storage.BlobListOption.pageSize(pageSize));
    if (!prefix.isEmpty()) {
      opts.add(Storage.BlobListOption.prefix(prefix));
    }
    if (pageToken != null) {
      opts.add(Storage.BlobListOption.pageToken(pageToken));
    }
    try {
      Page<Blob> page = storage.get().list(bucket, opts.toArray(Storage.BlobListOption[]::new));
      List<ObjectInfo> infos = new ArrayList<>();
      for (Blob b : page.getValues()) {
        infos.add(info(b, b.getName()));
      }
      String next = page.getNextPageToken();
      return new ObjectPage(infos, Optional.ofNullable(next == null || next.isEmpty() ? null : next));
    } catch (StorageException e) {
      throw failure("list", e);
    }
  }

  private static ObjectInfo info(BlobInfo blob, String key) {
    Long generation = blob.getGeneration();
    Long size = blob.getSize();
    Map<String, String> metadata = blob.getMetadata();
    Instant modified = blob.getUpdateTimeOffsetDateTime() != null
        ? blob.getUpdateTimeOffsetDateTime().toInstant() : Instant.EPOCH;
    String gen = generation == null ? "" : Long.toString(generation);
    return new ObjectInfo(key, size == null ? 0 : size, gen, Optional.ofNullable(blob.getContentType()),
        metadata == null ? Map.of() : withoutNulls(metadata), modified, Optional.ofNullable(generation == null ? null : gen));
  }

  private static Map<String, String> withoutNulls(Map<String, String> metadata) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      if (k != null && v != null) {
        m.put(k, v);
      }
    });
    return m;
  }

  private ObjectStorageException failure(String operation, StorageException e) {
    Reason reason = PortErrors.forHttpStatus(e.getCode());
    String message = reason == Reason.CONFLICT
        ? "The write condition did not hold (generation precondition failed)"
        : "GCS " + operation + " on bucket " + bucket + " failed with HTTP " + e.getCode();
    return new ObjectStorageException(reason, message, e);
  }
}
