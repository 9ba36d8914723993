package dev.faas4j.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to write an object: content type, metadata, and an optional condition.
 *
 * <pre>{@code
 * storage.put("a.json", bytes, PutOptions.contentType("application/json").ifAbsent());
 * storage.put("a.json", bytes, PutOptions.defaults().ifMatch(info.etag()).metadata("owner", "42"));
 * }</pre>
 */
public final class PutOptions {
  private static final PutOptions DEFAULTS = new PutOptions(null, Map.of(), false, null);

  private final @Nullable String contentType;
  private final Map<String, String> metadata;
  private final boolean ifAbsent;
  private final @Nullable String ifMatch;

  private PutOptions(@Nullable String contentType, Map<String, String> metadata, boolean ifAbsent,
      @Nullable String ifMatch) {
    this.contentType = contentType;
    this.metadata = metadata;
    this.ifAbsent = ifAbsent;
    this.ifMatch = ifMatch;
  }

  /** No content type (the backend's default), no metadata, no condition. */
  public static PutOptions defaults() {
    return DEFAULTS;
  }

  public static PutOptions contentType(String contentType) {
    return DEFAULTS.withContentType(contentType);
  }

  public PutOptions withContentType(String contentType) {
    return new PutOptions(Objects.requireNonNull(contentType, "contentType"), metadata, ifAbsent, ifMatch);
  }

  /** Adds one metadata entry (see {@link Keys#metadata} for the portable rules). */
  public PutOptions metadata(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.put(name, value);
    return new PutOptions(contentType, Keys.metadata(m), ifAbsent, ifMatch);
  }

  public PutOptions metadata(Map<String, String> entries) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.putAll(entries);
    return new PutOptions(contentType, Keys.metadata(m), ifAbsent, ifMatch);
  }

  /** Write only if no object has the key; otherwise fail with {@link PortException.Reason#CONFLICT}. */
  public PutOptions ifAbsent() {
    return new PutOptions(contentType, metadata, true, null);
  }

  /** Write only if the current object has this etag; otherwise fail with {@link PortException.Reason#CONFLICT}. */
  public PutOptions ifMatch(String etag) {
    return new PutOptions(contentType, metadata, false, Objects.requireNonNull(etag, "etag"));
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public boolean isIfAbsent() {
    return ifAbsent;
  }

  public Optional<String> ifMatchEtag() {
    return Optional.ofNullable(ifMatch);
  }
}
