package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.Origin;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Translates the non-HTTP payloads the Java worker delivers (Queue Storage, Blob trigger, Event Grid, Timer,
 * Service Bus) into portable events. Trigger metadata bound with {@code @BindingName} arrives as text; JSON-typed
 * metadata (DequeueCount, InsertionTime) may keep its JSON quotes, which are removed here.
 */
final class EventMapping {
  static final String PLATFORM = "azure";
  private static final byte[] EMPTY = new byte[0];
  static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";
  private static final String BLOB_SUBJECT = "/blobServices/default/containers/";
  /** {@code /queues/<queue>} by queue: see {@link #queueSource}. */
  private static final Map<String, String> QUEUE_SOURCES = new ConcurrentHashMap<>();

  private EventMapping() {}

  // ---------------------------------------------------------------- trigger metadata

  /** The trigger metadata names each entry reads (see {@link #pairs}). */
  static final Set<String> QUEUE_METADATA = Set.of("Id", "DequeueCount", "InsertionTime", "ExpirationTime",
      "NextVisibleTime", "PopReceipt");
  static final Set<String> SERVICE_BUS_METADATA = Set.of("MessageId", "DeliveryCount", "EnqueuedTime",
      "EnqueuedTimeUtc", "ApplicationProperties", "UserProperties", "ContentType", "CorrelationId", "Subject", "Label",
      "SequenceNumber", "SessionId", "ReplyTo", "ReplyToSessionId", "To", "TimeToLive", "ExpiresAt", "ExpiresAtUtc",
      "ScheduledEnqueueTime", "ScheduledEnqueueTimeUtc", "DeadLetterSource");
  static final Set<String> BLOB_METADATA = Set.of("BlobTrigger", "Properties", "Metadata", "Uri");

