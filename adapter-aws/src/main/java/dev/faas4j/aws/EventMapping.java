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
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.ChangeRecord;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.Origin;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQS, SNS, S3 (notification and EventBridge), Kinesis, DynamoDB Streams and EventBridge schedule payloads into
 * portable events (platform-payloads.md §2.6–2.11), each with an {@link Origin} holding the batch's bytes and the
 * platform's other facts as {@code aws.<service>.<field>}. A fact the event does not carry stays absent. Physical
 * resource names become logical ones through {@link LogicalNames}, indexed once per instance.
 */
final class EventMapping {
  static final String PLATFORM = "aws";
  private final LogicalNames names;

  EventMapping(LogicalNames names) {
    this.names = names;
  }

  /** One SQS record of a batch whose bytes are {@code payload}. Nothing is invented: no time, no attempt count. */
  QueueMessage sqs(JsonNode r, RecordPaths.Sqs path, byte[] payload) {
    String id = requireText(r, "messageId", path.messageId());
    String arn = requireText(r, "eventSourceARN", path.eventSourceArn());
    JsonNode attributes = object(r, "attributes", path.attributes());
    Instant sent = epochMillis(WireJson.scalar(attributes, "SentTimestamp", path.sentTimestamp()), path);
    Long receiveCount = receiveCount(longValue(attributes, "ApproximateReceiveCount", path.receiveCount()), path);
    Map<String, AttributeValue> attrs = sqsAttributes(object(r, "messageAttributes", path.messageAttributes()), path);
    String encoding = attrs.containsKey(BodyEncoding.ATTRIBUTE) ? attrs.get(BodyEncoding.ATTRIBUTE).asText() : null;
    String body = text(r, "body", path.body());
    sqsFacts(r, attributes, path, false); // checked now, made when first asked for: most functions never ask
    byte[] bytes = BodyEncoding.decode(body == null ? "" : body, encoding, path.body());
    return sqsMessage(id, arn, sqsQueue(arn), sent, receiveCount, attrs, bytes,
        text(attributes, "MessageGroupId", path.messageGroupId()),
        Origin.lazy(PLATFORM, () -> Origin.of(PLATFORM, sqsFacts(r, attributes, path, true), payload,
            Headers.empty())));
  }

  /**
   * The message both SQS readers (this tree mapping and the streaming {@link SqsReader}) build from a record's
   * values, read and checked: the encoding mark is not one of its attributes.
   */
  QueueMessage sqsMessage(String id, String arn, String queue, @Nullable Instant sent, @Nullable Long receiveCount,
      Map<String, AttributeValue> attrs, byte[] body, @Nullable String groupKey, Origin origin) {
    if (attrs.containsKey(BodyEncoding.ATTRIBUTE)) {
      attrs = new LinkedHashMap<>(attrs);
      attrs.remove(BodyEncoding.ATTRIBUTE);
    }
    return QueueMessage.builder()
        .id(id)
        .source(arn)
        .time(sent)
        .queue(queue)
        .body(body)
        .attributeValues(attrs)
        .deliveryAttempt(receiveCount == null ? null : (int) Math.min(Integer.MAX_VALUE, receiveCount))
        .groupKey(groupKey)
        .origin(origin)
        .build();
  }

  /** The logical name of the queue {@code arn}. */
  String sqsQueue(String arn) {
    return names.logical(Kind.QUEUE, arn);
  }

  static @Nullable Long receiveCount(@Nullable Long receiveCount, RecordPaths.Sqs path) {
    if (receiveCount != null && receiveCount < 1) {
      throw new InvalidEventException(path.receiveCount() + " must be at least 1");
    }
    return receiveCount;
  }

  /** The origin of SQS record {@code r} of the batch {@code payload}. */
  static Origin sqsOrigin(JsonNode r, RecordPaths.Sqs path, byte[] payload) {
    return Origin.of(PLATFORM, sqsFacts(r, object(r, "attributes", path.attributes()), path, true), payload,
        Headers.empty());
  }

