package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import dev.faas4j.trigger.CronExpression;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Translates the non-HTTP payloads the Java worker delivers (Queue Storage, Blob trigger, Event Grid, Timer,
 * Service Bus) into portable events. Trigger metadata bound with {@code @BindingName} arrives as text; JSON-typed
 * metadata (DequeueCount, InsertionTime) may keep its JSON quotes, which are removed here.
 */
final class EventMapping {
  static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";
  private static final String BLOB_SUBJECT = "/blobServices/default/containers/";
  /** {@code /queues/<queue>} by queue: see {@link #queueSource}. */
  private static final Map<String, String> QUEUE_SOURCES = new ConcurrentHashMap<>();

  private EventMapping() {}

  // ---------------------------------------------------------------- Queue Storage

  static QueueMessage queueMessage(byte[] body, Map<String, String> attributes, String queue, @Nullable String id,
      @Nullable String dequeueCount, @Nullable String insertionTime, String invocationId, Instant now) {
    return QueueMessage.builder()
        .id(orElse(id, invocationId))
        .source(queueSource(queue))
        .type("dev.faas4j.queue.message")
        .time(timeOr(insertionTime, "InsertionTime", now))
        .queue(queue)
        .body(body)
        .attributes(attributes)
        .deliveryAttempt(count(dequeueCount, "DequeueCount"))
        .build();
  }

  // ---------------------------------------------------------------- Service Bus

