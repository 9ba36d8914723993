package dev.faas4j.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store holds under an idempotency key, as a small JSON document written by hand (no reflection, and the
 * format stays stable when the Java types change).
 *
 * <pre>{@code
 * {"v":1,"status":"COMPLETED","fingerprint":"9f86…","leaseUntil":"2030-01-01T00:01:00Z",
 *  "response":{"status":201,"headers":{"Content-Type":["application/json"]},"cookies":["a=b"],"body":"e30="}}
 * }</pre>
 *
 * @param leaseUntil while {@link Status#IN_PROGRESS}, when the claim lapses and another invocation may take over
 * @param response the stored HTTP response of a completed HTTP request
 */
record IdempotencyRecord(Status status, String fingerprint, Instant leaseUntil, Optional<HttpResponse> response) {

  enum Status { IN_PROGRESS, COMPLETED, FAILED }

  private static final int FORMAT = 1;

  IdempotencyRecord {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(response, "response");
  }

  byte[] encode() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("v", FORMAT);
    root.put("status", status.name());
    root.put("fingerprint", fingerprint);
    root.put("leaseUntil", leaseUntil.toString());
    response.ifPresent(r -> {
      ObjectNode res = root.putObject("response");
      res.put("status", r.status());
      ObjectNode headers = res.putObject("headers");
      r.headers().asMap().forEach((name, values) -> values.forEach(headers.putArray(name)::add));
      ArrayNode cookies = res.putArray("cookies");
      r.cookies().forEach(cookies::add);
      res.put("body", Base64.getEncoder().encodeToString(r.body()));
    });
    return Json.write(root);
  }

  /**
   * @throws IllegalStateException if the bytes are not a record of this format; the message holds no stored data
   */
  static IdempotencyRecord decode(byte[] bytes) {
    try {
      JsonNode root = Json.mapper().readTree(bytes);
      if (root == null || !root.isObject() || root.path("v").asInt() != FORMAT) {
        throw new IllegalArgumentException("not a format " + FORMAT + " record");
      }
      Status status = Status.valueOf(text(root, "status"));
      String fingerprint = text(root, "fingerprint");
      Instant leaseUntil = Instant.parse(text(root, "leaseUntil"));
      JsonNode res = root.get("response");
      Optional<HttpResponse> response = res == null || res.isNull() ? Optional.empty() : Optional.of(response(res));
      return new IdempotencyRecord(status, fingerprint, leaseUntil, response);
    } catch (IOException | RuntimeException e) {
      throw unreadable(e);
    }
  }

  private static HttpResponse response(JsonNode res) {
    HttpResponse.Builder b = HttpResponse.status(res.path("status").asInt());
    for (Map.Entry<String, JsonNode> header : res.path("headers").properties()) {
      for (JsonNode value : header.getValue()) {
        b.header(header.getKey(), value.asText());
      }
    }
    for (JsonNode cookie : res.path("cookies")) {
      b.cookie(cookie.asText());
    }
    byte[] body = Base64.getDecoder().decode(res.path("body").asText(""));
    // The stored Content-Type header, if any, wins; octet-stream only labels a body the function sent without one.
    return body.length == 0 ? b.empty() : b.body(body, "application/octet-stream");
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return node.asText();
  }

  private static IllegalStateException unreadable(Exception cause) {
    return new IllegalStateException("Idempotency record is not in a format this version can read", cause);
  }
}
