package dev.faas4j.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about an object, without its content.
 *
 * @param etag the entity tag without quotes; changes whenever the content does
 * @param version the backend's version or generation, where it keeps one
 */
public record ObjectInfo(
    String key,
    long size,
    String etag,
    Optional<String> contentType,
    Map<String, String> metadata,
    Instant lastModified,
    Optional<String> version) {

  public ObjectInfo {
    Objects.requireNonNull(key, "key must not be null");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Objects.requireNonNull(etag, "etag must not be null");
    Objects.requireNonNull(contentType, "contentType must not be null");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(lastModified, "lastModified must not be null");
    Objects.requireNonNull(version, "version must not be null");
  }
}
