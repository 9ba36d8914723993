package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.Wire;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google Cloud event data to portable events (platform-payloads.md §3.3, §3.4, §3.6, §3.7). Int64 fields are
 * accepted as JSON strings or numbers, the object key comes from {@code data.name} (raw, never from the subject),
 * Pub/Sub ids and times under both spellings, absent message data is an empty body.
 */
final class EventMapping {
  static final String STORAGE_PREFIX = "google.cloud.storage.object.v1.";
  static final String SCHEDULER_EXECUTED = "google.cloud.scheduler.job.v1.executed";

  private EventMapping() {}

  static boolean isStorage(IncomingEvent e) {
    return e.type().startsWith(STORAGE_PREFIX);
  }

  static boolean isPubSub(IncomingEvent e) {
    return e.type().equals(EventParser.PUBSUB_PUBLISHED);
  }

  static boolean isScheduler(IncomingEvent e) {
    return e.type().equals(SCHEDULER_EXECUTED);
  }

  static InvalidEventException unsupported(IncomingEvent e) {
    return new InvalidEventException("Unsupported CloudEvent type '" + EventParser.truncate(e.type())
        + "': this adapter maps Cloud Storage object events, Pub/Sub messagePublished and Cloud Scheduler executed");
  }

  // ------------------------------------------------------------------ storage

