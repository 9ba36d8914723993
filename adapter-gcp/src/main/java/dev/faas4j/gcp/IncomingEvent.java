package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.Headers;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvent as this adapter reads it, whichever way it arrived: binary or structured HTTP, the invoker's
 * {@code io.cloudevents.CloudEvent}, a legacy background event after conversion, or a Pub/Sub push envelope.
 *
 * @param subject already decoded (binary-mode headers are percent-decoded once)
 * @param json the data as a JSON tree when the adapter already parsed it (a push envelope, a legacy event, a
 *     structured CloudEvent's {@code data}), so that it is never parsed twice; null otherwise
 * @param data the data bytes when {@code json} is null; empty when the event has none
 * @param extensions extension attributes as strings (e.g. {@code bucket}, {@code traceparent})
 * @param payload the delivery as the entry point received it (the request body, or the invoker's data bytes)
 * @param headers the transport headers of an HTTP delivery; empty for the invoker's CloudEvent
 */
record IncomingEvent(String id, String source, String type, Optional<String> subject, Optional<Instant> time,
    String specVersion, Optional<String> dataContentType, Optional<String> dataSchema, @Nullable JsonNode json,
    byte[] data, Map<String, String> extensions, byte[] payload, Headers headers) {

  IncomingEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(dataContentType, "dataContentType");
    Objects.requireNonNull(dataSchema, "dataSchema");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    extensions = Map.copyOf(extensions);
  }

  Optional<String> extension(String name) {
    return Optional.ofNullable(extensions.get(name));
  }
}
