package dev.faas4j.event;

import dev.faas4j.JsonType;
import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Any CloudEvent, for events that have no portable kind: Eventarc events (audit logs, Firestore, Pub/Sub-backed
 * custom events), Event Grid events in the CloudEvents schema, Knative and Dapr events. It keeps every attribute:
 * the core ones, and each extension attribute by name, as text.
 *
 * @param specVersion the CloudEvents spec version, e.g. {@code 1.0}
 * @param dataContentType the media type of {@code data}, if given
 * @param dataSchema the schema {@code data} adheres to, if given
 * @param data the payload: JSON as sent (structured mode {@code data}), or the bytes ({@code data_base64} or a
 *     binary-mode body); empty when the event has none
 * @param extensions every extension attribute (neither core nor data) by name, as text
 */
public record CloudEvent(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Optional<Instant> time,
    String specVersion,
    Optional<String> dataContentType,
    Optional<String> dataSchema,
    byte[] data,
    Map<String, String> extensions,
    Origin origin) implements Event {

  public CloudEvent {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.optional(time, "time");
    Checks.notBlank(specVersion, "specversion");
    Checks.optional(dataContentType, "datacontenttype");
    Checks.optional(dataSchema, "dataschema");
    data = Checks.notNull(data, "data").clone();
    extensions = Checks.copy(extensions, "extensions");
    Checks.notNull(origin, "origin");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A copy of the data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The data as UTF-8 text. */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** The data read as JSON; {@link InvalidEventException} (not retried) if it does not fit. */
  public <T> T json(Class<T> type) {
    return Json.read(data, type, "CloudEvent data");
  }

  public <T> T json(JsonType<T> type) {
    return Json.read(data, type.type(), "CloudEvent data");
  }

  public Optional<String> extension(String name) {
    return Optional.ofNullable(extensions.get(name));
  }

  /** Equal when the attributes and data are; the origin is not compared. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CloudEvent e && id.equals(e.id) && source.equals(e.source) && type.equals(e.type)
        && subject.equals(e.subject) && time.equals(e.time) && specVersion.equals(e.specVersion)
        && dataContentType.equals(e.dataContentType) && dataSchema.equals(e.dataSchema)
        && Arrays.equals(data, e.data) && extensions.equals(e.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, type);
  }

  /** No data: it may carry personal data. */
  @Override
  public String toString() {
    return "CloudEvent[id=" + id + ", type=" + type + ", source=" + source + ", data=" + data.length + " bytes]";
  }

  /** Builds a CloudEvent; {@code specversion} defaults to {@code 1.0}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String source;
    private @Nullable String type;
    private @Nullable String subject;
    private @Nullable Instant time;
    private String specVersion = "1.0";
    private @Nullable String dataContentType;
    private @Nullable String dataSchema;
    private byte[] data = new byte[0];
    private Map<String, String> extensions = Map.of();
    private Origin origin = Origin.none();

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder source(String source) { this.source = source; return this; }
    public Builder type(String type) { this.type = type; return this; }
    public Builder subject(@Nullable String subject) { this.subject = subject; return this; }
    public Builder time(@Nullable Instant time) { this.time = time; return this; }
    public Builder specVersion(String specVersion) { this.specVersion = specVersion; return this; }
    public Builder dataContentType(@Nullable String type) { this.dataContentType = type; return this; }
    public Builder dataSchema(@Nullable String dataSchema) { this.dataSchema = dataSchema; return this; }
    public Builder data(byte[] data) { this.data = data; return this; }
    public Builder data(String text) { this.data = text.getBytes(StandardCharsets.UTF_8); return this; }
    public Builder extensions(Map<String, String> extensions) { this.extensions = extensions; return this; }
    public Builder origin(Origin origin) { this.origin = Checks.notNull(origin, "origin"); return this; }

    /** @throws InvalidEventException naming the first missing or invalid attribute */
    public CloudEvent build() {
      return new CloudEvent(ObjectEvent.required(id, "id"), ObjectEvent.required(source, "source"),
          ObjectEvent.required(type, "type"), Optional.ofNullable(subject), Optional.ofNullable(time), specVersion,
          Optional.ofNullable(dataContentType), Optional.ofNullable(dataSchema), data, extensions, origin);
    }
  }
}
