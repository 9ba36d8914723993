package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.Wire;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Origin;
import dev.faas4j.spi.WireJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Google Cloud event data to portable events (platform-payloads.md §3.3, §3.4, §3.6, §3.7). Int64 fields are
 * accepted as JSON strings or numbers, the object key comes from {@code data.name} (raw, never from the subject),
 * Pub/Sub ids and times under both spellings, absent message data is an empty body.
 */
final class EventMapping {
  static final String STORAGE_PREFIX = "google.cloud.storage.object.v1.";
  static final String SCHEDULER_EXECUTED = "google.cloud.scheduler.job.v1.executed";
  /** The Cloud Scheduler job: its full name from a CloudEvent's source, the header's value over HTTP. */
  static final String SCHEDULER_JOB = "gcp.scheduler.jobName";

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

  /** An event of no portable kind that no CloudEvent function of this deployment can take. */
  static InvalidEventException unsupported(IncomingEvent e) {
    return new InvalidEventException("Unsupported CloudEvent type '" + EventParser.truncate(e.type())
        + "': this deployment maps Cloud Storage object events, Pub/Sub messagePublished and Cloud Scheduler "
        + "executed; other types need a CloudEvent function (functions.onCloudEvent)");
  }

  // ------------------------------------------------------------------ storage

  /** The bucket the event is about: {@code data.bucket}, else the {@code bucket} extension, else the source. */
  static String bucket(IncomingEvent e, JsonNode data) {
    return bucket(e, EventParser.text(data, "bucket").orElse(null));
  }

  /** As {@link #bucket(IncomingEvent, JsonNode)}, given {@code data.bucket} (null when absent). */
  static String bucket(IncomingEvent e, @Nullable String dataBucket) {
    if (dataBucket != null) {
      return dataBucket;
    }
    String extension = e.extensions().get("bucket");
    if (extension != null) {
      return extension;
    }
    int i = e.source().indexOf("/buckets/");
    if (i >= 0) {
      String rest = e.source().substring(i + "/buckets/".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }
    throw new InvalidEventException("data.bucket is required");
  }

  /**
   * The object event of {@code e}, whose {@code data} the caller parsed with {@link #data}: one pass over the data's
   * fields, each either a portable fact, a {@code gcp.storage.*} origin attribute, or not exposed.
   */
  static ObjectEvent object(IncomingEvent e, JsonNode data, String bucket) {
    String name = null;
    Long size = null;
    String etag = null;
    String generation = null;
    String contentType = null;
    String resourceState = null;
    Map<String, String> metadata = Map.of(); // GCS objects carry user metadata: absent from the data means none
    Facts attributes = new Facts(16);
    for (Map.Entry<String, JsonNode> f : data.properties()) {
      String field = f.getKey();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        continue;
      }
      switch (field) {
        case "name" -> name = text(v, field);
        case "size" -> size = Long.parseLong(int64(v, field)); // int64() checked it has at most 19 digits
        case "etag" -> etag = text(v, field);
        case "generation" -> generation = int64(v, field);
        case "contentType" -> contentType = text(v, field);
        case "metadata" -> metadata = metadata(v);
        case "resourceState" -> attributes.put(STORAGE_ATTRIBUTES.get(field), resourceState = text(v, field));
        case "metageneration", "componentCount" -> attributes.put(STORAGE_ATTRIBUTES.get(field), int64(v, field));
        case "eventBasedHold", "temporaryHold" -> {
          if (!v.isBoolean()) {
            throw new InvalidEventException("data." + field + " must be true or false");
          }
          attributes.put(STORAGE_ATTRIBUTES.get(field), v.asText());
        }
        case "customerEncryption" -> {
          if (!v.isObject()) {
            throw new InvalidEventException("data.customerEncryption must be an object");
          }
          putText(attributes, "gcp.storage.customerEncryption.encryptionAlgorithm", v, "encryptionAlgorithm");
          putText(attributes, "gcp.storage.customerEncryption.keySha256", v, "keySha256");
        }
        default -> {
          String attribute = STORAGE_ATTRIBUTES.get(field);
          if (attribute != null) {
            attributes.put(attribute, text(v, field));
          }
        }
      }
    }
    if (name == null || name.isEmpty()) {
      throw new InvalidEventException("data.name is required");
    }
    return objectEvent(e, bucket, name, size, etag, generation, contentType, metadata,
        kind(e.type(), resourceState, attributes.get("gcp.storage.metageneration")),
        origin(e, attributes.toMap()));
  }

