package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.WireJson;
import dev.faas4j.spi.WireReplayer;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays Pub/Sub messages through the push-envelope path of {@link GcpAdapter}, the one a push subscription's
 * request takes: a push body ({@code {"subscription","message"}}), or messages pulled from a dead-letter topic's
 * subscription ({@code gcloud pubsub subscriptions pull --format=json} output, the API's {@code receivedMessages},
 * or one message), which get the envelope of the subscription they were dead-lettered from (its
 * {@code CloudPubSubDeadLetterSource*} attributes) and its delivery count. Looked up with
 * {@link java.util.ServiceLoader} by {@link WireReplayer#find} only.
 */
public final class PubSubReplayer implements WireReplayer {
  private static final String SOURCE = "CloudPubSubDeadLetterSource";

  /** For {@link java.util.ServiceLoader}. */
  public PubSubReplayer() {}

  @Override
  public String cloud() {
    return "gcp";
  }

  @Override
  public boolean recognizes(byte[] payload) {
    return !envelopes(WireJson.tree(payload, "Dead-lettered message")).isEmpty();
  }

  @Override
  public Delivery map(byte[] json, Target target) {
    JsonNode payload = WireJson.tree(json, "Dead-lettered message");
    List<ObjectNode> envelopes = envelopes(payload);
    if (envelopes.isEmpty()) {
      throw new InvalidEventException("Not a Pub/Sub message: expected a push body or 'gcloud pubsub "
          + "subscriptions pull --format=json' output");
    }
    GcpAdapter adapter = new GcpAdapter(target.host(), target.config(), target.clock());
    Delivery.Builder delivery = target.delivery();
    for (ObjectNode envelope : envelopes) {
      String id = envelope.path("message").path("messageId").asText("message");
      try {
        delivery.event(adapter.event(EventParser.pushEnvelope(envelope, dev.faas4j.spi.WireJson.write(envelope),
            dev.faas4j.event.Headers.empty())));
      } catch (InvalidEventException e) {
        delivery.rejected(id, e);
      }
    }
    return delivery.build();
  }

  private static List<ObjectNode> envelopes(JsonNode payload) {
    List<ObjectNode> out = new ArrayList<>();
    if (payload.isArray()) {
      payload.forEach(p -> out.addAll(envelopes(p)));
    } else if (payload.path("receivedMessages").isArray()) {
      payload.get("receivedMessages").forEach(p -> out.addAll(envelopes(p)));
    } else if (payload.path("message").isObject() && payload.has("subscription")) {
      out.add(((ObjectNode) payload).deepCopy());
    } else if (payload.path("message").isObject() && payload.has("ackId")) {
      out.add(envelope(payload.get("message"), payload.get("deliveryAttempt")));
    } else if (payload.isObject() && payload.has("messageId") && payload.has("publishTime")) {
      out.add(envelope(payload, null));
    }
    return out;
  }

  /** The push envelope of a pulled message: its source subscription and delivery count when it was dead-lettered. */
  private static ObjectNode envelope(JsonNode message, JsonNode deliveryAttempt) {
    JsonNode attributes = message.path("attributes");
    String project = attributes.path(SOURCE + "SubscriptionProject").asText("local");
    String subscription = attributes.path(SOURCE + "Subscription").asText("dead-letter");
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("subscription", "projects/" + project + "/subscriptions/" + subscription);
    envelope.set("message", message);
    JsonNode count = attributes.path(SOURCE + "DeliveryCount");
    if (deliveryAttempt != null && deliveryAttempt.canConvertToInt()) {
      envelope.set("deliveryAttempt", deliveryAttempt);
    } else if (count.isTextual() && count.asText().matches("[0-9]{1,9}")) {
      envelope.put("deliveryAttempt", Integer.parseInt(count.asText()));
    }
    return envelope;
  }
}