  /**
   * An SQS record's facts with no portable place; with {@code build} false only checked (so that reading them
   * later cannot fail), which allocates nothing for a well-formed record.
   */
  private static Map<String, String> sqsFacts(JsonNode r, @Nullable JsonNode attributes, RecordPaths.Sqs path,
      boolean build) {
    String receiptHandle = field(r, "receiptHandle", path.record());
    String senderId = field(attributes, "SenderId", path.attributes());
    String first = WireJson.scalar(attributes, "ApproximateFirstReceiveTimestamp", path.firstReceive());
    Instant firstReceive = first == null ? null : epochMillis(first, path.firstReceive());
    String sequenceNumber = field(attributes, "SequenceNumber", path.attributes());
    String deduplicationId = field(attributes, "MessageDeduplicationId", path.attributes());
    String traceHeader = field(attributes, "AWSTraceHeader", path.attributes());
    String deadLetterSource = field(attributes, "DeadLetterQueueSourceArn", path.attributes());
    String region = field(r, "awsRegion", path.record());
    if (!build) {
      return Map.of();
    }
    return new OriginAttributes()
        .put("aws.sqs.receiptHandle", receiptHandle)
        .put("aws.sqs.senderId", senderId)
        .put("aws.sqs.approximateFirstReceiveTimestamp", firstReceive == null ? null : firstReceive.toString())
        .put("aws.sqs.sequenceNumber", sequenceNumber)
        .put("aws.sqs.messageDeduplicationId", deduplicationId)
        .put("aws.sqs.awsTraceHeader", traceHeader)
        .put("aws.sqs.deadLetterQueueSourceArn", deadLetterSource)
        .put("aws.sqs.awsRegion", region)
        .build();
  }

  /** A string field the portable model has no place for; its path is made only on error. */
  private static @Nullable String field(@Nullable JsonNode parent, String name, String parentPath) {
    JsonNode n = WireJson.present(parent, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidEventException(parentPath + "." + name + " must be a string");
    }
    return n.textValue();
  }

  /** {@link #epochMillis(String, String)} for SentTimestamp. */
  static @Nullable Instant epochMillis(@Nullable String text, RecordPaths.Sqs path) {
    return text == null ? null : epochMillis(text, path.sentTimestamp());
  }

  /**
   * SQS's epoch milliseconds as a string: plain 12- or 13-digit values (every date from 1973 to 2262) are read with
   * {@code Long.parseLong}, which gives the same instant as {@code Wire.instant} without its {@code BigDecimal}s;
   * anything else goes to {@code Wire.instant}, with its errors.
   */
  static Instant epochMillis(String text, String field) {
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
    return Wire.instant(text, field);
  }

  /**
   * An SQS record's message attributes with their types: {@code String}, {@code Number} and {@code Binary}, each
   * possibly with a custom suffix ({@code Number.int}) that keeps its base kind. Most messages carry none or one,
   * so those get an immutable map directly; a field path naming an attribute is made only for an error.
   */
  private static Map<String, AttributeValue> sqsAttributes(@Nullable JsonNode messageAttributes,
      RecordPaths.Sqs path) {
    if (messageAttributes == null || messageAttributes.isEmpty()) {
      return Map.of();
    }
    AttributeMap attrs = new AttributeMap();
    for (Map.Entry<String, JsonNode> e : messageAttributes.properties()) {
      JsonNode a = e.getValue();
      if (!a.isObject()) {
        throw new InvalidEventException(path.messageAttributes() + "." + e.getKey() + " must be an object");
      }
      String key = e.getKey();
      String dataType = attributeText(a, "dataType", path, key);
      String base = dataType == null ? "" : baseType(dataType);
      boolean text = base.equals("String") || base.equals("Number");
      attrs.put(key, sqsAttribute(dataType, text ? attributeText(a, "stringValue", path, key) : null,
          base.equals("Binary") ? attributeText(a, "binaryValue", path, key) : null, path, key));
    }
    return attrs.build();
  }

  /** A record's message attributes in order: none or one (most messages) as an immutable map directly. */
  static final class AttributeMap {
    private @Nullable Map<String, AttributeValue> attrs;
    private @Nullable String onlyKey;
    private @Nullable AttributeValue onlyValue;

    void put(String key, AttributeValue value) {
      if (attrs != null) {
        attrs.put(key, value);
      } else if (onlyKey == null) {
        onlyKey = key;
        onlyValue = value;
      } else {
        attrs = new LinkedHashMap<>();
        attrs.put(onlyKey, onlyValue);
        attrs.put(key, value);
      }
    }

    Map<String, AttributeValue> build() {
      return attrs != null ? attrs : onlyKey == null ? Map.of() : Map.of(onlyKey, onlyValue);
    }
  }