  /** The object event of {@code e} with the facts its data gave ({@link #object} and {@link StorageReader}). */
  static ObjectEvent objectEvent(IncomingEvent e, String bucket, String name, @Nullable Long size,
      @Nullable String etag, @Nullable String generation, @Nullable String contentType, Map<String, String> metadata,
      ObjectEventKind kind, Origin origin) {
    return ObjectEvent.builder()
        .id(e.id())
        .source(e.source())
        .type(e.type())
        .subject(e.subject().orElse(null)) // the builder's default is objects/<key>
        .time(e.time().orElse(null))
        .kind(kind)
        .bucket(bucket)
        .key(name)
        .size(size)
        .etag(etag)
        .version(generation)
        .contentType(contentType)
        .metadata(metadata)
        .origin(origin)
        .build();
  }

  /**
   * The data fields that become {@code gcp.storage.<field>} origin attributes, as sent (times are RFC 3339, hashes
   * base64). {@code kind} is always {@code storage#object}; {@code id}, {@code selfLink} and {@code mediaLink} are
   * made of bucket, name and generation (and stay in the payload); {@code bucket}/{@code name}/{@code size}/...
   * are portable.
   */
  static final List<String> STORAGE_FIELDS = List.of("metageneration", "timeCreated", "updated", "timeDeleted",
      "storageClass", "timeStorageClassUpdated", "md5Hash", "crc32c", "contentEncoding", "contentDisposition",
      "contentLanguage", "cacheControl", "componentCount", "kmsKeyName", "eventBasedHold", "temporaryHold",
      "retentionExpirationTime", "resourceState");
  private static final Map<String, String> STORAGE_ATTRIBUTES = storageAttributes(STORAGE_FIELDS);

  private static Map<String, String> storageAttributes(List<String> fields) {
    Map<String, String> m = new HashMap<>();
    for (String f : fields) {
      m.put(f, "gcp.storage." + f);
    }
    return Map.copyOf(m);
  }

  private static Map<String, String> metadata(JsonNode v) {
    if (!v.isObject()) {
      throw new InvalidEventException("data.metadata must be an object");
    }
    Facts m = new Facts(v.size());
    for (Map.Entry<String, JsonNode> p : v.properties()) {
      if (!p.getValue().isTextual()) {
        throw new InvalidEventException("data.metadata values must be strings");
      }
      m.put(p.getKey(), p.getValue().textValue());
    }
    return m.toMap();
  }

