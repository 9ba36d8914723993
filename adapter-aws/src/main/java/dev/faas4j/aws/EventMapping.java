package dev.faas4j.aws;

import static dev.faas4j.spi.LogicalNames.lastSegment;
import static dev.faas4j.spi.WireJson.array;
import static dev.faas4j.spi.WireJson.instant;
import static dev.faas4j.spi.WireJson.longValue;
import static dev.faas4j.spi.WireJson.object;
import static dev.faas4j.spi.WireJson.requireObject;
import static dev.faas4j.spi.WireJson.requireText;
import static dev.faas4j.spi.WireJson.scalar;
import static dev.faas4j.spi.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQS, SNS, S3 (notification and EventBridge), Kinesis, DynamoDB Streams and EventBridge schedule payloads into
 * portable events (platform-payloads.md §2.6–2.11). Physical resource names become logical ones through
 * {@link LogicalNames}, indexed once per instance.
 */
final class EventMapping {
  private final LogicalNames names;

  EventMapping(LogicalNames names) {
    this.names = names;
  }

  /** One SQS record; {@code now} stands in for a missing SentTimestamp. */
  QueueMessage sqs(JsonNode r, RecordPaths.Sqs path, Instant now) {
    String id = requireText(r, "messageId", path.messageId());
    String arn = requireText(r, "eventSourceARN", path.eventSourceArn());
    JsonNode attributes = object(r, "attributes", path.attributes());
    Instant sent = epochMillis(WireJson.scalar(attributes, "SentTimestamp", path.sentTimestamp()), path);
    Long receiveCount = longValue(attributes, "ApproximateReceiveCount", path.receiveCount());
    Map<String, String> attrs = sqsAttributes(object(r, "messageAttributes", path.messageAttributes()), path);
    String encoding = null;
    if (attrs.containsKey(BodyEncoding.ATTRIBUTE)) {
      attrs = new LinkedHashMap<>(attrs);
      encoding = attrs.remove(BodyEncoding.ATTRIBUTE);
    }
    String body = text(r, "body", path.body());
    return QueueMessage.builder()
        .id(id)
        .source(arn)
        .time(sent != null ? sent : now)
        .queue(names.logical(Kind.QUEUE, arn))
        .body(BodyEncoding.decode(body == null ? "" : body, encoding, path.body()))
        .attributes(attrs)
        .deliveryAttempt(receiveCount == null ? 1 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, receiveCount)))
        .groupKey(text(attributes, "MessageGroupId", path.messageGroupId()))
        .build();
  }

  /**
   * SQS's SentTimestamp, epoch milliseconds as a string: plain 12- or 13-digit values (every date from 1973 to
   * 2262) are read with {@code Long.parseLong}, which gives the same instant as {@code Wire.instant} without its
   * {@code BigDecimal}s; anything else goes to {@code Wire.instant}, with its errors.
   */
  static @Nullable Instant epochMillis(@Nullable String text, RecordPaths.Sqs path) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    boolean plain = (n == 12 || n == 13) && text.charAt(0) != '0';
    for (int i = 0; plain && i < n; i++) {
      char c = text.charAt(i);
      plain = c >= '0' && c <= '9';
    }
    if (plain) {
      long millis = Long.parseLong(text);
      if (millis <= Long.MAX_VALUE / 1_000_000) { // beyond, Wire.instant's nanoseconds overflow: its error
        return Instant.ofEpochMilli(millis);
      }
    }
    return Wire.instant(text, path.sentTimestamp());
  }

  /**
   * An SQS record's message attributes as strings (a binary one as SQS delivers it, base64). Most messages carry
   * none or one, so those get an immutable map directly (the event keeps it as is); a field path naming an
   * attribute is made only for the error.
   */
  private static Map<String, String> sqsAttributes(@Nullable JsonNode messageAttributes, RecordPaths.Sqs path) {
    if (messageAttributes == null || messageAttributes.isEmpty()) {
      return Map.of();
    }
    Map<String, String> attrs = null;
    String onlyKey = null;
    String onlyValue = null;
    for (Map.Entry<String, JsonNode> e : messageAttributes.properties()) {
      JsonNode a = e.getValue();
      if (!a.isObject()) {
        throw new InvalidEventException(path.messageAttributes() + "." + e.getKey() + " must be an object");
      }
      String value = attributeText(a, "stringValue", path, e.getKey());
      if (value == null) {
        value = attributeText(a, "binaryValue", path, e.getKey()); // base64, as SQS delivers it
      }
      if (value == null) {
        continue;
      }
      if (attrs != null) {
        attrs.put(e.getKey(), value);
      } else if (onlyKey == null) {
        onlyKey = e.getKey();
        onlyValue = value;
      } else {
        attrs = new LinkedHashMap<>();
        attrs.put(onlyKey, onlyValue);
        attrs.put(e.getKey(), value);
      }
    }
    return attrs != null ? attrs : onlyKey != null ? Map.of(onlyKey, onlyValue) : Map.of();
  }

  /** Like {@code WireJson.text}, with the same message, naming {@code messageAttributes.<key>.<name>}. */
  private static @Nullable String attributeText(JsonNode attribute, String name, RecordPaths.Sqs path, String key) {
    JsonNode n = WireJson.present(attribute, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidEventException(path.messageAttributes() + "." + key + "." + name + " must be a string");
    }
    return n.textValue();
  }

  /** A Kinesis record; its checkpoint id is {@code kinesis.sequenceNumber}. */
  QueueMessage kinesis(JsonNode r, String path) {
    JsonNode k = requireObject(r, "kinesis", path + ".kinesis");
    String sequence = requireText(k, "sequenceNumber", path + ".kinesis.sequenceNumber");
    String arn = requireText(r, "eventSourceARN", path + ".eventSourceARN");
    String id = text(r, "eventID", path + ".eventID");
    Instant arrival = instant(k, "approximateArrivalTimestamp", path + ".kinesis.approximateArrivalTimestamp");
    return QueueMessage.builder()
        .id(id != null ? id : sequence)
        .source(arn)
        .type("aws.kinesis.record")
        .time(arrival != null ? arrival : Instant.EPOCH)
        .queue(names.logical(Kind.QUEUE, arn))
        .body(Wire.base64(requireText(k, "data", path + ".kinesis.data"), path + ".kinesis.data"))
        .attributes(Map.of("sequenceNumber", sequence))
        .groupKey(text(k, "partitionKey", path + ".kinesis.partitionKey"))
        .build();
  }

  /** A DynamoDB Streams record; the body is the record as JSON, its checkpoint id {@code dynamodb.SequenceNumber}. */
  QueueMessage dynamoDb(JsonNode r, String path) {
    JsonNode d = requireObject(r, "dynamodb", path + ".dynamodb");
    String sequence = requireText(d, "SequenceNumber", path + ".dynamodb.SequenceNumber");
    String arn = requireText(r, "eventSourceARN", path + ".eventSourceARN");
    String id = text(r, "eventID", path + ".eventID");
    Instant created = instant(d, "ApproximateCreationDateTime", path + ".dynamodb.ApproximateCreationDateTime");
    // arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
    int t = arn.indexOf(":table/");
    int end = t < 0 ? -1 : arn.indexOf('/', t + 7);
    String table = t < 0 ? lastSegment(arn) : arn.substring(t + 7, end < 0 ? arn.length() : end);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("sequenceNumber", sequence);
    String eventName = text(r, "eventName", path + ".eventName");
    if (eventName != null) {
      attrs.put("eventName", eventName);
    }
    return QueueMessage.builder()
        .id(id != null ? id : sequence)
        .source(arn)
        .type("aws.dynamodb.stream.record")
        .time(created != null ? created : Instant.EPOCH)
        .queue(names.logical(Kind.QUEUE, table))
        .body(WireJson.write(r))
        .attributes(attrs)
        .build();
  }

  TopicMessage sns(JsonNode r, String path) {
    JsonNode sns = requireObject(r, "Sns", path + ".Sns");
    String p = path + ".Sns";
    String arn = requireText(sns, "TopicArn", p + ".TopicArn");
    Map<String, String> attrs = new LinkedHashMap<>();
    JsonNode messageAttributes = object(sns, "MessageAttributes", p + ".MessageAttributes");
    if (messageAttributes != null) {
      for (Map.Entry<String, JsonNode> e : messageAttributes.properties()) {
        if (!e.getValue().isObject()) {
          throw new InvalidEventException(p + ".MessageAttributes." + e.getKey() + " must be an object");
        }
        String value = scalar(e.getValue(), "Value", p + ".MessageAttributes." + e.getKey() + ".Value");
        if (value != null) {
          attrs.put(e.getKey(), value);
        }
      }
    }
    String encoding = attrs.remove(BodyEncoding.ATTRIBUTE);
    String message = text(sns, "Message", p + ".Message");
    Instant time = instant(sns, "Timestamp", p + ".Timestamp");
    return TopicMessage.builder()
        .id(requireText(sns, "MessageId", p + ".MessageId"))
        .source(arn)
        .subject(text(sns, "Subject", p + ".Subject"))
        .time(time != null ? time : Instant.EPOCH)
        .topic(names.logical(Kind.TOPIC, arn))
        .body(BodyEncoding.decode(message == null ? "" : message, encoding, p + ".Message"))
        .attributes(attrs)
        .groupKey(text(sns, "MessageGroupId", p + ".MessageGroupId"))
        .build();
  }

  /** An S3 notification record: the key arrives form-URL-encoded ("red flower.jpg" as "red+flower.jpg"). */
  ObjectEvent s3(JsonNode r, String path) {
    JsonNode s3 = requireObject(r, "s3", path + ".s3");
    JsonNode bucket = requireObject(s3, "bucket", path + ".s3.bucket");
    JsonNode object = requireObject(s3, "object", path + ".s3.object");
    String bucketName = requireText(bucket, "name", path + ".s3.bucket.name");
    String key = Wire.formDecode(requireText(object, "key", path + ".s3.object.key"), path + ".s3.object.key");
    String eventName = requireText(r, "eventName", path + ".eventName");
    String sequencer = text(object, "sequencer", path + ".s3.object.sequencer");
    JsonNode response = object(r, "responseElements", path + ".responseElements");
    String requestId = text(response, "x-amz-request-id", path + ".responseElements.x-amz-request-id");
    Instant time = instant(r, "eventTime", path + ".eventTime");
    return ObjectEvent.builder()
        .id(eventId(bucketName, key, sequencer, requestId, time))
        .source(text(bucket, "arn", path + ".s3.bucket.arn") != null
            ? text(bucket, "arn", path + ".s3.bucket.arn") : "arn:aws:s3:::" + bucketName)
        .time(time != null ? time : Instant.EPOCH)
        .kind(kindOfNotification(eventName))
        .bucket(names.logical(Kind.BUCKET, bucketName))
        .key(key)
        .size(longValue(object, "size", path + ".s3.object.size"))
        .etag(text(object, "eTag", path + ".s3.object.eTag"))
        .version(text(object, "versionId", path + ".s3.object.versionId"))
        .build();
  }

  /** An S3 event delivered by EventBridge: the key is NOT encoded. */
  ObjectEvent s3EventBridge(JsonNode root) {
    JsonNode detail = requireObject(root, "detail", "detail");
    JsonNode bucket = requireObject(detail, "bucket", "detail.bucket");
    JsonNode object = requireObject(detail, "object", "detail.object");
    String bucketName = requireText(bucket, "name", "detail.bucket.name");
    Instant time = instant(root, "time", "time");
    return ObjectEvent.builder()
        .id(requireText(root, "id", "id"))
        .source("arn:aws:s3:::" + bucketName)
        .time(time != null ? time : Instant.EPOCH)
        .kind(kindOfDetailType(requireText(root, "detail-type", "detail-type")))
        .bucket(names.logical(Kind.BUCKET, bucketName))
        .key(requireText(object, "key", "detail.object.key"))
        .size(longValue(object, "size", "detail.object.size"))
        .etag(text(object, "etag", "detail.object.etag"))
        .version(text(object, "version-id", "detail.object.version-id"))
        .build();
  }

  /** An EventBridge rule or EventBridge Scheduler run; the schedule is named after the rule or schedule. */
  static ScheduleEvent schedule(JsonNode root, Instant now) {
    String id = requireText(root, "id", "id");
    Instant time = instant(root, "time", "time");
    JsonNode resources = array(root, "resources", "resources");
    String source = requireText(root, "source", "source");
    String name = source;
    if (resources != null && !resources.isEmpty()) {
      JsonNode first = resources.get(0);
      if (!first.isTextual()) {
        throw new InvalidEventException("resources[0] must be a string");
      }
      source = first.textValue();
      name = lastSegment(source);
    }
    Instant scheduled = time != null ? time : now;
    return new ScheduleEvent(id, source, ScheduleEvent.TYPE, Optional.empty(), Optional.of(now), name,
        Optional.of(scheduled), false, Optional.empty(), Optional.empty(), dev.faas4j.event.Origin.none());
  }

  private static String eventId(String bucket, String key, @Nullable String sequencer, @Nullable String requestId,
      @Nullable Instant time) {
    if (sequencer != null) {
      return "s3:" + bucket + "/" + key + "@" + sequencer;
    }
    if (requestId != null) {
      return "s3:" + bucket + "/" + key + "@" + requestId;
    }
    return "s3:" + bucket + "/" + key + "@" + (time == null ? "" : time.toString());
  }

  static ObjectEventKind kindOfNotification(String eventName) {
    if (eventName.startsWith("ObjectCreated")) {
      return ObjectEventKind.CREATED;
    }
    if (eventName.startsWith("ObjectRemoved")) {
      return ObjectEventKind.DELETED;
    }
    if (eventName.startsWith("LifecycleTransition")) {
      return ObjectEventKind.ARCHIVED;
    }
    if (eventName.startsWith("ObjectTagging") || eventName.startsWith("ObjectAcl")) {
      return ObjectEventKind.METADATA_UPDATED;
    }
    return ObjectEventKind.OTHER;
  }

  static ObjectEventKind kindOfDetailType(String detailType) {
    return switch (detailType) {
      case "Object Created" -> ObjectEventKind.CREATED;
      case "Object Deleted" -> ObjectEventKind.DELETED;
      case "Object Storage Class Changed" -> ObjectEventKind.ARCHIVED;
      case "Object Tags Added", "Object Tags Deleted", "Object ACL Updated" -> ObjectEventKind.METADATA_UPDATED;
      default -> ObjectEventKind.OTHER;
    };
  }
}