  /** One message attribute from its fields (those its data type does not use are not read, so may be anything). */
  static AttributeValue sqsAttribute(@Nullable String dataType, @Nullable String stringValue,
      @Nullable String binaryValue, RecordPaths.Sqs path, String key) {
    if (dataType == null) {
      throw new InvalidEventException(path.messageAttributes() + "." + key + ".dataType is required");
    }
    return switch (baseType(dataType)) {
      case "String" -> AttributeValue.text(required(stringValue, "stringValue", path, key));
      case "Number" -> number(required(stringValue, "stringValue", path, key),
          path.messageAttributes() + "." + key + ".stringValue");
      case "Binary" -> new AttributeValue.Binary(Wire.base64(required(binaryValue, "binaryValue", path, key),
          path.messageAttributes() + "." + key + ".binaryValue"));
      default -> throw new InvalidEventException(path.messageAttributes() + "." + key
          + ".dataType must be String, Number or Binary (with an optional custom suffix)");
    };
  }

  private static String required(@Nullable String value, String name, RecordPaths.Sqs path, String key) {
    if (value == null) {
      throw new InvalidEventException(path.messageAttributes() + "." + key + "." + name + " is required");
    }
    return value;
  }

  /** {@code Number.int} is a Number: a custom type keeps its base kind. */
  private static String baseType(String dataType) {
    int dot = dataType.indexOf('.');
    return dot < 0 ? dataType : dataType.substring(0, dot);
  }