  private static String text(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw new InvalidEventException("data." + field + " must be a string");
    }
    return v.textValue();
  }

  private static void putText(Facts attributes, String name, JsonNode parent, String field) {
    Optional<String> v = EventParser.text(parent, field);
    if (v.isPresent()) {
      attributes.put(name, v.get());
    }
  }

  /** The origin of an event of {@code e}: its platform attributes, the delivery as received and its headers. */
  static Origin origin(IncomingEvent e, Map<String, String> attributes) {
    return Origin.of("gcp", attributes, e.payload(), e.headers());
  }

  /**
   * The kind of a storage event by its type. The legacy {@code object.change} (converted to {@code .changed} as
   * the Functions Framework does) says in {@code resourceState} what happened: {@code not_exists} is a deletion;
   * {@code exists} with metageneration 1 a new object (or a new generation of it), with a higher one a metadata
   * update, as the legacy Cloud Storage trigger documented.
   */
  static ObjectEventKind kind(String type, @Nullable String resourceState, @Nullable String metageneration) {
    return switch (type) {
      case STORAGE_PREFIX + "finalized" -> ObjectEventKind.CREATED;
      case STORAGE_PREFIX + "deleted" -> ObjectEventKind.DELETED;
      case STORAGE_PREFIX + "archived" -> ObjectEventKind.ARCHIVED;
      case STORAGE_PREFIX + "metadataUpdated" -> ObjectEventKind.METADATA_UPDATED;
      default -> "not_exists".equals(resourceState) ? ObjectEventKind.DELETED
          : !"exists".equals(resourceState) || metageneration == null ? ObjectEventKind.OTHER
          : metageneration.equals("1") ? ObjectEventKind.CREATED : ObjectEventKind.METADATA_UPDATED;
    };
  }

  /** An int64 field as its decimal digits: a JSON string (the proto3 JSON mapping) or a number (the examples). */
  static String int64(JsonNode v, String field) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return int64(Long.toString(v.longValue()), field);
    } else if (v.isTextual()) {
      return int64(v.textValue().trim(), field);
    }
    throw new InvalidEventException("data." + field + " must be an integer or a string of digits");
  }

  /** {@link #int64(JsonNode, String)} of a field's text, trimmed or the digits of a JSON number. */
  static String int64(String text, String field) {
    if (text.isEmpty() || text.length() > 19 || !digits(text)) {
      throw new InvalidEventException("data." + field + " must be a non-negative 64-bit integer");
    }
    try {
      long n = Long.parseLong(text);
      return text.length() > 1 && text.charAt(0) == '0' ? Long.toString(n) : text; // canonical text kept as is
    } catch (NumberFormatException ex) {
      throw new InvalidEventException("data." + field + " must be a non-negative 64-bit integer", ex);
    }
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ Pub/Sub

  /**
   * The message inside a {@code messagePublished} event (Eventarc, legacy converted, or a push envelope).
   *
   * @param publishTime the message's publish time, else the CloudEvent's time; absent when neither is given
   * @param deliveryAttempt the push envelope's count (present only with a dead-letter policy), else null
   * @param topic the topic's short name when the event names it (an Eventarc source does; a push envelope not)
   * @param attributes the origin attributes: {@code gcp.pubsub.subscription}, {@code .project}, {@code .topic}
   */
  record PubSubMessage(String id, Optional<Instant> publishTime, byte[] body, Map<String, String> messageAttributes,
      Optional<String> orderingKey, @Nullable Integer deliveryAttempt, Optional<String> topic,
      Map<String, String> attributes) {}

  static PubSubMessage pubsub(IncomingEvent e) {
    JsonNode data = data(e);
    JsonNode message = data.get("message");
    if (message == null || !message.isObject()) {
      throw new InvalidEventException("data.message is required and must be an object");
    }
    String id = EventParser.text(message, "messageId").or(() -> EventParser.text(message, "message_id"))
        .filter(s -> !s.isBlank()).orElse(e.id());
    Optional<Instant> time = EventParser.text(message, "publishTime")
        .or(() -> EventParser.text(message, "publish_time"))
        .map(t -> Wire.instant(t, "message.publishTime")).or(e::time);
    byte[] body = EventParser.text(message, "data").map(d -> Wire.base64(d, "message.data")).orElse(new byte[0]);
    Map<String, String> messageAttributes = Map.of();
    JsonNode attrs = message.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      if (!attrs.isObject()) {
        throw new InvalidEventException("message.attributes must be an object");
      }
      Map<String, String> m = new LinkedHashMap<>();
      attrs.properties().forEach(a -> {
        if (!a.getValue().isTextual()) {
          throw new InvalidEventException("message.attributes values must be strings");
        }
        m.put(a.getKey(), a.getValue().textValue());
      });
      messageAttributes = m;
    }
    Optional<String> orderingKey = EventParser.text(message, "orderingKey").filter(k -> !k.isEmpty());
    Integer attempt = null;
    JsonNode da = data.get("deliveryAttempt");
    if (da != null && !da.isNull()) {
      if (da.isTextual()) {
        attempt = parseAttempt(da.textValue());
      } else if (da.isIntegralNumber() && da.canConvertToInt() && da.intValue() >= 1) {
        attempt = da.intValue();
      } else {
        throw new InvalidEventException("deliveryAttempt must be a positive integer");
      }
    }
    Optional<String> subscription = EventParser.text(data, "subscription");
    int topicAt = e.source().indexOf("/topics/");
    Optional<String> topic = topicAt < 0 ? Optional.empty()
        : Optional.of(e.source().substring(topicAt + "/topics/".length()));
    Facts attributes = new Facts(3);
    if (subscription.isPresent()) {
      attributes.put("gcp.pubsub.subscription", subscription.get());
    }
    if (topicAt >= 0) {
      // //pubsub.googleapis.com/projects/p/topics/t: the topic's full name, as Pub/Sub names it
      int path = e.source().indexOf("projects/");
      attributes.put("gcp.pubsub.topic", e.source().substring(path >= 0 ? path : 0));
    }
    Optional<String> project = project(subscription.orElse(e.source()));
    if (project.isPresent()) {
      attributes.put("gcp.pubsub.project", project.get());
    }
    return new PubSubMessage(id, time, body, messageAttributes, orderingKey, attempt, topic, attributes.toMap());
  }

  private static int parseAttempt(String text) {
    try {
      int attempt = Integer.parseInt(text.trim());
      if (attempt >= 1) {
        return attempt;
      }
    } catch (NumberFormatException ex) {
      // below
    }
    throw new InvalidEventException("deliveryAttempt must be a positive integer");
  }

  /** The project of {@code projects/p/subscriptions/s} or {@code //pubsub.googleapis.com/projects/p/topics/t}. */
  static Optional<String> project(String resource) {
    int i = resource.indexOf("projects/");
    if (i < 0) {
      return Optional.empty();
    }
    int end = resource.indexOf('/', i + "projects/".length());
    String p = end < 0 ? "" : resource.substring(i + "projects/".length(), end);
    return p.isEmpty() || p.equals("_") ? Optional.empty() : Optional.of(p);
  }

  /** {@code projects/p/subscriptions/s} gives {@code s}. */
  static String shortName(String resource) {
    int i = resource.lastIndexOf('/');
    return i < 0 ? resource : resource.substring(i + 1);
  }

  static TopicMessage topicMessage(IncomingEvent e, PubSubMessage m, String topic) {
    return TopicMessage.builder().id(m.id()).source(e.source()).type(e.type()).time(m.publishTime().orElse(null))
        .topic(topic).body(m.body()).attributes(m.messageAttributes()).deliveryAttempt(m.deliveryAttempt())
        .groupKey(m.orderingKey().orElse(null)).origin(origin(e, m.attributes())).build();
  }

  static QueueMessage queueMessage(IncomingEvent e, PubSubMessage m, String queue) {
    return QueueMessage.builder().id(m.id()).source(e.source()).type(e.type()).time(m.publishTime().orElse(null))
        .queue(queue).body(m.body()).attributes(m.messageAttributes()).deliveryAttempt(m.deliveryAttempt())
        .groupKey(m.orderingKey().orElse(null)).origin(origin(e, m.attributes())).build();
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

  /**
   * A Cloud Scheduler run, from its CloudEvent, its Pub/Sub message or its HTTP request. Cloud Scheduler has no
   * past-due flag and tracks no previous or next run.
   *
   * @param time when the run happened, if the platform says (the CloudEvent's time, the message's publish time)
   * @param scheduled when it was due, if the platform says ({@code X-CloudScheduler-ScheduleTime})
   */
  static ScheduleEvent schedule(String id, String source, String type, String schedule, Optional<Instant> time,
      Optional<Instant> scheduled, Origin origin) {
    return new ScheduleEvent(id, source, type, Optional.empty(), time, schedule, scheduled, false, Optional.empty(),
        Optional.empty(), origin);
  }

  /**
   * A Scheduler CloudEvent's facts: the job from its source
   * ({@code //cloudscheduler.googleapis.com/projects/p/locations/l/jobs/j}) and {@code data.customData} (base64, as
   * sent).
   */
  static Map<String, String> schedulerAttributes(IncomingEvent e) {
    Facts attributes = new Facts(2);
    int jobs = e.source().indexOf("projects/");
    if (jobs >= 0 && e.source().contains("/jobs/")) {
      attributes.put(SCHEDULER_JOB, e.source().substring(jobs));
    }
    if (e.json() != null || e.data().length > 0) {
      Optional<String> customData = EventParser.text(data(e), "customData");
      if (customData.isPresent()) {
        attributes.put("gcp.scheduler.customData", customData.get());
      }
    }
    return attributes.toMap();
  }

  /**
   * Any CloudEvent as the generic kind, with every attribute and extension: the data as received (a binary-mode
   * body, {@code data_base64} decoded, or structured {@code data} written back as the JSON it was).
   */
  static CloudEvent cloudEvent(IncomingEvent e) {
    byte[] data = e.json() == null ? e.data() : e.json().isNull() ? new byte[0] : WireJson.write(e.json());
    return new CloudEvent(e.id(), e.source(), e.type(), e.subject(), e.time(), e.specVersion(), e.dataContentType(),
        e.dataSchema(), data, e.extensions(), origin(e, Map.of()));
  }
}
