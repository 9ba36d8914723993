package dev.faas4j.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Something happened to an object in a bucket (S3 bucket, GCS bucket, Azure container, local directory).
 *
 * @param key the object key, already decoded by the platform's own rules (S3 notification keys arrive
 *     form-URL-encoded, GCS and EventBridge keys raw)
 * @param etag the entity tag without surrounding quotes
 * @param version the object version or GCS generation, as a string (it can exceed a long on some platforms)
 */
public record ObjectEvent(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Instant time,
    ObjectEventKind kind,
    String bucket,
    String key,
    OptionalLong size,
    Optional<String> etag,
    Optional<String> version,
    Optional<String> contentType) implements Event {

  public ObjectEvent {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.notNull(time, "time");
    Checks.notNull(kind, "kind");
    Checks.notBlank(bucket, "bucket");
    Checks.notNull(key, "key");
    if (key.isEmpty()) {
      throw new InvalidEventException("key must not be empty");
    }
    Checks.notNull(size, "size");
    if (size.isPresent() && size.getAsLong() < 0) {
      throw new InvalidEventException("size must not be negative");
    }
    etag = Checks.optional(etag, "etag").map(ObjectEvent::unquote);
    Checks.optional(version, "version");
    Checks.optional(contentType, "contentType");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "ObjectEvent[" + kind + " " + bucket + "/" + key + ", id=" + id + "]";
  }

  private static String unquote(String etag) {
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  /**
   * Builds an object event. {@code type} defaults to {@code dev.faas4j.object.<kind>}, {@code source} to
   * {@code /buckets/<bucket>}, {@code subject} to {@code objects/<key>}.
   */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String source;
    private @Nullable String type;
    private @Nullable String subject;
    private @Nullable Instant time;
    private ObjectEventKind kind = ObjectEventKind.CREATED;
    private @Nullable String bucket;
    private @Nullable String key;
    private @Nullable Long size;
    private @Nullable String etag;
    private @Nullable String version;
    private @Nullable String contentType;

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder source(@Nullable String source) { this.source = source; return this; }
    public Builder type(@Nullable String type) { this.type = type; return this; }
    public Builder subject(@Nullable String subject) { this.subject = subject; return this; }
    public Builder time(Instant time) { this.time = time; return this; }
    public Builder kind(ObjectEventKind kind) { this.kind = Checks.notNull(kind, "kind"); return this; }
    public Builder bucket(String bucket) { this.bucket = bucket; return this; }
    public Builder key(String key) { this.key = key; return this; }
    public Builder size(@Nullable Long size) { this.size = size; return this; }
    public Builder etag(@Nullable String etag) { this.etag = etag; return this; }
    public Builder version(@Nullable String version) { this.version = version; return this; }
    public Builder contentType(@Nullable String contentType) { this.contentType = contentType; return this; }

    /** @throws InvalidEventException naming the first missing or invalid field */
    public ObjectEvent build() {
      String b = required(bucket, "bucket");
      String k = required(key, "key");
      return new ObjectEvent(required(id, "id"),
          source != null ? source : "/buckets/" + b,
          type != null ? type : "dev.faas4j.object." + kind.name().toLowerCase(Locale.ROOT),
          Optional.of(subject != null ? subject : "objects/" + k),
          required(time, "time"), kind, b, k,
          size == null ? OptionalLong.empty() : OptionalLong.of(size),
          Optional.ofNullable(etag), Optional.ofNullable(version), Optional.ofNullable(contentType));
    }
  }

  static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidEventException(name + " is required");
    }
    return value;
  }
}