  private static AttributeValue number(String value, String path) {
    try {
      return new AttributeValue.Number(value);
    } catch (InvalidEventException e) {
      throw new InvalidEventException(path + " is not a decimal number");
    }
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

  /**
   * A Kinesis record; its checkpoint id is {@code kinesis.sequenceNumber}, its shard the part of {@code eventID}
   * before the colon ({@code shardId-000000000006:<sequence number>}).
   */
  QueueMessage kinesis(JsonNode r, String path, byte[] payload) {
    JsonNode k = requireObject(r, "kinesis", path + ".kinesis");
    String sequence = requireText(k, "sequenceNumber", path + ".kinesis.sequenceNumber");
    String arn = requireText(r, "eventSourceARN", path + ".eventSourceARN");
    String id = text(r, "eventID", path + ".eventID");
    Instant arrival = instant(k, "approximateArrivalTimestamp", path + ".kinesis.approximateArrivalTimestamp");
    int colon = id == null ? -1 : id.indexOf(':');
    Map<String, String> facts = new OriginAttributes()
        .put("aws.kinesis.sequenceNumber", sequence)
        .put("aws.kinesis.shardId", colon > 0 && id.startsWith("shardId-") ? id.substring(0, colon) : null)
        .put("aws.kinesis.encryptionType", field(k, "encryptionType", path + ".kinesis"))
        .put("aws.kinesis.kinesisSchemaVersion", field(k, "kinesisSchemaVersion", path + ".kinesis"))
        .put("aws.kinesis.eventName", field(r, "eventName", path))
        .put("aws.kinesis.invokeIdentityArn", field(r, "invokeIdentityArn", path))
        .put("aws.kinesis.awsRegion", field(r, "awsRegion", path))
        .build();
    return QueueMessage.builder()
        .id(id != null ? id : sequence)
        .source(arn)
        .type("aws.kinesis.record")
        .time(arrival)
        .queue(names.logical(Kind.QUEUE, arn))
        .body(Wire.base64(requireText(k, "data", path + ".kinesis.data"), path + ".kinesis.data"))
        .groupKey(text(k, "partitionKey", path + ".kinesis.partitionKey"))
        .origin(Origin.of(PLATFORM, facts, payload, Headers.empty()))
        .build();
  }

  /**
   * A DynamoDB Streams record as a change ({@link QueueMessage#change()}) with plain JSON keys and images; the body
   * is empty. Its checkpoint id is {@code dynamodb.SequenceNumber}. A REMOVE by the table's time to live is told by
   * its {@code userIdentity} (type {@code Service}, principal {@code dynamodb.amazonaws.com}).
   */
  QueueMessage dynamoDb(JsonNode r, String path, byte[] payload) {
    JsonNode d = requireObject(r, "dynamodb", path + ".dynamodb");
    String sequence = requireText(d, "SequenceNumber", path + ".dynamodb.SequenceNumber");
    String arn = requireText(r, "eventSourceARN", path + ".eventSourceARN");
    String id = text(r, "eventID", path + ".eventID");
    Instant created = instant(d, "ApproximateCreationDateTime", path + ".dynamodb.ApproximateCreationDateTime");
    // arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
    int t = arn.indexOf(":table/");
    int end = t < 0 ? -1 : arn.indexOf('/', t + 7);
    String table = t < 0 ? lastSegment(arn) : arn.substring(t + 7, end < 0 ? arn.length() : end);
    String eventName = requireText(r, "eventName", path + ".eventName");
    ChangeRecord.Operation operation = switch (eventName) {
      case "INSERT" -> ChangeRecord.Operation.INSERT;
      case "MODIFY" -> ChangeRecord.Operation.MODIFY;
      case "REMOVE" -> ChangeRecord.Operation.REMOVE;
      default -> throw new InvalidEventException(path + ".eventName must be INSERT, MODIFY or REMOVE");
    };
    JsonNode identity = object(r, "userIdentity", path + ".userIdentity");
    String identityType = field(identity, "type", path + ".userIdentity");
    String principal = field(identity, "principalId", path + ".userIdentity");
    JsonNode oldImage = object(d, "OldImage", path + ".dynamodb.OldImage");
    JsonNode newImage = object(d, "NewImage", path + ".dynamodb.NewImage");
    ChangeRecord change = new ChangeRecord(operation,
        DynamoDbJson.item(requireObject(d, "Keys", path + ".dynamodb.Keys"), path + ".dynamodb.Keys"),
        Optional.ofNullable(oldImage == null ? null : DynamoDbJson.item(oldImage, path + ".dynamodb.OldImage")),
        Optional.ofNullable(newImage == null ? null : DynamoDbJson.item(newImage, path + ".dynamodb.NewImage")),
        operation == ChangeRecord.Operation.REMOVE && "Service".equals(identityType)
            && "dynamodb.amazonaws.com".equals(principal));
    Map<String, String> facts = new OriginAttributes()
        .put("aws.dynamodb.sequenceNumber", sequence)
        .put("aws.dynamodb.eventName", eventName)
        .put("aws.dynamodb.streamViewType", field(d, "StreamViewType", path + ".dynamodb"))
        .put("aws.dynamodb.sizeBytes", scalar(d, "SizeBytes", path + ".dynamodb.SizeBytes"))
        .put("aws.dynamodb.eventVersion", field(r, "eventVersion", path))
        .put("aws.dynamodb.awsRegion", field(r, "awsRegion", path))
        .put("aws.dynamodb.userIdentityType", identityType)
        .put("aws.dynamodb.userIdentityPrincipalId", principal)
        .build();
    return QueueMessage.builder()
        .id(id != null ? id : sequence)
        .source(arn)
        .type("aws.dynamodb.stream.record")
        .time(created)
        .queue(names.logical(Kind.QUEUE, table))
        .change(change)
        .origin(Origin.of(PLATFORM, facts, payload, Headers.empty()))
        .build();
  }

  TopicMessage sns(JsonNode r, String path, byte[] payload) {
    JsonNode sns = requireObject(r, "Sns", path + ".Sns");
    String p = path + ".Sns";
    String arn = requireText(sns, "TopicArn", p + ".TopicArn");
    Map<String, AttributeValue> attrs = snsAttributes(object(sns, "MessageAttributes", p + ".MessageAttributes"), p);
    AttributeValue encoding = attrs.remove(BodyEncoding.ATTRIBUTE);
    String message = text(sns, "Message", p + ".Message");
    Map<String, String> facts = new OriginAttributes()
        .put("aws.sns.type", field(sns, "Type", p))
        .put("aws.sns.signatureVersion", field(sns, "SignatureVersion", p))
        .put("aws.sns.signature", field(sns, "Signature", p))
        .put("aws.sns.signingCertUrl", field(sns, "SigningCertUrl", p))
        .put("aws.sns.unsubscribeUrl", field(sns, "UnsubscribeUrl", p))
        .put("aws.sns.sequenceNumber", field(sns, "SequenceNumber", p))
        .put("aws.sns.messageDeduplicationId", field(sns, "MessageDeduplicationId", p))
        .put("aws.sns.eventSubscriptionArn", field(r, "EventSubscriptionArn", path))
        .put("aws.sns.eventVersion", field(r, "EventVersion", path))
        .build();
    return TopicMessage.builder()
        .id(requireText(sns, "MessageId", p + ".MessageId"))
        .source(arn)
        .subject(text(sns, "Subject", p + ".Subject"))
        .time(instant(sns, "Timestamp", p + ".Timestamp"))
        .topic(names.logical(Kind.TOPIC, arn))
        .body(BodyEncoding.decode(message == null ? "" : message, encoding == null ? null : encoding.asText(),
            p + ".Message"))
        .attributeValues(attrs)
        .groupKey(text(sns, "MessageGroupId", p + ".MessageGroupId"))
        .origin(Origin.of(PLATFORM, facts, payload, Headers.empty()))
        .build();
  }

  /**
   * SNS message attributes with their types: {@code String}, {@code Number}, {@code Binary} (base64) and
   * {@code String.Array} (a JSON array; its numbers, booleans and nulls kept as their JSON text).
   */
  private static Map<String, AttributeValue> snsAttributes(@Nullable JsonNode messageAttributes, String p) {
    Map<String, AttributeValue> attrs = new LinkedHashMap<>();
    if (messageAttributes == null) {
      return attrs;
    }
    for (Map.Entry<String, JsonNode> e : messageAttributes.properties()) {
      String at = p + ".MessageAttributes." + e.getKey();
      if (!e.getValue().isObject()) {
        throw new InvalidEventException(at + " must be an object");
      }
      String type = requireText(e.getValue(), "Type", at + ".Type");
      String value = scalar(e.getValue(), "Value", at + ".Value");
      if (value == null) {
        throw new InvalidEventException(at + ".Value is required");
      }
      attrs.put(e.getKey(), switch (type.equals("String.Array") ? type : baseType(type)) {
        case "String" -> AttributeValue.text(value);
        case "Number" -> number(value, at + ".Value");
        case "Binary" -> new AttributeValue.Binary(Wire.base64(value, at + ".Value"));
        case "String.Array" -> textList(value, at + ".Value");
        default -> throw new InvalidEventException(at + ".Type must be String, String.Array, Number or Binary");
      });
    }
    return attrs;
  }

  private static AttributeValue textList(String json, String path) {
    JsonNode array = WireJson.tree(json.getBytes(StandardCharsets.UTF_8), path);
    if (!array.isArray()) {
      throw new InvalidEventException(path + " must be a JSON array");
    }
    List<String> values = new ArrayList<>(array.size());
    for (JsonNode v : array) {
      if (v.isContainerNode()) {
        throw new InvalidEventException(path + " must hold strings, numbers, booleans or nulls");
      }
      values.add(v.isTextual() ? v.textValue() : v.toString());
    }
    return new AttributeValue.TextList(values);
  }

  /**
   * An S3 notification record: the key arrives form-URL-encoded ("red flower.jpg" as "red+flower.jpg"). A delete
   * marker ({@code ObjectRemoved:DeleteMarkerCreated}) is DELETED with the marker's version id; the event name in
   * the origin tells it from a permanent delete.
   */
  ObjectEvent s3(JsonNode r, String path, byte[] payload) {
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
    String arn = text(bucket, "arn", path + ".s3.bucket.arn");
    Map<String, String> facts = new OriginAttributes()
        .put("aws.s3.eventName", eventName)
        .put("aws.s3.sequencer", sequencer)
        .put("aws.s3.eventVersion", field(r, "eventVersion", path))
        .put("aws.s3.awsRegion", field(r, "awsRegion", path))
        .put("aws.s3.configurationId", field(s3, "configurationId", path + ".s3"))
        .put("aws.s3.principalId", field(object(r, "userIdentity", path + ".userIdentity"), "principalId",
            path + ".userIdentity"))
        .put("aws.s3.sourceIPAddress", field(object(r, "requestParameters", path + ".requestParameters"),
            "sourceIPAddress", path + ".requestParameters"))
        .put("aws.s3.requestId", requestId)
        .put("aws.s3.hostId", field(response, "x-amz-id-2", path + ".responseElements"))
        .build();
    return ObjectEvent.builder()
        .id(eventId(bucketName, key, sequencer, requestId, time))
        .source(arn != null ? arn : "arn:aws:s3:::" + bucketName)
        .time(time)
        .kind(kindOfNotification(eventName))
        .bucket(names.logical(Kind.BUCKET, bucketName))
        .key(key)
        .size(longValue(object, "size", path + ".s3.object.size"))
        .etag(text(object, "eTag", path + ".s3.object.eTag"))
        .version(text(object, "versionId", path + ".s3.object.versionId"))
        .origin(Origin.of(PLATFORM, facts, payload, Headers.empty()))
        .build();
  }

  /**
   * An S3 event delivered by EventBridge: the key is NOT encoded. The detail's other scalar fields ({@code reason},
   * {@code deletion-type}, {@code request-id}, {@code source-ip-address}...) become {@code aws.s3.<camelCase>}.
   */
  ObjectEvent s3EventBridge(JsonNode root, byte[] payload) {
    JsonNode detail = requireObject(root, "detail", "detail");
    JsonNode bucket = requireObject(detail, "bucket", "detail.bucket");
    JsonNode object = requireObject(detail, "object", "detail.object");
    String bucketName = requireText(bucket, "name", "detail.bucket.name");
    OriginAttributes facts = envelope(root);
    for (Map.Entry<String, JsonNode> e : detail.properties()) {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        facts.put("aws.s3." + camel(e.getKey()), v.isTextual() ? v.textValue() : v.toString());
      }
    }
    facts.put("aws.s3.sequencer", text(object, "sequencer", "detail.object.sequencer"));
    return ObjectEvent.builder()
        .id(requireText(root, "id", "id"))
        .source("arn:aws:s3:::" + bucketName)
        .time(instant(root, "time", "time"))
        .kind(kindOfDetailType(requireText(root, "detail-type", "detail-type")))
        .bucket(names.logical(Kind.BUCKET, bucketName))
        .key(requireText(object, "key", "detail.object.key"))
        .size(longValue(object, "size", "detail.object.size"))
        .etag(text(object, "etag", "detail.object.etag"))
        .version(text(object, "version-id", "detail.object.version-id"))
        .origin(Origin.of(PLATFORM, facts.build(), payload, Headers.empty()))
        .build();
  }