  static Map<String, String> applicationProperties(@Nullable String json) {
    Optional<String> text = present(json);
    if (text.isEmpty()) {
      return Map.of();
    }
    JsonNode node = parse(text.get(), "ApplicationProperties");
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidEventException("ApplicationProperties must be a JSON object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNull()) {
        map.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
      }
    }
    return map;
  }

  static TopicMessage topicMessage(byte[] body, String topic, @Nullable String messageId,
      @Nullable String deliveryCount, @Nullable String properties, @Nullable String enqueuedTime, String invocationId,
      Instant now) {
    return TopicMessage.builder()
        .id(orElse(messageId, invocationId))
        .source("/topics/" + topic)
        .type("dev.faas4j.topic.message")
        .time(timeOr(enqueuedTime, "EnqueuedTime", now))
        .topic(topic)
        .body(body)
        .attributes(applicationProperties(properties))
        .deliveryAttempt(count(deliveryCount, "DeliveryCount"))
        .build();
  }

  static QueueMessage serviceBusQueueMessage(byte[] body, String queue, @Nullable String messageId,
      @Nullable String deliveryCount, @Nullable String properties, @Nullable String enqueuedTime, String invocationId,
      Instant now) {
    return QueueMessage.builder()
        .id(orElse(messageId, invocationId))
        .source(queueSource(queue))
        .type("dev.faas4j.queue.message")
        .time(timeOr(enqueuedTime, "EnqueuedTime", now))
        .queue(queue)
        .body(body)
        .attributes(applicationProperties(properties))
        .deliveryAttempt(count(deliveryCount, "DeliveryCount"))
        .build();
  }

  // ---------------------------------------------------------------- Blob trigger

  /**
   * An object event from the Blob trigger's metadata: {@code BlobTrigger} is the path {@code container/name} (raw,
   * not encoded), and the container it names is the event's bucket (mapped back to its logical name), whatever the
   * function's trigger says; {@code Properties} is the blob's properties as JSON (ETag, ContentType, LastModified).
   */
  static ObjectEvent blobCreated(LogicalNames names, @Nullable String blobTrigger, long size,
      @Nullable String properties, String invocationId, Instant now) {
    String path = present(blobTrigger).orElseThrow(
        () -> new InvalidEventException("BlobTrigger metadata is missing; bind it with @BindingName(\"BlobTrigger\")"));
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new InvalidEventException("BlobTrigger must be 'container/name'");
    }
    String bucket = names.logical(Kind.BUCKET, path.substring(0, slash));
    String key = portableKey(path.substring(slash + 1));
    JsonNode props = present(properties).map(p -> parse(p, "Properties")).orElse(NullNode.getInstance());
    String etag = field(props, "ETag", "Etag", "eTag", "etag");
    String contentType = field(props, "ContentType", "contentType");
    String lastModified = field(props, "LastModified", "lastModified");
    return ObjectEvent.builder()
        .id(etag != null ? path + "@" + etag : invocationId)
        .source("/buckets/" + bucket)
        .type("dev.faas4j.object.created")
        .subject("objects/" + key)
        .time(lastModified != null ? Wire.instant(lastModified, "Properties.LastModified") : now)
        .kind(ObjectEventKind.CREATED)
        .bucket(bucket)
        .key(key)
        .size(size)
        .etag(etag)
        .contentType(contentType)
        .build();
  }

  // ---------------------------------------------------------------- Event Grid

  /** The events of a delivery: a JSON array (webhook batch) or one object (Functions Event Grid trigger). */
  static List<JsonNode> eventGridEvents(String body) {
    JsonNode root = parse(body, "Event Grid delivery");
    List<JsonNode> events = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(events::add);
    } else if (root.isObject()) {
      events.add(root);
    } else {
      throw new InvalidEventException("Event Grid delivery must be a JSON object or array of events");
    }
    for (JsonNode e : events) {
      if (!e.isObject()) {
        throw new InvalidEventException("Event Grid event must be a JSON object");
      }
    }
    return events;
  }

  static String eventType(JsonNode event) {
    String type = text(event, "eventType");
    if (type == null) {
      type = text(event, "type"); // CloudEvents schema
    }
    if (type == null) {
      throw new InvalidEventException("Event Grid event has no eventType");
    }
    return type;
  }

  /** Whether this is Event Grid's subscription-validation handshake (checked before any event is mapped). */
  static boolean isValidation(JsonNode event) {
    JsonNode type = event.get("eventType");
    return type != null && VALIDATION_EVENT.equals(type.textValue());
  }

  /** The id an event is reported by, for a rejection: its {@code id} when readable, else its position. */
  static String idForLog(JsonNode event, int position) {
    JsonNode id = event.get("id");
    return id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : "event[" + position + "]";
  }

  /** The validation code of a {@code SubscriptionValidationEvent}. */
  static String validationCode(JsonNode event) {
    String code = text(event.path("data"), "validationCode");
    if (code == null) {
      throw new InvalidEventException("SubscriptionValidationEvent has no data.validationCode");
    }
    return code;
  }

  /**
   * An object event from a Blob Storage event in the Event Grid or CloudEvents schema. The container and key come
   * from the raw {@code subject} ({@code /blobServices/default/containers/<c>/blobs/<name>}); only without one are
   * they decoded from the percent-encoded {@code data.url}. The container is the event's bucket, never the function's:
   * an account-level subscription delivers every container, and the dispatcher's filters skip the others.
   */
  static ObjectEvent blobEvent(JsonNode event, LogicalNames names, Instant now) {
    String type = eventType(event);
    ObjectEventKind kind = switch (type) {
      case "Microsoft.Storage.BlobCreated" -> ObjectEventKind.CREATED;
      case "Microsoft.Storage.BlobDeleted" -> ObjectEventKind.DELETED;
      case "Microsoft.Storage.BlobTierChanged" -> ObjectEventKind.ARCHIVED;
      default -> {
        if (!type.startsWith("Microsoft.Storage.")) {
          throw new InvalidEventException("Unsupported Event Grid event type for a bucket function");
        }
        yield ObjectEventKind.OTHER;
      }
    };
    String id = text(event, "id");
    if (id == null || id.isBlank()) {
      throw new InvalidEventException("Event Grid event has no id");
    }
    JsonNode data = event.path("data");
    if (!data.isObject()) {
      throw new InvalidEventException("Event Grid event has no data object");
    }
    String subject = text(event, "subject");
    String[] blob;
    int blobs = subject == null || !subject.startsWith(BLOB_SUBJECT) ? -1
        : subject.indexOf("/blobs/", BLOB_SUBJECT.length());
    if (blobs > BLOB_SUBJECT.length()) {
      blob = new String[] {subject.substring(BLOB_SUBJECT.length(), blobs),
          subject.substring(blobs + "/blobs/".length())};
    } else {
      blob = fromUrl(text(data, "url"));
    }
    String bucket = names.logical(Kind.BUCKET, blob[0]);
    String key = portableKey(blob[1]);
    String time = text(event, "eventTime");
    if (time == null) {
      time = text(event, "time");
    }
    String source = text(event, "topic");
    if (source == null) {
      source = text(event, "source");
    }
    JsonNode length = data.get("contentLength");
    Long size = null;
    if (length != null && !length.isNull()) {
      if (length.canConvertToLong() && length.isIntegralNumber()) {
        size = length.asLong();
      } else if (length.isTextual() && digits(length.asText(), 18)) {
        size = Long.parseLong(length.asText());
      } else {
        throw new InvalidEventException("data.contentLength must be a whole number");
      }
    }
    return ObjectEvent.builder()
        .id(id)
        .source(source != null ? source : "/buckets/" + bucket)
        .type(type)
        .subject(subject)
        .time(time != null ? Wire.instant(time, "eventTime") : now)
        .kind(kind)
        .bucket(bucket)
        .key(key)
        .size(size)
        .etag(text(data, "eTag"))
        .contentType(text(data, "contentType"))
        .build();
  }

  /** The container and the decoded blob name of {@code https://<account>.blob.core.windows.net/<container>/<name>}. */
  private static String[] fromUrl(@Nullable String url) {
    if (url == null) {
      throw new InvalidEventException("Event Grid blob event has neither a blob subject nor data.url");
    }
    String rawPath;
    try {
      rawPath = new URI(url).getRawPath();
    } catch (URISyntaxException e) {
      throw new InvalidEventException("data.url is not a valid URL", e);
    }
    // /<container>/<percent-encoded name>
    int slash = rawPath == null ? -1 : rawPath.indexOf('/', 1);
    if (slash < 0 || slash == rawPath.length() - 1) {
      throw new InvalidEventException("data.url does not name a blob");
    }
    return new String[] {Wire.percentDecode(rawPath.substring(1, slash), "data.url"),
        Wire.percentDecode(rawPath.substring(slash + 1), "data.url")};
  }

  // ---------------------------------------------------------------- Timer

  /**
   * A schedule event from the timer's JSON: {@code IsPastDue}, and {@code ScheduleStatus} (null when monitoring is
   * off) with {@code Last}/{@code Next} in .NET's format ({@code 0001-01-01T00:00:00+00:00} before the first run).
   * The scheduled time is the latest time the cron matched at or before {@code now}.
   */
  static ScheduleEvent schedule(@Nullable String timerInfo, String name, CronExpression cron, ZoneId zone,
      Instant now) {
    JsonNode root = present(timerInfo).map(t -> parse(t, "Timer info")).orElse(NullNode.getInstance());
    if (!root.isObject() && !root.isNull()) {
      throw new InvalidEventException("Timer info must be a JSON object");
    }
    JsonNode pastDue = root.path("IsPastDue");
    if (!pastDue.isMissingNode() && !pastDue.isNull() && !pastDue.isBoolean()) {
      throw new InvalidEventException("IsPastDue must be true or false");
    }
    JsonNode status = root.path("ScheduleStatus");
    if (!status.isMissingNode() && !status.isNull() && !status.isObject()) {
      throw new InvalidEventException("ScheduleStatus must be an object or null");
    }
    Optional<Instant> last = time(status, "Last");
    Optional<Instant> next = time(status, "Next");
    Instant scheduled = previousMatch(cron, zone, now);
    return new ScheduleEvent(name + "@" + scheduled, "/schedules/" + name, ScheduleEvent.TYPE, Optional.empty(),
        Optional.of(now), name, Optional.of(scheduled), pastDue.asBoolean(false), last, next,
        dev.faas4j.event.Origin.none());
  }

  private static Optional<Instant> time(JsonNode status, String field) {
    JsonNode v = status.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new InvalidEventException("ScheduleStatus." + field + " must be a timestamp string");
    }
    Instant t = Wire.instant(v.asText(), "ScheduleStatus." + field);
    return t.isBefore(Instant.parse("0002-01-01T00:00:00Z")) ? Optional.empty() : Optional.of(t); // .NET MinValue
  }

  /** The latest minute at or before {@code now} that the cron matches, searching wider windows as needed. */
  static Instant previousMatch(CronExpression cron, ZoneId zone, Instant now) {
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    for (Duration window : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32),
        Duration.ofDays(400), Duration.ofDays(8 * 366))) {
      Instant t = end.minus(window);
      Instant found = null;
      while (true) {
        Optional<Instant> n = cron.next(t, zone);
        if (n.isEmpty() || n.get().isAfter(end)) {
          break;
        }
        found = n.get();
        t = found;
      }
      if (found != null) {
        return found;
      }
    }
    return end;
  }

  // ---------------------------------------------------------------- helpers

  /** Metadata text without JSON quotes; empty if absent. */
  static Optional<String> present(@Nullable String value) {
    return Optional.ofNullable(metadata(value));
  }

  /** As {@link #present}, null if absent: the per-message paths take it without an Optional. */
  private static @Nullable String metadata(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      String inner = v.substring(1, v.length() - 1);
      // Without a quote or backslash inside, the JSON string is its text: no parse per message for that.
      if (inner.indexOf('"') >= 0 || inner.indexOf('\\') >= 0) {
        JsonNode unquoted = null;
        try {
          unquoted = parse(v, "Metadata");
        } catch (InvalidEventException e) {
          // not a JSON string after all: strip the quotes
        }
        inner = unquoted != null && unquoted.isTextual() ? unquoted.textValue() : inner;
      }
      v = inner;
    }
    return v.isEmpty() || v.equals("null") ? null : v;
  }

  private static String orElse(@Nullable String value, String fallback) {
    String v = metadata(value);
    return v == null ? fallback : v;
  }

  /** A metadata timestamp, {@code now} if absent. */
  private static Instant timeOr(@Nullable String value, String field, Instant now) {
    String v = metadata(value);
    return v == null ? now : Wire.instant(v, field);
  }

  /**
   * {@code /queues/<queue>}, made once per queue rather than per message. The queues are those the registered
   * functions' triggers name, so the cache stays as small as the application.
   */
  private static String queueSource(String queue) {
    return QUEUE_SOURCES.computeIfAbsent(queue, q -> "/queues/" + q);
  }


  private static int count(@Nullable String value, String field) {
    String v = metadata(value);
    if (v == null) {
      return 1;
    }
    if (!digits(v, 9)) {
      throw new InvalidEventException(field + " must be a whole number");
    }
    int n = Integer.parseInt(v);
    return Math.max(1, n);
  }

  private static String portableKey(String key) {
    try {
      return Keys.objectKey(key);
    } catch (ObjectStorageException e) {
      throw new InvalidEventException("Blob name is not a portable object key: " + e.getMessage(), e);
    }
  }

  /** 1 to {@code max} ASCII digits, without a regex on the invocation path. */
  private static boolean digits(String s, int max) {
    if (s.isEmpty() || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parse(String text, String what) {
    return WireJson.tree(text.getBytes(StandardCharsets.UTF_8), what);
  }

  private static @Nullable String text(JsonNode node, String field) {
    return WireJson.scalar(node, field, field);
  }

  private static @Nullable String field(JsonNode node, String... names) {
    if (!node.isObject()) {
      return null;
    }
    for (String n : names) {
      String v = text(node, n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
