package dev.faas4j.spi;

import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.Origin;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CloudEvents 1.0 over HTTP, both content modes and batches, for adapters and runtimes that receive CloudEvents as
 * HTTP requests (Event Grid's CloudEvents schema, Knative, Dapr, the local runtime). Errors name the attribute,
 * never the payload.
 *
 * <ul>
 *   <li>structured: {@code Content-Type: application/cloudevents+json}, one JSON object with the attributes and
 *       {@code data} (JSON) or {@code data_base64};
 *   <li>batch: {@code application/cloudevents-batch+json}, a JSON array of such objects;
 *   <li>binary: attributes in {@code ce-} headers (percent-encoded values), the body is the data, its
 *       {@code Content-Type} the {@code datacontenttype}.
 * </ul>
 */
public final class CloudEventsHttp {
  private CloudEventsHttp() {}

  /** Whether a request is a CloudEvent in any mode: a structured or batch media type, or a {@code ce-id} header. */
  public static boolean isCloudEvent(Headers headers) {
    return headers.first("ce-id").isPresent() || headers.first("Content-Type").map(CloudEventsHttp::mode)
        .filter(m -> !m.isEmpty()).isPresent();
  }

  /**
   * The events of an HTTP request, in order: one for structured and binary mode, any number for a batch.
   *
   * @throws InvalidEventException naming the missing or malformed attribute
   */
  public static List<CloudEvent> read(Headers headers, byte[] body, String platform) {
    String mode = headers.first("Content-Type").map(CloudEventsHttp::mode).orElse("");
    Origin origin = Origin.of(platform, Map.of(), body, headers);
    if (mode.equals("structured")) {
      return List.of(structured(body, origin));
    }
    if (mode.equals("batch")) {
      return batch(body, origin);
    }
    return List.of(binary(headers, body, origin));
  }

  /** A structured-mode event: one JSON object. */
  public static CloudEvent structured(byte[] json, Origin origin) {
    return CloudEventJson.structured(WireJson.tree(json, "CloudEvent"), "CloudEvent", origin);
  }

  /** A JSON array of structured-mode events, as a batch or Event Grid's CloudEvents schema delivers them. */
  public static List<CloudEvent> batch(byte[] json, Origin origin) {
    return CloudEventJson.batch(WireJson.tree(json, "CloudEvents batch"), origin);
  }

  /** A binary-mode event: {@code ce-} headers and the body as data. */
  public static CloudEvent binary(Headers headers, byte[] body, Origin origin) {
    CloudEvent.Builder b = CloudEvent.builder()
        .specVersion(CloudEventJson.specVersion(required(headers, "specversion")))
        .id(required(headers, "id"))
        .source(required(headers, "source"))
        .type(required(headers, "type"))
        .subject(optional(headers, "subject"))
        .dataSchema(optional(headers, "dataschema"))
        .dataContentType(headers.first("Content-Type").orElse(null))
        .data(body)
        .origin(origin);
    String time = optional(headers, "time");
    b.time(time == null ? null : Wire.instant(time, "ce-time"));
    Map<String, String> extensions = new LinkedHashMap<>();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("ce-") && !CloudEventJson.CORE.contains(lower.substring(3))) {
        extensions.put(lower.substring(3), Wire.percentDecode(headers.first(name).orElse(""), lower));
      }
    }
    return b.extensions(extensions).build();
  }

  private static String mode(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/cloudevents-batch+json") ? "batch"
        : type.startsWith("application/cloudevents+json") ? "structured" : "";
  }

  private static String required(Headers headers, String attribute) {
    String v = optional(headers, attribute);
    if (v == null || v.isEmpty()) {
      throw new InvalidEventException("CloudEvent header ce-" + attribute + " is required");
    }
    return v;
  }

  private static @Nullable String optional(Headers headers, String attribute) {
    return headers.first("ce-" + attribute).map(v -> Wire.percentDecode(v, "ce-" + attribute)).orElse(null);
  }
}
