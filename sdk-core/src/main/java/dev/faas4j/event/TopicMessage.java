package dev.faas4j.event;

import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message published to a topic (SNS, Pub/Sub, Service Bus topic, a local topic) and delivered to one subscriber.
 *
 * @param time when the message was published
 * @param topic the topic name
 * @param body the payload; empty, never null
 * @param attributes message attributes as strings (numbers arrive as strings on most platforms)
 * @param deliveryAttempt 1 on first delivery, counting redeliveries
 * @param groupKey the message group (SNS FIFO) or ordering key (Pub/Sub): the same concept and name as on
 *     {@link QueueMessage#groupKey()}, if any
 */
public record TopicMessage(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Instant time,
    String topic,
    byte[] body,
    Map<String, String> attributes,
    int deliveryAttempt,
    Optional<String> groupKey) implements Event {

  public TopicMessage {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.notNull(time, "time");
    Checks.notBlank(topic, "topic");
    body = Checks.notNull(body, "body").clone();
    attributes = Checks.copy(attributes, "attributes");
    if (deliveryAttempt < 1) {
      throw new InvalidEventException("deliveryAttempt must be at least 1; got " + deliveryAttempt);
    }
    Checks.optional(groupKey, "groupKey");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A copy of the payload. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The payload as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The payload read as JSON; {@link InvalidEventException} (not retried) if it does not fit. */
  public <T> T json(Class<T> type) {
    return Json.read(body, type, "Message body");
  }

  /** As {@link #json(Class)} for a generic type: {@code json(new JsonType<List<Order>>() {})}. */
  public <T> T json(dev.faas4j.JsonType<T> type) {
    return Json.read(body, type.type(), "Message body");
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TopicMessage m && id.equals(m.id) && source.equals(m.source) && type.equals(m.type)
        && subject.equals(m.subject) && time.equals(m.time) && topic.equals(m.topic) && Arrays.equals(body, m.body)
        && attributes.equals(m.attributes) && deliveryAttempt == m.deliveryAttempt && groupKey.equals(m.groupKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, topic, Arrays.hashCode(body), deliveryAttempt);
  }

  /** No payload: it may carry personal data. */
  @Override
  public String toString() {
    return "TopicMessage[id=" + id + ", topic=" + topic + ", attempt=" + deliveryAttempt + ", body=" + body.length
        + " bytes]";
  }

  /** Builds a topic message; {@code type} defaults to {@code dev.faas4j.topic.message}, {@code source} to {@code /topics/<topic>}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String source;
    private @Nullable String type;
    private @Nullable String subject;
    private @Nullable Instant time;
    private @Nullable String topic;
    private byte[] body = new byte[0];
    private Map<String, String> attributes = Map.of();
    private int deliveryAttempt = 1;
    private @Nullable String groupKey;

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder source(@Nullable String source) { this.source = source; return this; }
    public Builder type(@Nullable String type) { this.type = type; return this; }
    public Builder subject(@Nullable String subject) { this.subject = subject; return this; }
    public Builder time(Instant time) { this.time = time; return this; }
    public Builder topic(String topic) { this.topic = topic; return this; }
    public Builder body(byte[] body) { this.body = body; return this; }
    public Builder body(String text) { this.body = text.getBytes(StandardCharsets.UTF_8); return this; }
    public Builder attributes(Map<String, String> attributes) { this.attributes = attributes; return this; }
    public Builder deliveryAttempt(int deliveryAttempt) { this.deliveryAttempt = deliveryAttempt; return this; }
    public Builder groupKey(@Nullable String groupKey) { this.groupKey = groupKey; return this; }

    /** @throws InvalidEventException naming the first missing or invalid field */
    public TopicMessage build() {
      String q = ObjectEvent.required(topic, "topic");
      return new TopicMessage(ObjectEvent.required(id, "id"), source != null ? source : "/topics/" + q,
          type != null ? type : "dev.faas4j.topic.message", Optional.ofNullable(subject),
          ObjectEvent.required(time, "time"), q, body, attributes, deliveryAttempt, Optional.ofNullable(groupKey));
    }
  }
}
