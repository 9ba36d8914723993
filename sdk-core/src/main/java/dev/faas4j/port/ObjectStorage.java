package dev.faas4j.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Objects in one bucket (S3 bucket, GCS bucket, Azure container, local directory). Keys follow the portable rules
 * of {@link Keys#objectKey}. Every method may throw {@link ObjectStorageException}.
 */
public interface ObjectStorage {

  /** The bucket this store writes to. */
  String bucket();

  /**
   * Writes an object, replacing any previous one unless {@code options} carry a condition.
   *
   * @return what was written, with its new etag
   * @throws ObjectStorageException with {@link PortException.Reason#CONFLICT} when a condition fails
   */
  ObjectInfo put(String key, byte[] content, PutOptions options);

  default ObjectInfo put(String key, byte[] content) {
    return put(key, content, PutOptions.defaults());
  }

  /** The object and its content; empty if there is none. */
  Optional<StoredObject> get(String key);

  /** The object's info without its content; empty if there is none. */
  Optional<ObjectInfo> head(String key);

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String key);

  /**
   * One page of the objects whose keys start with {@code prefix}, in key order.
   *
   * @param pageToken from the previous page, or null for the first
   * @param pageSize the most objects to return, 1 to 1000
   */
  ObjectPage list(String prefix, @Nullable String pageToken, int pageSize);

  /** Every object under {@code prefix}, following pages. */
  default List<ObjectInfo> listAll(String prefix) {
    List<ObjectInfo> all = new ArrayList<>();
    String token = null;
    do {
      ObjectPage page = list(prefix, token, 1000);
      all.addAll(page.objects());
      token = page.nextPageToken().orElse(null);
    } while (token != null);
    return all;
  }
}
