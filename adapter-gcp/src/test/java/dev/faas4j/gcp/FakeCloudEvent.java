package dev.faas4j.gcp;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/** A CloudEvent as the invoker hands it to {@link GcpEventFunction} after decoding a request. */
record FakeCloudEvent(String id, String type, String source, String subject, String data,
    Map<String, Object> extensions) implements CloudEvent {

  static FakeCloudEvent of(String id, String type, String source, String subject, String data) {
    return new FakeCloudEvent(id, type, source, subject, data, Map.of());
  }

  @Override public CloudEventData getData() {
    return () -> data.getBytes(StandardCharsets.UTF_8);
  }
  @Override public SpecVersion getSpecVersion() { return SpecVersion.V1; }
  @Override public String getId() { return id; }
  @Override public String getType() { return type; }
  @Override public URI getSource() { return URI.create(source); }
  @Override public String getDataContentType() { return "application/json"; }
  @Override public URI getDataSchema() { return null; }
  @Override public String getSubject() { return subject; }
  @Override public OffsetDateTime getTime() { return null; }
  @Override public Object getAttribute(String name) { throw new IllegalArgumentException(name); }
  @Override public Object getExtension(String name) { return extensions.get(name); }
  @Override public Set<String> getExtensionNames() { return extensions.keySet(); }
}
