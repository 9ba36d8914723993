package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an event out of an HTTP request, in the shapes Google Cloud sends to a function: CloudEvents in binary
 * mode ({@code ce-*} headers) and structured mode ({@code application/cloudevents+json}), legacy background events
 * ({@code {"context":{...},"data":{...}}} or the flat form), and Pub/Sub push envelopes
 * ({@code {"subscription","message"}}). Legacy events are converted as the Functions Framework and the conformance
 * mapping do (platform-payloads.md §3.5). Every malformed input is an {@link InvalidEventException} naming the
 * field, never echoing its value.
 */
final class EventParser {
  static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  private static final Set<String> CORE = Set.of("id", "source", "type", "specversion", "subject", "time",
      "datacontenttype", "dataschema", "data", "data_base64");
  private static final String BUCKETS = "projects/_/buckets/";
  private static final byte[] NO_DATA = new byte[0];
  private static final String FIRESTORE = "google.cloud.firestore.document.v1.";
  private static final Map<String, String> LEGACY_TYPES = Map.ofEntries(
      Map.entry("google.pubsub.topic.publish", PUBSUB_PUBLISHED),
      Map.entry("providers/cloud.pubsub/eventTypes/topic.publish", PUBSUB_PUBLISHED),
      Map.entry("google.storage.object.finalize", "google.cloud.storage.object.v1.finalized"),
      Map.entry("google.storage.object.delete", "google.cloud.storage.object.v1.deleted"),
      Map.entry("google.storage.object.archive", "google.cloud.storage.object.v1.archived"),
      Map.entry("google.storage.object.metadataUpdate", "google.cloud.storage.object.v1.metadataUpdated"),
      Map.entry("providers/cloud.storage/eventTypes/object.change", "google.cloud.storage.object.v1.changed"),
      // no portable kind: CloudEvent functions take them
      Map.entry("providers/cloud.firestore/eventTypes/document.write", FIRESTORE + "written"),
      Map.entry("providers/cloud.firestore/eventTypes/document.create", FIRESTORE + "created"),
      Map.entry("providers/cloud.firestore/eventTypes/document.update", FIRESTORE + "updated"),
      Map.entry("providers/cloud.firestore/eventTypes/document.delete", FIRESTORE + "deleted"),
      Map.entry("providers/firebase.auth/eventTypes/user.create", "google.firebase.auth.user.v1.created"),
      Map.entry("providers/firebase.auth/eventTypes/user.delete", "google.firebase.auth.user.v1.deleted"));

  private EventParser() {}

  /**
   * The event in {@code request}, or empty when the body is none of the event shapes and {@code plainAllowed}
   * (a plain HTTP request, such as Cloud Scheduler's, for a schedule function).
   *
   * @throws InvalidEventException if the request claims to be an event but is malformed, or is no event and
   *     {@code plainAllowed} is false
   */
  static Optional<IncomingEvent> parse(HttpRequest request, boolean plainAllowed) {
    byte[] payload = request.body();
    if (request.headers().contains("ce-specversion")) {
      return Optional.of(binary(request.headers(), payload));
    }
    String type = contentType(request);
    if (type.startsWith("application/cloudevents-batch")) {
      throw new InvalidEventException("CloudEvents batch mode is not supported; send one event per request");
    }
    if (type.startsWith("application/cloudevents")) {
      return Optional.of(structured(tree(payload, "CloudEvent"), payload, request.headers()));
    }
    if (!request.hasBody() || !looksLikeJsonObject(request.body())) {
      if (plainAllowed) {
        return Optional.empty();
      }
      throw notAnEvent();
    }
    JsonNode body;
    try {
      body = tree(payload, "Request body");
    } catch (InvalidEventException e) {
      if (plainAllowed) {
        return Optional.empty();
      }
      throw e;
    }
    if (body.has("message") && body.has("subscription")) {
      return Optional.of(pushEnvelope((ObjectNode) body, payload, request.headers()));
    }
    if (body.has("context") || body.has("eventType") && body.has("eventId")) {
      return Optional.of(legacy((ObjectNode) body, payload, request.headers()));
    }
    if (plainAllowed) {
      return Optional.empty();
    }
    throw notAnEvent();
  }

  /** A body that is a JSON object but none of the event shapes, where an event was required. */
  static InvalidEventException notAnEvent() {
    return new InvalidEventException("The request is not a CloudEvent, a legacy event or a Pub/Sub push envelope");
  }

  // ------------------------------------------------------------------ CloudEvents

