package dev.faas4j.bench.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Cloud Storage "object finalized" CloudEvent as the Functions Framework invoker hands it to a
 * {@code CloudEventsFunction}: attributes decoded from the {@code ce-*} headers, data as the JSON bytes.
 */
public record StorageCloudEvent(String id, URI source, String subject, OffsetDateTime time, byte[] data)
    implements CloudEvent {
  public static StorageCloudEvent of(byte[] data) {
    return new StorageCloudEvent("1741614052123456-7", URI.create("//storage.googleapis.com/projects/_/buckets/uploads"),
        "objects/photos/2025/ada lovelace.jpg", OffsetDateTime.parse("2025-03-10T13:40:52.123Z"), data);
  }

  @Override
  public CloudEventData getData() {
    return () -> data;
  }

  @Override
  public SpecVersion getSpecVersion() {
    return SpecVersion.V1;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getType() {
    return "google.cloud.storage.object.v1.finalized";
  }

  @Override
  public URI getSource() {
    return source;
  }

  @Override
  public String getDataContentType() {
    return "application/json";
  }

  @Override
  public @Nullable URI getDataSchema() {
    return null;
  }

  @Override
  public String getSubject() {
    return subject;
  }

  @Override
  public OffsetDateTime getTime() {
    return time;
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    return switch (name) {
      case "specversion" -> SpecVersion.V1;
      case "id" -> id;
      case "type" -> getType();
      case "source" -> source;
      case "datacontenttype" -> getDataContentType();
      case "subject" -> subject;
      case "time" -> time;
      default -> null;
    };
  }

  @Override
  public @Nullable Object getExtension(String name) {
    return null;
  }

  @Override
  public Set<String> getExtensionNames() {
    return Set.of();
  }
}
