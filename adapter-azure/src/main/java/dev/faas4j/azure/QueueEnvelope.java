package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a message with attributes, or one too large for a queue message, travels through Azure Queue Storage, which
 * has neither attributes nor large messages: a JSON envelope {@code {"faas4j.envelope":1,"attributes":{...},
 * "body":"<base64>"}} or, past the size limit, {@code ...,"blob":"<name>"} naming the blob that holds the body.
 * Messages without attributes travel as their plain body, so any other consumer reads them as sent.
 */
final class QueueEnvelope {
  static final String MARKER = "faas4j.envelope";
  /** How an envelope starts, {@code {"faas4j.envelope"}, as bytes: compared in place, not decoded per message. */
  private static final byte[] HEAD = ("{\"" + MARKER + "\"").getBytes(StandardCharsets.US_ASCII);

  private QueueEnvelope() {}

  /** The body and attributes of a message as the sender gave them. */
  record Content(byte[] body, Map<String, String> attributes) {}

  static byte[] wrap(byte[] body, Map<String, String> attributes) {
    return envelope(attributes, "body", Base64.getEncoder().encodeToString(body));
  }

  static byte[] pointer(String blobName, Map<String, String> attributes) {
    return envelope(attributes, "blob", blobName);
  }

  /** The marker comes first: {@link #envelope(byte[])} recognises an envelope by its first field. */
  private static byte[] envelope(Map<String, String> attributes, String field, String value) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(MARKER, 1);
    root.put("attributes", attributes);
    root.put(field, value);
    return WireJson.write(root);
  }

  /**
   * Unwraps an envelope; any other payload is returned as is, without attributes.
   *
   * @param blobs reads the body of a large message from the overflow container
   * @throws InvalidEventException if it claims to be an envelope but is malformed
   */
  static Content unwrap(byte[] payload, Function<String, byte[]> blobs) {
    Optional<JsonNode> envelope = envelope(payload);
    if (envelope.isEmpty()) {
      return new Content(payload, Map.of());
    }
    JsonNode root = envelope.get();
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode attrs = root.path("attributes");
    if (!attrs.isMissingNode() && !attrs.isObject()) {
      throw new InvalidEventException("faas4j envelope: attributes must be an object");
    }
    for (Map.Entry<String, JsonNode> e : attrs.properties()) {
      if (!e.getValue().isTextual()) {
        throw new InvalidEventException("faas4j envelope: attribute values must be strings");
      }
      attributes.put(e.getKey(), e.getValue().asText());
    }
    JsonNode body = root.get("body");
    JsonNode blob = root.get("blob");
    if (body != null && body.isTextual()) {
      return new Content(Wire.base64(body.asText(), "faas4j envelope body"), attributes);
    }
    if (blob != null && blob.isTextual()) {
      return new Content(blobs.apply(blob.asText()), attributes);
    }
    throw new InvalidEventException("faas4j envelope: needs a base64 'body' or a 'blob' name");
  }

  /** Whether the payload is an envelope (a JSON object whose first field is the marker). */
  private static Optional<JsonNode> envelope(byte[] payload) {
    int i = 0;
    while (i < payload.length && Character.isWhitespace(payload[i])) {
      i++;
    }
    if (!startsWith(payload, i, HEAD)) {
      return Optional.empty();
    }
    JsonNode node = WireJson.tree(payload, "faas4j envelope");
    return node.isObject() && node.path(MARKER).asInt() == 1 ? Optional.of(node) : Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    if (bytes.length - from < prefix.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (bytes[from + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }
}