  static IncomingEvent binary(Headers headers, byte[] body) {
    String specVersion = checkSpecVersion(headers.first("ce-specversion").orElse(""));
    String id = requiredHeader(headers, "ce-id");
    String source = requiredHeader(headers, "ce-source");
    String type = requiredHeader(headers, "ce-type");
    Optional<String> subject = headers.first("ce-subject").map(s -> Wire.percentDecode(s, "ce-subject"));
    Optional<Instant> time = headers.first("ce-time").map(t -> Wire.instant(t, "ce-time"));
    Map<String, String> extensions = new LinkedHashMap<>();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("ce-") && !CORE.contains(lower.substring(3))) {
        extensions.put(lower.substring(3), Wire.percentDecode(headers.first(name).orElse(""), name));
      }
    }
    headers.first("traceparent").ifPresent(t -> extensions.putIfAbsent("traceparent", t));
    return new IncomingEvent(id, source, type, subject, time, specVersion, headers.first("Content-Type"),
        headers.first("ce-dataschema"), null, body, extensions, body, headers);
  }

  static IncomingEvent structured(JsonNode event, byte[] payload, Headers headers) {
    if (!event.isObject()) {
      throw new InvalidEventException("A structured CloudEvent must be a JSON object");
    }
    String specVersion = checkSpecVersion(text(event, "specversion").orElse(""));
    String id = requiredText(event, "id");
    String source = requiredText(event, "source");
    String type = requiredText(event, "type");
    Optional<String> contentType = text(event, "datacontenttype");
    byte[] data = new byte[0];
    JsonNode json = null;
    if (event.hasNonNull("data_base64")) {
      if (event.has("data")) {
        throw new InvalidEventException("A CloudEvent carries data or data_base64, not both");
      }
      data = Wire.base64(requiredText(event, "data_base64"), "data_base64");
    } else if (event.hasNonNull("data")) {
      JsonNode d = event.get("data");
      if (d.isTextual() && !contentType.map(EventParser::isJson).orElse(true)) {
        data = d.textValue().getBytes(StandardCharsets.UTF_8);
      } else {
        json = d; // already parsed with the event: kept as a tree
      }
    }
    Map<String, String> extensions = new LinkedHashMap<>();
    event.properties().forEach(e -> {
      if (!CORE.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
        extensions.put(e.getKey(), e.getValue().asText());
      }
    });
    return new IncomingEvent(id, source, type, text(event, "subject"),
        text(event, "time").map(t -> Wire.instant(t, "time")), specVersion, contentType,
        text(event, "dataschema"), json, data, extensions, payload, headers);
  }

  private static String checkSpecVersion(String version) {
    if (!version.equals("1.0") && !version.equals("0.3")) {
      throw new InvalidEventException("CloudEvents specversion must be 1.0 (or 0.3)");
    }
    return version;
  }

  // ------------------------------------------------------------------ Pub/Sub push

  /**
   * A push envelope becomes a {@code messagePublished} event whose data is the envelope itself: it has the same
   * {@code {"subscription","message"}} shape as Eventarc's Pub/Sub data, plus {@code deliveryAttempt}. Its source
   * is the subscription (it names no topic); without a {@code publishTime} it has no time.
   */
  static IncomingEvent pushEnvelope(ObjectNode body, byte[] payload, Headers headers) {
    JsonNode message = body.get("message");
    if (!message.isObject()) {
      throw new InvalidEventException("Pub/Sub push envelope: message must be an object");
    }
    String subscription = requiredText(body, "subscription");
    String id = text(message, "messageId").or(() -> text(message, "message_id"))
        .orElseThrow(() -> new InvalidEventException("Pub/Sub push envelope: message.messageId is required"));
    Optional<Instant> time = text(message, "publishTime").or(() -> text(message, "publish_time"))
        .map(t -> Wire.instant(t, "message.publishTime"));
    return new IncomingEvent(id, "//pubsub.googleapis.com/" + subscription, PUBSUB_PUBLISHED, Optional.empty(),
        time, "1.0", Optional.of("application/json"), Optional.empty(), body, NO_DATA, Map.of(), payload, headers);
  }

  // ------------------------------------------------------------------ legacy background events

  static IncomingEvent legacy(ObjectNode body, byte[] payload, Headers headers) {
    JsonNode context = body.has("context") ? body.get("context") : body;
    if (!context.isObject()) {
      throw new InvalidEventException("Legacy event: context must be an object");
    }
    String eventType = requiredText(context, "eventType");
    String eventId = requiredText(context, "eventId");
    Optional<Instant> time = text(context, "timestamp").map(t -> Wire.instant(t, "context.timestamp"));
    JsonNode resource = context.get("resource");
    String resourceName;
    @Nullable String service = null;
    if (resource != null && resource.isObject()) {
      resourceName = requiredText(resource, "name");
      service = text(resource, "service").orElse(null);
    } else if (resource != null && resource.isTextual()) {
      resourceName = resource.textValue();
    } else {
      throw new InvalidEventException("Legacy event: context.resource is required");
    }
    String type = LEGACY_TYPES.get(eventType);
    if (type == null) {
      throw new InvalidEventException("Unsupported legacy event type: only Cloud Storage, Pub/Sub, Firestore and "
          + "Firebase Auth events are mapped (" + truncate(eventType) + ")");
    }
    JsonNode data = body.get("data");
    if (!type.startsWith("google.cloud.storage.") && !type.equals(PUBSUB_PUBLISHED)) {
      return legacyOther(eventId, type, service, resourceName, time, data, payload, headers);
    }
    if (type.equals(PUBSUB_PUBLISHED)) {
      ObjectNode message = data != null && data.isObject() ? ((ObjectNode) data).deepCopy()
          : JsonNodeFactory.instance.objectNode();
      message.put("messageId", eventId);
      time.ifPresent(t -> message.put("publishTime", t.toString()));
      ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      wrapped.set("message", message);
      return new IncomingEvent(eventId, "//" + (service != null ? service : "pubsub.googleapis.com") + "/"
          + resourceName, type, Optional.empty(), time, "1.0", Optional.of("application/json"), Optional.empty(),
          wrapped, NO_DATA, Map.of(), payload, headers);
    }
    // projects/_/buckets/<bucket>/objects/<name>#<generation>: the source is the bucket, the subject the object
    String origin = "//" + (service != null ? service : "storage.googleapis.com") + "/";
    int objects = resourceName.indexOf("/objects/", BUCKETS.length());
    String source;
    Optional<String> subject;
    if (resourceName.startsWith(BUCKETS) && objects > BUCKETS.length()
        && resourceName.indexOf('/', BUCKETS.length()) == objects) {
      source = origin + resourceName.substring(0, objects);
      subject = Optional.of(withoutGeneration(resourceName.substring(objects + 1)));
    } else {
      source = origin + resourceName;
      subject = Optional.empty();
    }
    if (data == null || !data.isObject()) {
      throw new InvalidEventException("Legacy storage event: data must be an object");
    }
    return new IncomingEvent(eventId, source, type, subject, time, "1.0", Optional.of("application/json"),
        Optional.empty(), data, NO_DATA, Map.of(), payload, headers);
  }

  /**
   * A Firestore or Firebase Auth event as the conversion rules say (platform-payloads.md §3.5): Firestore's
   * {@code projects/p/databases/db/documents/path} gives the database as source and {@code documents/path} as
   * subject; a user event's subject is {@code users/<data.uid>}.
   */
  private static IncomingEvent legacyOther(String id, String type, @Nullable String service, String resource,
      Optional<Instant> time, @Nullable JsonNode data, byte[] payload, Headers headers) {
    boolean firestore = type.startsWith(FIRESTORE);
    String origin = "//" + (service != null ? service
        : firestore ? "firestore.googleapis.com" : "firebaseauth.googleapis.com") + "/";
    String source = origin + resource;
    Optional<String> subject = Optional.empty();
    int documents = resource.indexOf("/documents/");
    if (firestore && documents > 0) {
      source = origin + resource.substring(0, documents);
      subject = Optional.of(resource.substring(documents + 1));
    } else if (!firestore && data != null) {
      subject = text(data, "uid").map(uid -> "users/" + uid);
    }
    JsonNode json = data != null ? data : JsonNodeFactory.instance.nullNode();
    return new IncomingEvent(id, source, type, subject, time, "1.0", Optional.of("application/json"),
        Optional.empty(), json, NO_DATA, Map.of(), payload, headers);
  }

  /** {@code objects/a.jpg#1587627537231057} without its {@code #generation}, as the Functions Framework strips it. */
  private static String withoutGeneration(String object) {
    int hash = object.lastIndexOf('#');
    if (hash < 0 || hash == object.length() - 1) {
      return object;
    }
    for (int i = hash + 1; i < object.length(); i++) {
      if (object.charAt(i) < '0' || object.charAt(i) > '9') {
        return object;
      }
    }
    return object.substring(0, hash);
  }

  // ------------------------------------------------------------------ helpers

  static JsonNode tree(byte[] bytes, String what) {
    return WireJson.tree(bytes, what);
  }

  static Optional<String> text(JsonNode node, String field) {
    return Optional.ofNullable(WireJson.text(node, field, field));
  }

  static String requiredText(JsonNode node, String field) {
    String v = WireJson.requireText(node, field, field);
    if (v.isBlank()) {
      throw new InvalidEventException(field + " must not be blank");
    }
    return v;
  }

  /** A platform-chosen name (an event type) fit for a message: at most 100 characters, no control characters. */
  static String truncate(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), 101));
    for (int i = 0; i < value.length() && i < 100; i++) {
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return value.length() > 100 ? sb.append('…').toString() : sb.toString();
  }

  private static String requiredHeader(Headers headers, String name) {
    String v = headers.first(name).orElseThrow(() -> new InvalidEventException(
        "CloudEvent binary mode needs the " + name + " header"));
    if (v.isBlank()) {
      throw new InvalidEventException("CloudEvent header " + name + " must not be blank");
    }
    return v;
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    String base = (semi < 0 ? t : t.substring(0, semi)).trim();
    return base.endsWith("/json") || base.endsWith("+json");
  }

  private static String contentType(HttpRequest request) {
    return request.contentType().orElse("").trim().toLowerCase(Locale.ROOT);
  }

  private static boolean looksLikeJsonObject(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{';
    }
    return false;
  }
}
