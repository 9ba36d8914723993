package dev.faas4j.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> CORE = Set.of("specversion", "id", "source", "type", "subject", "time",
      "datacontenttype", "dataschema", "data", "data_base64");

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
      return List.of(structured(WireJson.tree(body, "CloudEvent"), "CloudEvent", origin));
    }
    if (mode.equals("batch")) {
      JsonNode array = WireJson.tree(body, "CloudEvents batch");
      if (!array.isArray()) {
        throw new InvalidEventException("A CloudEvents batch must be a JSON array");
      }
      List<CloudEvent> events = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        events.add(structured(array.get(i), "CloudEvents batch[" + i + "]", origin));
      }
      return events;
    }
    return List.of(binary(headers, body, origin));
  }

  /** A structured-mode event: one JSON object (Event Grid's CloudEvents schema delivers an array of these). */
  public static CloudEvent structured(JsonNode n, String path, Origin origin) {
    if (!n.isObject()) {
      throw new InvalidEventException(path + " must be a JSON object");
    }
    CloudEvent.Builder b = CloudEvent.builder()
        .specVersion(specVersion(WireJson.requireText(n, "specversion", path + ".specversion")))
        .id(WireJson.requireText(n, "id", path + ".id"))
        .source(WireJson.requireText(n, "source", path + ".source"))
        .type(WireJson.requireText(n, "type", path + ".type"))
        .subject(WireJson.text(n, "subject", path + ".subject"))
        .time(WireJson.instant(n, "time", path + ".time"))
        .dataSchema(WireJson.text(n, "dataschema", path + ".dataschema"))
        .origin(origin);
    String contentType = WireJson.text(n, "datacontenttype", path + ".datacontenttype");
    b.dataContentType(contentType);
    JsonNode data = WireJson.present(n, "data");
    String base64 = WireJson.text(n, "data_base64", path + ".data_base64");
    if (data != null && base64 != null) {
      throw new InvalidEventException(path + " has both data and data_base64");
    }
    if (base64 != null) {
      b.data(Wire.base64(base64, path + ".data_base64"));
    } else if (data != null) {
      // A JSON string with a non-JSON content type is that text; anything else is the JSON value as sent.
      boolean json = contentType == null || isJson(contentType);
      b.data(data.isTextual() && !json ? data.textValue().getBytes(StandardCharsets.UTF_8) : WireJson.write(data));
    }
    Map<String, String> extensions = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (CORE.contains(e.getKey()) || e.getValue().isNull()) {
        continue;
      }
      JsonNode v = e.getValue();
      if (!v.isValueNode()) {
        throw new InvalidEventException(path + "." + e.getKey() + " must be a string, number or boolean");
      }
      extensions.put(e.getKey(), v.asText());
    }
    return b.extensions(extensions).build();
  }

  /** A binary-mode event: {@code ce-} headers and the body as data. */
  public static CloudEvent binary(Headers headers, byte[] body, Origin origin) {
    CloudEvent.Builder b = CloudEvent.builder()
        .specVersion(specVersion(required(headers, "specversion")))
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
      if (lower.startsWith("ce-") && !CORE.contains(lower.substring(3))) {
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

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    int semi = type.indexOf(';');
    String base = (semi < 0 ? type : type.substring(0, semi)).trim();
    return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
  }

  private static String specVersion(String version) {
    if (!version.equals("1.0")) {
      throw new InvalidEventException("CloudEvents specversion must be 1.0");
    }
    return version;
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