  /**
   * Checks the entry's metadata, given as name/value pairs ({@code "DequeueCount", dequeueCount, ...}), and returns
   * it: an odd count or a name the entry does not read is the entry method's bug, not bad input.
   */
  static @Nullable String[] pairs(@Nullable String[] pairs, Set<String> names, String entry) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("The " + entry + " entry takes metadata as name/value pairs");
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == null || !names.contains(pairs[i])) {
        throw new IllegalArgumentException("The " + entry + " entry reads the metadata " + new TreeSet<>(names)
            + "; got '" + pairs[i] + "'");
      }
    }
    return pairs;
  }

  /** The value of metadata {@code name} (or of its other name), without JSON quotes; null if absent. */
  private static @Nullable String get(@Nullable String[] pairs, String name, @Nullable String alias) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (name.equals(pairs[i]) || pairs[i].equals(alias)) {
        String v = metadata(pairs[i + 1]);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  private static @Nullable String get(@Nullable String[] pairs, String name) {
    return get(pairs, name, null);
  }

  /** An origin on Azure; {@code payload} is kept, not copied. */
  static Origin origin(Map<String, String> attributes, byte[] payload, Headers headers) {
    return Origin.of(PLATFORM, attributes, payload, headers);
  }

  // ---------------------------------------------------------------- Queue Storage

  /**
   * A Queue Storage message. {@code maxDequeueCount} is the host's (host.json {@code extensions.queues}), which the
   * worker does not pass: the message is on its last attempt when its DequeueCount reaches it.
   */
  static QueueMessage queueMessage(byte[] body, Map<String, String> attributes, String queue,
      @Nullable String[] md, String invocationId, int maxDequeueCount, byte[] payload) {
    // One pass over the pairs (as get() reads them: the first present value of a name), then checked in order.
    String id = null;
    String dequeueCount = null;
    String insertion = null;
    String expiration = null;
    String nextVisible = null;
    String popReceipt = null;
    for (int i = 0; i < md.length; i += 2) {
      switch (md[i]) {
        case "Id" -> id = id != null ? id : metadata(md[i + 1]);
        case "DequeueCount" -> dequeueCount = dequeueCount != null ? dequeueCount : metadata(md[i + 1]);
        case "InsertionTime" -> insertion = insertion != null ? insertion : metadata(md[i + 1]);
        case "ExpirationTime" -> expiration = expiration != null ? expiration : metadata(md[i + 1]);
        case "NextVisibleTime" -> nextVisible = nextVisible != null ? nextVisible : metadata(md[i + 1]);
        case "PopReceipt" -> popReceipt = popReceipt != null ? popReceipt : metadata(md[i + 1]);
        default -> { } // pairs() admitted only these names
      }
    }
    return queueMessage(body, attributes, queue, id, dequeueCount, insertion, expiration, nextVisible, popReceipt,
        invocationId, maxDequeueCount, payload);
  }

  /**
   * The message of the common binding, {@code Id}, {@code DequeueCount} and {@code InsertionTime}, given as the
   * worker passes them (null when absent), without an array of pairs.
   */
  static QueueMessage queueMessage(byte[] body, Map<String, String> attributes, String queue, @Nullable String id,
      @Nullable String dequeueCount, @Nullable String insertionTime, String invocationId, int maxDequeueCount,
      byte[] payload) {
    return queueMessage(body, attributes, queue, metadata(id), metadata(dequeueCount), metadata(insertionTime), null,
        null, null, invocationId, maxDequeueCount, payload);
  }

  /** The message with its metadata values, JSON quotes removed (null when absent). */
  private static QueueMessage queueMessage(byte[] body, Map<String, String> attributes, String queue,
      @Nullable String id,
      @Nullable String dequeueCount, @Nullable String insertion, @Nullable String expiration,
      @Nullable String nextVisible, @Nullable String popReceipt, String invocationId, int maxDequeueCount,
      byte[] payload) {
    Integer attempt = count(dequeueCount, "DequeueCount");
    Map<String, String> facts;
    if (expiration == null && nextVisible == null && popReceipt == null) {
      // the common binding (Id, DequeueCount, InsertionTime): one of two maps made once per limit, none per message
      facts = attempt == null ? Map.of() : retryFacts(maxDequeueCount, attempt >= maxDequeueCount);
    } else {
      facts = new HashMap<>(8);
      putInstant(facts, "azure.queue.expirationTime", expiration, "ExpirationTime");
      putInstant(facts, "azure.queue.nextVisibleTime", nextVisible, "NextVisibleTime");
      put(facts, "azure.queue.popReceipt", popReceipt);
      if (attempt != null) {
        facts.putAll(retryFacts(maxDequeueCount, attempt >= maxDequeueCount));
      }
    }
    return QueueMessage.builder()
        .id(id != null ? id : invocationId)
        .source(queueSource(queue))
        .type("dev.faas4j.queue.message")
        .time(instant(insertion, "InsertionTime"))
        .queue(queue)
        .body(body)
        .attributes(attributes)
        .deliveryAttempt(attempt)
        .origin(origin(facts, payload, Headers.empty()))
        .build();
  }

  /** {@code maxDequeueCount} and {@code lastAttempt} by limit: [not last, last]; as many entries as limits in use. */
  private static final Map<Integer, List<Map<String, String>>> RETRY_FACTS = new ConcurrentHashMap<>();

  private static Map<String, String> retryFacts(int maxDequeueCount, boolean last) {
    List<Map<String, String>> facts = RETRY_FACTS.get(maxDequeueCount); // a plain read first: it is there after once
    return (facts != null ? facts : RETRY_FACTS.computeIfAbsent(maxDequeueCount, max -> List.of(
        Map.of("azure.queue.maxDequeueCount", max.toString(), "azure.queue.lastAttempt", "false"),
        Map.of("azure.queue.maxDequeueCount", max.toString(), "azure.queue.lastAttempt", "true"))))
        .get(last ? 1 : 0);
  }

  // ---------------------------------------------------------------- Service Bus

  /**
   * Application properties with their JSON types: the host serialises the message's dictionary to JSON, so strings
   * stay {@link AttributeValue.Text}, numbers become {@link AttributeValue.Number}, booleans text {@code true} /
   * {@code false}; byte arrays arrive as base64 strings, which JSON cannot tell from text.
   */
  static Map<String, AttributeValue> applicationProperties(@Nullable String json) {
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
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isNumber()) {
        map.put(e.getKey(), new AttributeValue.Number(v.asText()));
      } else if (v.isTextual() || v.isBoolean()) {
        map.put(e.getKey(), AttributeValue.text(v.asText()));
      } else {
        throw new InvalidEventException("ApplicationProperties values must be strings, numbers or booleans");
      }
    }
    return map;
  }

  /** The facts a Service Bus message carries, mapped once for its queue and topic forms. */
  private record ServiceBusFacts(String id, @Nullable Instant time, @Nullable Integer attempt,
      Map<String, AttributeValue> attributes, @Nullable String contentType, @Nullable String subject,
      @Nullable String sessionId, Origin origin) {}

  private static ServiceBusFacts serviceBus(@Nullable String[] md, String invocationId, byte[] payload) {
    Map<String, String> facts = new HashMap<>(8);
    put(facts, "azure.servicebus.correlationId", get(md, "CorrelationId"));
    String sequence = get(md, "SequenceNumber");
    if (sequence != null && !digits(sequence, 19)) {
      throw new InvalidEventException("SequenceNumber must be a whole number");
    }
    put(facts, "azure.servicebus.sequenceNumber", sequence);
    put(facts, "azure.servicebus.replyTo", get(md, "ReplyTo"));
    put(facts, "azure.servicebus.replyToSessionId", get(md, "ReplyToSessionId"));
    put(facts, "azure.servicebus.to", get(md, "To"));
    put(facts, "azure.servicebus.deadLetterSource", get(md, "DeadLetterSource"));
    String ttl = get(md, "TimeToLive");
    if (ttl != null) {
      facts.put("azure.servicebus.timeToLive", timeSpan(ttl, "TimeToLive").toString());
    }
    putInstant(facts, "azure.servicebus.expiresAt", get(md, "ExpiresAt", "ExpiresAtUtc"), "ExpiresAt");
    putInstant(facts, "azure.servicebus.scheduledEnqueueTime",
        get(md, "ScheduledEnqueueTime", "ScheduledEnqueueTimeUtc"), "ScheduledEnqueueTime");
    String id = get(md, "MessageId");
    return new ServiceBusFacts(id != null ? id : invocationId,
        instant(get(md, "EnqueuedTimeUtc", "EnqueuedTime"), "EnqueuedTimeUtc"),
        count(get(md, "DeliveryCount"), "DeliveryCount"),
        applicationProperties(get(md, "ApplicationProperties", "UserProperties")), get(md, "ContentType"),
        get(md, "Subject", "Label"), get(md, "SessionId"), origin(facts, payload, Headers.empty()));
  }

  static TopicMessage topicMessage(byte[] body, String topic, @Nullable String[] md, String invocationId) {
    ServiceBusFacts f = serviceBus(md, invocationId, body);
    return TopicMessage.builder()
        .id(f.id())
        .source("/topics/" + topic)
        .type("dev.faas4j.topic.message")
        .subject(f.subject())
        .time(f.time())
        .topic(topic)
        .body(body)
        .attributeValues(f.attributes())
        .deliveryAttempt(f.attempt())
        .groupKey(f.sessionId())
        .contentType(f.contentType())
        .origin(f.origin())
        .build();
  }

  static QueueMessage serviceBusQueueMessage(byte[] body, String queue, @Nullable String[] md,
      String invocationId) {
    ServiceBusFacts f = serviceBus(md, invocationId, body);
    return QueueMessage.builder()
        .id(f.id())
        .source(queueSource(queue))
        .type("dev.faas4j.queue.message")
        .subject(f.subject())
        .time(f.time())
        .queue(queue)
        .body(body)
        .attributeValues(f.attributes())
        .deliveryAttempt(f.attempt())
        .groupKey(f.sessionId())
        .contentType(f.contentType())
        .origin(f.origin())
        .build();
  }

  /** A .NET TimeSpan ({@code [-][d.]hh:mm:ss[.fffffff]}), as the host writes one in JSON metadata. */
  static Duration timeSpan(String text, String field) {
    int colon = text.indexOf(':');
    int dot = text.lastIndexOf('.', colon < 0 ? 0 : colon);
    try {
      String[] hms = text.substring(dot + 1).split(":", -1);
      boolean negative = text.startsWith("-");
      long days = dot < 0 ? 0 : Long.parseLong(text.substring(negative ? 1 : 0, dot));
      String hours = dot < 0 && negative ? hms[0].substring(1) : hms[0];
      if (hms.length != 3 || !digits(hours, 2) || !digits(hms[1], 2)) {
        throw new NumberFormatException();
      }
      Duration d = Duration.ofDays(days).plusHours(Long.parseLong(hours)).plusMinutes(Long.parseLong(hms[1]))
          .plusNanos(new java.math.BigDecimal(hms[2]).movePointRight(9).longValueExact());
      return negative ? d.negated() : d;
    } catch (RuntimeException e) {
      throw new InvalidEventException(field + " must be a .NET TimeSpan such as 1.02:03:04");
    }
  }

  // ---------------------------------------------------------------- Blob trigger

  /**
   * An object event from the Blob trigger's metadata: {@code BlobTrigger} is the path {@code container/name} (raw,
   * not encoded), and the container it names is the event's bucket (mapped back to its logical name), whatever the
   * function's trigger says; {@code Properties} is the blob's properties as JSON (ETag, ContentType, ContentLength,
   * LastModified, BlobType), {@code Metadata} its user metadata. The content the binding downloaded is the origin's
   * payload.
   */
  static ObjectEvent blobCreated(LogicalNames names, byte @Nullable [] content, @Nullable String[] md,
      String invocationId) {
    String path = Optional.ofNullable(get(md, "BlobTrigger")).orElseThrow(
        () -> new InvalidEventException("BlobTrigger metadata is missing; bind it with @BindingName(\"BlobTrigger\")"));
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new InvalidEventException("BlobTrigger must be 'container/name'");
    }
    String bucket = names.logical(Kind.BUCKET, path.substring(0, slash));
    String key = portableKey(path.substring(slash + 1));
    JsonNode props = Optional.ofNullable(get(md, "Properties")).map(p -> parse(p, "Properties")).orElse(NullNode.getInstance());
    if (!props.isObject() && !props.isNull()) {
      throw new InvalidEventException("Properties must be a JSON object");
    }
    String etag = field(props, "ETag", "Etag", "eTag", "etag");
    String contentType = field(props, "ContentType", "contentType");
    String lastModified = field(props, "LastModified", "lastModified");
    String length = field(props, "ContentLength", "contentLength");
    if (length != null && !digits(length, 18)) {
      throw new InvalidEventException("Properties.ContentLength must be a whole number");
    }
    Map<String, String> facts = new HashMap<>(4);
    put(facts, "azure.blob.uri", get(md, "Uri"));
    put(facts, "azure.blob.blobType", field(props, "BlobType", "blobType"));
    return ObjectEvent.builder()
        .id(etag != null ? path + "@" + etag : invocationId)
        .source("/buckets/" + bucket)
        .type("dev.faas4j.object.created")
        .subject("objects/" + key)
        .time(lastModified != null ? Wire.instant(lastModified, "Properties.LastModified") : null)
        .kind(ObjectEventKind.CREATED)
        .bucket(bucket)
        .key(key)
        .size(length != null ? Long.valueOf(length) : content != null ? Long.valueOf(content.length) : null)
        .etag(etag)
        .contentType(contentType)
        .metadata(userMetadata(get(md, "Metadata")))
        .origin(origin(facts, content == null ? EMPTY : content, Headers.empty()))
        .build();
  }

  /** The blob's user metadata: a JSON object of strings; null when the binding gave none. */
  private static @Nullable Map<String, String> userMetadata(@Nullable String json) {
    if (json == null) {
      return null;
    }
    JsonNode node = parse(json, "Metadata");
    if (!node.isObject()) {
      throw new InvalidEventException("Metadata must be a JSON object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new InvalidEventException("Metadata values must be strings");
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  // ---------------------------------------------------------------- Event Grid

  /** The events of a delivery: a JSON array (webhook batch) or one object (Functions Event Grid trigger). */
  static List<JsonNode> eventGridEvents(byte[] body) {
    JsonNode root = WireJson.tree(body, "Event Grid delivery");
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

  /** The event's {@code source} (CloudEvents schema) or {@code topic} (Event Grid schema); null if neither. */
  static @Nullable String eventSource(JsonNode event) {
    String source = text(event, "source");
    return source != null ? source : text(event, "topic");
  }

  /** Whether the event is in the CloudEvents 1.0 schema rather than Event Grid's own. */
  static boolean isCloudEventSchema(JsonNode event) {
    return event.has("specversion");
  }

  /**
   * An object event from a Blob Storage event in the Event Grid or CloudEvents schema. The container and key come
   * from the raw {@code subject} ({@code /blobServices/default/containers/<c>/blobs/<name>}); only without one are
   * they decoded from the percent-encoded {@code data.url}. The container is the event's bucket, never the function's:
   * an account-level subscription delivers every container, and the dispatcher's filters skip the others.
   *
   * @param payload the delivery as received (a webhook batch is shared by its events)
   */
  static ObjectEvent blobEvent(JsonNode event, LogicalNames names, byte[] payload, Headers headers) {
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
    // "/blobServices/..."; the CloudEvents-schema samples also show it without the leading slash
    int start = subject == null ? -1 : subject.startsWith(BLOB_SUBJECT) ? BLOB_SUBJECT.length()
        : subject.startsWith(BLOB_SUBJECT, 1) || !subject.startsWith(BLOB_SUBJECT.substring(1)) ? -1
        : BLOB_SUBJECT.length() - 1;
    int blobs = start < 0 ? -1 : subject.indexOf("/blobs/", start);
    if (blobs > start) {
      blob = new String[] {subject.substring(start, blobs), subject.substring(blobs + "/blobs/".length())};
    } else {
      blob = fromUrl(text(data, "url"));
    }
    String bucket = names.logical(Kind.BUCKET, blob[0]);
    String key = portableKey(blob[1]);
    String time = text(event, isCloudEventSchema(event) ? "time" : "eventTime");
    String source = eventSource(event);
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
    Map<String, String> facts = new HashMap<>(16);
    for (String field : BLOB_DATA_FIELDS) {
      put(facts, "azure.eventgrid." + field, text(data, field));
    }
    put(facts, "azure.eventgrid.contentOffset", text(data, "contentOffset"));
    envelopeFacts(event, source, facts);
    return ObjectEvent.builder()
        .id(id)
        .source(source != null ? source : "/buckets/" + bucket)
        .type(type)
        .subject(subject)
        .time(time != null ? Wire.instant(time, "eventTime") : null)
        .kind(kind)
        .bucket(bucket)
        .key(key)
        .size(size)
        .etag(text(data, "eTag"))
        .contentType(text(data, "contentType"))
        .origin(origin(facts, payload, headers))
        .build();
  }

  /** The documented Blob Storage event {@code data} fields kept as origin attributes (strings). */
  private static final List<String> BLOB_DATA_FIELDS =
      List.of("api", "clientRequestId", "requestId", "blobType", "url", "sequencer");

  /** Event Grid's envelope facts: schema versions, and the storage account a Storage topic names. */
  private static void envelopeFacts(JsonNode event, @Nullable String source, Map<String, String> facts) {
    put(facts, "azure.eventgrid.dataVersion", text(event, "dataVersion"));
    put(facts, "azure.eventgrid.metadataVersion", text(event, "metadataVersion"));
    int account = source == null ? -1 : source.indexOf(STORAGE_ACCOUNTS);
    if (account >= 0) {
      int start = account + STORAGE_ACCOUNTS.length();
      int end = source.indexOf('/', start);
      String name = end < 0 ? source.substring(start) : source.substring(start, end);
      put(facts, "azure.eventgrid.storageAccount", name.isEmpty() ? null : name);
    }
  }

  private static final String STORAGE_ACCOUNTS = "/providers/Microsoft.Storage/storageAccounts/";

  /**
   * Any Event Grid event as a CloudEvent, for CloudEvent functions. The CloudEvents 1.0 schema maps attribute for
   * attribute (extensions as text, {@code data} as JSON, or a JSON string as its text when the content type is not
   * JSON, {@code data_base64} decoded); the Event Grid schema maps {@code eventType} to type, {@code topic} to
   * source, {@code eventTime} to time, with subject, id and {@code data} as JSON ({@code dataVersion} and
   * {@code metadataVersion} go to the origin).
   */
  static CloudEvent cloudEvent(JsonNode event, byte[] payload, Headers headers) {
    Map<String, String> facts = new HashMap<>(4);
    CloudEvent.Builder b = CloudEvent.builder();
    if (isCloudEventSchema(event)) {
      Map<String, String> extensions = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : event.properties()) {
        String name = e.getKey();
        if (CLOUD_EVENT_ATTRIBUTES.contains(name) || e.getValue().isNull()) {
          continue;
        }
        if (!e.getValue().isValueNode()) {
          throw new InvalidEventException("CloudEvent extension attributes must be strings, numbers or booleans");
        }
        extensions.put(name, e.getValue().asText());
      }
      String contentType = string(event, "datacontenttype");
      b.specVersion(requiredString(event, "specversion")).source(requiredString(event, "source"))
          .time(optionalInstant(string(event, "time"), "time")).dataContentType(contentType)
          .dataSchema(string(event, "dataschema")).extensions(extensions);
      String base64 = string(event, "data_base64");
      JsonNode data = event.get("data");
      if (base64 != null) {
        if (data != null && !data.isNull()) {
          throw new InvalidEventException("CloudEvent has both data and data_base64");
        }
        b.data(Wire.base64(base64, "data_base64"));
      } else if (data != null && !data.isNull()) {
        boolean json = contentType == null || contentType.contains("json");
        b.data(data.isTextual() && !json ? data.textValue().getBytes(StandardCharsets.UTF_8)
            : WireJson.write(data));
      }
      envelopeFacts(event, string(event, "source"), facts);
    } else {
      String topic = string(event, "topic");
      if (topic == null) {
        throw new InvalidEventException("Event Grid event has no topic");
      }
      JsonNode data = event.get("data");
      b.source(topic).time(optionalInstant(string(event, "eventTime"), "eventTime"));
      if (data != null && !data.isNull()) {
        b.data(WireJson.write(data));
      }
      envelopeFacts(event, topic, facts);
    }
    return b.id(requiredString(event, "id")).type(eventType(event)).subject(string(event, "subject"))
        .origin(origin(facts, payload, headers)).build();
  }

  private static final Set<String> CLOUD_EVENT_ATTRIBUTES = Set.of("id", "source", "type", "specversion", "subject",
      "time", "datacontenttype", "dataschema", "data", "data_base64");

  /** A CloudEvent attribute: a JSON string (the format allows no other type for them). */
  private static @Nullable String string(JsonNode event, String field) {
    return WireJson.text(event, field, field);
  }

  private static String requiredString(JsonNode event, String field) {
    String v = string(event, field);
    if (v == null || v.isBlank()) {
      throw new InvalidEventException("Event Grid event has no " + field);
    }
    return v;
  }

  private static @Nullable Instant optionalInstant(@Nullable String text, String field) {
    return text == null ? null : Wire.instant(text, field);
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
   * off) with {@code Last}/{@code Next}/{@code LastUpdated} in .NET's format ({@code 0001-01-01T00:00:00+00:00}
   * before the first run). The worker gives neither the time this run was due nor when it started, so both stay
   * absent. The id is {@code <function>@<ScheduleStatus.Next>}: the status handed to a run is the one recorded before
   * it, which stays the same for every retry of that run and changes with the next one; without a status (schedule
   * monitoring off) it is the invocation id.
   */
  static ScheduleEvent schedule(@Nullable String timerInfo, String name, String invocationId) {
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
    Optional<Instant> updated = time(status, "LastUpdated");
    JsonNode dst = root.path("Schedule").path("AdjustForDST");
    if (!dst.isMissingNode() && !dst.isNull() && !dst.isBoolean()) {
      throw new InvalidEventException("Schedule.AdjustForDST must be true or false");
    }
    Map<String, String> facts = new HashMap<>(4);
    updated.ifPresent(t -> facts.put("azure.timer.lastUpdated", t.toString()));
    if (dst.isBoolean()) {
      facts.put("azure.timer.adjustForDST", Boolean.toString(dst.booleanValue()));
    }
    byte[] payload = timerInfo == null ? EMPTY : timerInfo.getBytes(StandardCharsets.UTF_8);
    return new ScheduleEvent(next.map(n -> name + "@" + n).orElse(invocationId), "/schedules/" + name,
        ScheduleEvent.TYPE, Optional.empty(), Optional.empty(), name, Optional.empty(), pastDue.asBoolean(false),
        last, next, origin(facts, payload, Headers.empty()));
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

  /** A metadata timestamp; null if absent. */
  private static @Nullable Instant instant(@Nullable String value, String field) {
    return value == null ? null : Wire.instant(value, field);
  }

  private static void put(Map<String, String> facts, String name, @Nullable String value) {
    if (value != null) {
      facts.put(name, value);
    }
  }

  /** A metadata timestamp as an ISO-8601 instant, if present. */
  private static void putInstant(Map<String, String> facts, String name, @Nullable String value, String field) {
    if (value != null) {
      facts.put(name, Wire.instant(value, field).toString());
    }
  }

  /**
   * {@code /queues/<queue>}, made once per queue rather than per message. The queues are those the registered
   * functions' triggers name, so the cache stays as small as the application.
   */
  private static String queueSource(String queue) {
    String source = QUEUE_SOURCES.get(queue); // a plain read first: it is there after the first message
    return source != null ? source : QUEUE_SOURCES.computeIfAbsent(queue, q -> "/queues/" + q);
  }


  /** A delivery count; null when the platform gave none (never 1 by default). */
  private static @Nullable Integer count(@Nullable String v, String field) {
    if (v == null) {
      return null;
    }
    if (!digits(v, 9)) {
      throw new InvalidEventException(field + " must be a whole number");
    }
    return Math.max(1, Integer.parseInt(v));
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