  /** The bucket the event is about: {@code data.bucket}, else the {@code bucket} extension, else the source. */
  static String bucket(IncomingEvent e, JsonNode data) {
    Optional<String> b = EventParser.text(data, "bucket").or(() -> e.extension("bucket"));
    if (b.isPresent()) {
      return b.get();
    }
    int i = e.source().indexOf("/buckets/");
    if (i >= 0) {
      String rest = e.source().substring(i + "/buckets/".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }
    throw new InvalidEventException("data.bucket is required");
  }

  /** The object event of {@code e}, whose {@code data} the caller parsed with {@link #data}. */
  static ObjectEvent object(IncomingEvent e, JsonNode data, String bucket, Instant now) {
    String name = EventParser.text(data, "name").filter(n -> !n.isEmpty())
        .orElseThrow(() -> new InvalidEventException("data.name is required"));
    Instant time = e.time().or(() -> EventParser.text(data, "updated").map(t -> Wire.instant(t, "data.updated")))
        .orElse(now);
    return ObjectEvent.builder()
        .id(e.id())
        .source(e.source())
        .type(e.type())
        .subject(e.subject().orElse("objects/" + name))
        .time(time)
        .kind(kind(e.type()))
        .bucket(bucket)
        .key(name)
        .size(int64(data, "size").map(Long::parseLong).orElse(null))
        .etag(EventParser.text(data, "etag").orElse(null))
        .version(int64(data, "generation").orElse(null))
        .contentType(EventParser.text(data, "contentType").orElse(null))
        .build();
  }

  static ObjectEventKind kind(String type) {
    return switch (type.substring(STORAGE_PREFIX.length())) {
      case "finalized" -> ObjectEventKind.CREATED;
      case "deleted" -> ObjectEventKind.DELETED;
      case "archived" -> ObjectEventKind.ARCHIVED;
      case "metadataUpdated" -> ObjectEventKind.METADATA_UPDATED;
      default -> ObjectEventKind.OTHER; // the legacy object.change, converted to ".changed" as the FF does
    };
  }

  /** An int64 field as its decimal digits: a JSON string (the proto3 JSON mapping) or a number (the examples). */
  static Optional<String> int64(JsonNode data, String field) {
    JsonNode v = data.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    String text;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      text = Long.toString(v.longValue());
    } else if (v.isTextual()) {
      text = v.textValue().trim();
    } else {
      throw new InvalidEventException("data." + field + " must be an integer or a string of digits");
    }
    if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidEventException("data." + field + " must be a non-negative 64-bit integer");
    }
    try {
      return Optional.of(Long.toString(Long.parseLong(text)));
    } catch (NumberFormatException ex) {
      throw new InvalidEventException("data." + field + " must be a non-negative 64-bit integer", ex);
    }
  }

  // ------------------------------------------------------------------ Pub/Sub

  /** The message inside a {@code messagePublished} event (Eventarc, legacy converted, or a push envelope). */
  record PubSubMessage(String id, Instant publishTime, byte[] body, Map<String, String> attributes,
      Optional<String> orderingKey, int deliveryAttempt, Optional<String> topic, Optional<String> subscription) {}

  static PubSubMessage pubsub(IncomingEvent e, Instant now) {
    JsonNode data = data(e);
    JsonNode message = data.get("message");
    if (message == null || !message.isObject()) {
      throw new InvalidEventException("data.message is required and must be an object");
    }
    String id = EventParser.text(message, "messageId").or(() -> EventParser.text(message, "message_id"))
        .filter(s -> !s.isBlank()).orElse(e.id());
    Instant time = EventParser.text(message, "publishTime").or(() -> EventParser.text(message, "publish_time"))
        .map(t -> Wire.instant(t, "message.publishTime")).or(e::time).orElse(now);
    byte[] body = EventParser.text(message, "data").map(d -> Wire.base64(d, "message.data")).orElse(new byte[0]);
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode attrs = message.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      if (!attrs.isObject()) {
        throw new InvalidEventException("message.attributes must be an object");
      }
      attrs.properties().forEach(a -> {
        if (!a.getValue().isTextual()) {
          throw new InvalidEventException("message.attributes values must be strings");
        }
        attributes.put(a.getKey(), a.getValue().textValue());
      });
    }
    Optional<String> orderingKey = EventParser.text(message, "orderingKey").filter(k -> !k.isEmpty());
    int attempt = 1;
    JsonNode da = data.get("deliveryAttempt");
    if (da != null && !da.isNull()) {
      if (da.isTextual()) {
        attempt = parseAttempt(da.textValue());
      } else if (da.isIntegralNumber() && da.canConvertToInt()) {
        attempt = Math.max(1, da.intValue());
      } else {
        throw new InvalidEventException("deliveryAttempt must be a positive integer");
      }
    }
    Optional<String> subscription = EventParser.text(data, "subscription");
    return new PubSubMessage(id, time, body, attributes, orderingKey, attempt, topicOf(e.source()), subscription);
  }

  private static int parseAttempt(String text) {
    try {
      return Math.max(1, Integer.parseInt(text.trim()));
    } catch (NumberFormatException ex) {
      throw new InvalidEventException("deliveryAttempt must be a positive integer", ex);
    }
  }

  /** {@code //pubsub.googleapis.com/projects/p/topics/t} gives {@code t}. */
  static Optional<String> topicOf(String source) {
    int i = source.indexOf("/topics/");
    return i < 0 ? Optional.empty() : Optional.of(source.substring(i + "/topics/".length()));
  }

  /** {@code projects/p/subscriptions/s} gives {@code s}. */
  static String shortName(String resource) {
    int i = resource.lastIndexOf('/');
    return i < 0 ? resource : resource.substring(i + 1);
  }

  static TopicMessage topicMessage(IncomingEvent e, PubSubMessage m, String topic) {
    return TopicMessage.builder().id(m.id()).source(e.source()).type(e.type()).time(m.publishTime()).topic(topic)
        .body(m.body()).attributes(m.attributes()).deliveryAttempt(m.deliveryAttempt())
        .groupKey(m.orderingKey().orElse(null)).build();
  }

  static QueueMessage queueMessage(IncomingEvent e, PubSubMessage m, String queue) {
    return QueueMessage.builder().id(m.id()).source(e.source()).type(e.type()).time(m.publishTime()).queue(queue)
        .body(m.body()).attributes(m.attributes()).deliveryAttempt(m.deliveryAttempt())
        .groupKey(m.orderingKey().orElse(null)).build();
  }

  // ------------------------------------------------------------------ helpers

  /** The event's data as a JSON object, parsed only if the event arrived as bytes. */
  static JsonNode data(IncomingEvent e) {
    JsonNode data = e.json() != null ? e.json() : EventParser.tree(e.data(), "CloudEvent data");
    if (!data.isObject()) {
      throw new InvalidEventException("CloudEvent data must be a JSON object");
    }
    return data;
  }

  /** A Cloud Scheduler run, from its CloudEvent or its Pub/Sub message. */
  static ScheduleEvent schedule(String id, String source, String type, String schedule, Instant scheduled,
      Instant now) {
    return new ScheduleEvent(id, source, type, Optional.empty(), Optional.of(now), schedule, Optional.of(scheduled),
        false, Optional.empty(), Optional.empty(), dev.faas4j.event.Origin.none());
  }
}