  /** {@code source-ip-address} as {@code sourceIpAddress}. */
  static String camel(String kebab) {
    StringBuilder sb = new StringBuilder(kebab.length());
    boolean upper = false;
    for (int i = 0; i < kebab.length(); i++) {
      char c = kebab.charAt(i);
      if (c == '-' || c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** The EventBridge envelope's facts every event from it has: account, region, resources, replay. */
  private static OriginAttributes envelope(JsonNode root) {
    JsonNode resources = array(root, "resources", "resources");
    return new OriginAttributes()
        .put("aws.events.account", field(root, "account", "event"))
        .put("aws.events.region", field(root, "region", "event"))
        .put("aws.events.detailType", field(root, "detail-type", "event"))
        .put("aws.events.resources", resources == null || resources.isEmpty() ? null : resources.toString())
        .put("aws.events.replayName", field(root, "replay-name", "event"));
  }

  /**
   * An EventBridge rule or EventBridge Scheduler run; the schedule is named after the rule or schedule. For a
   * scheduled rule the event's {@code time} is the time the rule was due, so it is both the event's time and its
   * scheduled time; absent, both are absent.
   */
  static ScheduleEvent schedule(JsonNode root, byte[] payload) {
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
    Origin origin = Origin.of(PLATFORM, envelope(root).build(), payload, Headers.empty());
    return new ScheduleEvent(id, source, ScheduleEvent.TYPE, Optional.empty(), Optional.ofNullable(time), name,
        Optional.ofNullable(time), false, Optional.empty(), Optional.empty(), origin);
  }

  /**
   * Any other EventBridge event, for a CloudEvent function: type = {@code detail-type}, source = {@code source},
   * data = {@code detail} as JSON. EventBridge is not CloudEvents, so there are no extensions; its envelope facts
   * are in the origin.
   */
  static CloudEvent cloudEvent(JsonNode root, byte[] payload) {
    JsonNode detail = WireJson.present(root, "detail");
    return CloudEvent.builder()
        .id(requireText(root, "id", "id"))
        .source(requireText(root, "source", "source"))
        .type(requireText(root, "detail-type", "detail-type"))
        .time(instant(root, "time", "time"))
        .dataContentType(detail == null ? null : "application/json")
        .data(detail == null ? new byte[0] : WireJson.write(detail))
        .origin(Origin.of(PLATFORM, envelope(root).build(), payload, Headers.empty()))
        .build();
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
