package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.Wire;
import dev.faas4j.spi.WireJson;
import dev.faas4j.spi.WireReplayer;
import dev.faas4j.trigger.QueueTrigger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays Queue Storage messages, as {@code az storage message get|peek} prints them from a poison queue
 * ({@code [{"id","content","dequeueCount","insertionTime",...}]} or one of them), through the queue entry's
 * mapping: the Functions host's base64 decoding, {@link QueueEnvelope#unwrap} and {@link EventMapping#queueMessage}.
 * The queue is the one given, else the one the app's only queue function binds, as the host's binding would.
 * Looked up with {@link java.util.ServiceLoader} by {@link WireReplayer#find} only.
 */
public final class QueueReplayer implements WireReplayer {
  /** For {@link java.util.ServiceLoader}. */
  public QueueReplayer() {}

  @Override
  public String cloud() {
    return "azure";
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
      throw new InvalidEventException("Not an Azure queue message: expected 'az storage message get' output");
    }
    String queue = target.queue().orElseGet(() -> {
      List<FunctionDefinition> fns = target.host().dispatcher().registry().ofKind(FunctionDefinition.Kind.QUEUE);
      if (fns.size() != 1) {
        throw new InvalidEventException("An Azure queue message does not name its queue and the app has "
            + fns.size() + " queue functions: give the queue to replay it on");
      }
      return ((QueueTrigger) fns.get(0).trigger()).queue();
    });
    boolean twice = String.valueOf(target.config().apply(AzureHandler.QUEUE_DECODE_SETTING)).toLowerCase(Locale.ROOT)
        .equals("base64");
    Delivery.Builder delivery = target.delivery();
    for (JsonNode m : messages) {
      String id = m.path("id").asText(null);
      try {
        // The host decodes base64 (its default messageEncoding) before the worker sees the bytes.
        byte[] bytes = Wire.base64(m.get("content").asText(), "content");
        byte[] payloadBytes = twice ? Wire.base64(new String(bytes, StandardCharsets.US_ASCII).trim(),
            "Queue message") : bytes;
        QueueEnvelope.Content content = QueueEnvelope.unwrap(payloadBytes, name -> {
          throw new InvalidEventException("The message body is in the overflow blob '" + name + "'; download it "
              + "and replay the message with the body inline");
        });
        String[] md = EventMapping.pairs(new String[] {"Id", id, "DequeueCount", m.path("dequeueCount").asText(null),
            "InsertionTime", m.path("insertionTime").asText(null)}, EventMapping.QUEUE_METADATA, "queue");
        // The host's default poison limit: a replay runs outside the function app whose host.json may change it.
        delivery.event(EventMapping.queueMessage(content.body(), content.attributes(), queue, md,
            target.invocation().invocationId(), 5, dev.faas4j.spi.WireJson.write(m)));
      } catch (InvalidEventException e) {
        delivery.rejected(id != null ? id : "message", e);
      }
    }
    return delivery.build();
  }

  private static List<JsonNode> messages(JsonNode payload) {
    List<JsonNode> out = new ArrayList<>();
    if (payload.isArray()) {
      payload.forEach(p -> out.addAll(messages(p)));
    } else if (payload.path("content").isTextual()
        && (payload.has("popReceipt") || payload.has("dequeueCount") || payload.has("insertionTime"))) {
      out.add(payload);
    }
    return out;
  }
}
