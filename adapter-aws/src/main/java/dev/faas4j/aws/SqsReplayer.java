package dev.faas4j.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.WireJson;
import dev.faas4j.spi.WireReplayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays SQS messages through {@link EventMapping#sqs}, the mapping Lambda invocations take: a whole Lambda SQS
 * event, one of its records, or messages as {@code aws sqs receive-message} prints them from a dead-letter queue
 * ({@code {"Messages":[...]}} or one of them), which are first given the record shape Lambda's event source
 * mapping gives them. Looked up with {@link java.util.ServiceLoader} by {@link WireReplayer#find} only.
 */
public final class SqsReplayer implements WireReplayer {
  /** For {@link java.util.ServiceLoader}. */
  public SqsReplayer() {}

  @Override
  public String cloud() {
    return "aws";
  }

  @Override
  public boolean recognizes(byte[] payload) {
    return !messages(WireJson.tree(payload, "Dead-lettered message")).isEmpty();
  }

  @Override
  public Delivery map(byte[] json, Target target) {
    JsonNode payload = WireJson.tree(json, "Dead-lettered message");
    List<JsonNode> messages = messages(payload);
    if (messages.isEmpty()) {
      throw new InvalidEventException("Not an SQS message: expected a Lambda SQS event or record, or "
          + "'aws sqs receive-message' output");
    }
    EventMapping mapping = new EventMapping(LogicalNames.of(target.host().dispatcher().registry(), target.config()));
    Delivery.Builder delivery = target.delivery();
    boolean fifo = false;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode record = lambdaRecord(messages.get(i), target);
      fifo |= record.path("eventSourceARN").asText("").endsWith(".fifo");
      try {
        delivery.event(mapping.sqs(record, RecordPaths.sqs(i), json));
      } catch (InvalidEventException e) {
        delivery.rejected(record.path("messageId").asText(RecordPaths.record(i)), e);
      }
    }
    return delivery.ordered(fifo).build();
  }

  /** The messages of any accepted shape, or none. */
  private static List<JsonNode> messages(JsonNode payload) {
    List<JsonNode> out = new ArrayList<>();
    if (payload.isArray()) {
      payload.forEach(m -> out.addAll(messages(m)));
    } else if (EventShape.of(payload) == EventShape.SQS) {
      payload.get("Records").forEach(out::add);
    } else if (payload.path("Messages").isArray()) {
      payload.get("Messages").forEach(out::add);
    } else if (payload.path("eventSource").asText("").equals("aws:sqs")
        || payload.has("MessageId") && payload.has("Body")) {
      out.add(payload);
    }
    return out;
  }

  /**
   * A Lambda SQS record, in which a dead-letter queue's message (which names no queue) gets the ARN of the queue it
   * is replayed on; {@code target.queue()}, when given, names that queue for records too.
   */
  private static JsonNode lambdaRecord(JsonNode m, Target target) {
    ObjectNode r;
    if (m.has("MessageId")) {
      r = JsonNodeFactory.instance.objectNode();
      r.set("messageId", m.get("MessageId"));
      r.set("body", m.get("Body"));
      if (m.has("Attributes")) {
        r.set("attributes", m.get("Attributes"));
      }
      if (m.path("MessageAttributes").isObject()) {
        ObjectNode attrs = r.putObject("messageAttributes");
        for (Map.Entry<String, JsonNode> e : m.get("MessageAttributes").properties()) {
          ObjectNode a = attrs.putObject(e.getKey());
          JsonNode v = e.getValue();
          copy(v, "StringValue", a, "stringValue");
          copy(v, "BinaryValue", a, "binaryValue");
          copy(v, "DataType", a, "dataType");
        }
      }
      r.put("eventSource", "aws:sqs");
    } else if (m.isObject()) {
      r = ((ObjectNode) m).deepCopy();
    } else {
      throw new InvalidEventException("An SQS message must be an object");
    }
    String arn = r.path("eventSourceARN").asText("");
    if (target.queue().isPresent()) {
      int colon = arn.lastIndexOf(':');
      // The queue is logical; the ARN names the physical queue it is deployed as, which the mapping maps back.
      String physical = LogicalNames.lastSegment(ResourceNames.resolve(ResourceNames.Kind.QUEUE,
          target.queue().get(), target.config()));
      r.put("eventSourceARN", (colon < 0 ? "arn:aws:sqs:local:000000000000:" : arn.substring(0, colon + 1))
          + physical);
    } else if (arn.isEmpty()) {
      throw new InvalidEventException("An SQS dead-letter message does not name the queue it came from: give the "
          + "queue to replay it on");
    }
    return r;
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String as) {
    if (from.has(name)) {
      to.set(as, from.get(name));
    }
  }
}
