package dev.faas4j.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON side of {@link CloudEventsHttp}: structured-mode objects and arrays of them. */
final class CloudEventJson {
  static final Set<String> CORE = Set.of("specversion", "id", "source", "type", "subject", "time",
      "datacontenttype", "dataschema", "data", "data_base64");

  private CloudEventJson() {}

  static List<CloudEvent> batch(JsonNode array, Origin origin) {
    if (!array.isArray()) {
      throw new InvalidEventException("A CloudEvents batch must be a JSON array");
    }
    List<CloudEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(structured(array.get(i), "CloudEvents batch[" + i + "]", origin));
    }
    return events;
  }

  static CloudEvent structured(JsonNode n, String path, Origin origin) {
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

  private static boolean isJson(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    int semi = type.indexOf(';');
    String base = (semi < 0 ? type : type.substring(0, semi)).trim();
    return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
  }

  static String specVersion(String version) {
    if (!version.equals("1.0")) {
      throw new InvalidEventException("CloudEvents specversion must be 1.0");
    }
    return version;
  }
}
