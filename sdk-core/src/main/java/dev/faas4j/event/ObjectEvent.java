package dev.faas4j.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * @param metadata the object's user metadata when the event carries it (GCS does; S3 and Event Grid events do
 *     not, so it is absent there, which is not the same as present and empty)
 * @param origin the platform's own facts (sequencer, metageneration, storage account...) and the payload
 */
public record ObjectEvent(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Optional<Instant> time,
    ObjectEventKind kind,
    String bucket,
    String key,
    OptionalLong size,
    Optional<String> etag,
    Optional<String> version,
    Optional<String> contentType,
    Optional<Map<String, String>> metadata,
    Origin origin) implements Event {

  public ObjectEvent {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.optional(time, "time");
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
    metadata = Checks.optional(metadata, "metadata").map(m -> Checks.copy(m, "metadata"));
    Checks.notNull(origin, "origin");
  }

  /** Equal when the portable facts are; the origin is not compared. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ObjectEvent e && id.equals(e.id) && source.equals(e.source) && type.equals(e.type)
        && subject.equals(e.subject) && time.equals(e.time) && kind == e.kind && bucket.equals(e.bucket)
        && key.equals(e.key) && size.equals(e.size) && etag.equals(e.etag) && version.equals(e.version)
        && contentType.equals(e.contentType) && metadata.equals(e.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, bucket, key);
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
    private @Nullable Map<String, String> metadata;
    private Origin origin = Origin.none();

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder source(@Nullable String source) { this.source = source; return this; }
    public Builder type(@Nullable String type) { this.type = type; return this; }
    public Builder subject(@Nullable String subject) { this.subject = subject; return this; }
    /** When it happened; {@code null} when the platform does not say. */
    public Builder time(@Nullable Instant time) { this.time = time; return this; }
    public Builder kind(ObjectEventKind kind) { this.kind = Checks.notNull(kind, "kind"); return this; }
    public Builder bucket(String bucket) { this.bucket = bucket; return this; }
    public Builder key(String key) { this.key = key; return this; }
    public Builder size(@Nullable Long size) { this.size = size; return this; }
    public Builder etag(@Nullable String etag) { this.etag = etag; return this; }
    public Builder version(@Nullable String version) { this.version = version; return this; }
    public Builder contentType(@Nullable String contentType) { this.contentType = contentType; return this; }
    /** The user metadata the event carries; {@code null} (the default) when the platform's event has none. */
    public Builder metadata(@Nullable Map<String, String> metadata) { this.metadata = metadata; return this; }
    public Builder origin(Origin origin) { this.origin = Checks.notNull(origin, "origin"); return this; }

    /** @throws InvalidEventException naming the first missing or invalid field */
    public ObjectEvent build() {
      String b = required(bucket, "bucket");
      String k = required(key, "key");
      return new ObjectEvent(required(id, "id"),
          source != null ? source : "/buckets/" + b,
          type != null ? type : "dev.faas4j.object." + kind.name().toLowerCase(Locale.ROOT),
          Optional.of(subject != null ? subject : "objects/" + k),
          Optional.ofNullable(time), kind, b, k,
          size == null ? OptionalLong.empty() : OptionalLong.of(size),
          Optional.ofNullable(etag), Optional.ofNullable(version), Optional.ofNullable(contentType),
          Optional.ofNullable(metadata), origin);
    }
  }

  static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new InvalidEventException(name + " is required");
    }
    return value;
  }
}
