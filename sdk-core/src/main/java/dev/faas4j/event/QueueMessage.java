package dev.faas4j.event;

import dev.faas4j.JsonType;
import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A message delivered from a queue (SQS, Azure Queue Storage, Service Bus, a Pub/Sub subscription used as a queue,
 * a local queue) or a stream (Kinesis, DynamoDB Streams).
 *
 * <p>Facts the platform did not deliver are absent, never invented: an SQS message always has a sent time, a
 * Pub/Sub push without a dead-letter policy has no delivery attempt.
 *
 * @param time when the message was sent or enqueued, if the platform says
 * @param queue the queue (or stream) name
 * @param body the payload; empty, never null
 * @param attributes message attributes with their platform types
 * @param deliveryAttempt 1 on first delivery, counting redeliveries, when the platform counts them
 * @param groupKey the FIFO message group, ordering key, session id or partition key; present on ordered sources
 * @param contentType the payload's media type, when the platform carries one (Service Bus, CloudEvents)
 * @param change the row change of a table change stream (DynamoDB Streams), with the keys and images as JSON
 * @param origin the platform's own facts and the payload as received
 */
public record QueueMessage(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Optional<Instant> time,
    String queue,
    byte[] body,
    Map<String, AttributeValue> attributes,
    OptionalInt deliveryAttempt,
    Optional<String> groupKey,
    Optional<String> contentType,
    Optional<ChangeRecord> change,
    Origin origin) implements Event {

  public QueueMessage {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.optional(time, "time");
    Checks.notBlank(queue, "queue");
    Checks.notNull(origin, "origin");
    // The origin's payload is kept on its giver's promise not to change it: a body that is that array (a message
    // delivered as its plain body) is shared, not copied again; any other array is copied.
    body = origin.keeps(Checks.notNull(body, "body")) ? body : body.clone();
    attributes = Checks.copyValues(attributes, "attributes");
    Checks.notNull(deliveryAttempt, "deliveryAttempt");
    if (deliveryAttempt.isPresent() && deliveryAttempt.getAsInt() < 1) {
      throw new InvalidEventException("deliveryAttempt must be at least 1; got " + deliveryAttempt.getAsInt());
    }
    Checks.optional(groupKey, "groupKey");
    Checks.optional(contentType, "contentType");
    Checks.optional(change, "change");
  }

  private static final byte[] EMPTY = new byte[0];
  /** Delivery attempts 1-16, shared (an OptionalInt is a value): most messages are on one of their first few. */
  private static final OptionalInt[] ATTEMPTS = new OptionalInt[16];

  static {
    for (int i = 0; i < ATTEMPTS.length; i++) {
      ATTEMPTS[i] = OptionalInt.of(i + 1);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static OptionalInt attempt(int n) {
    return n >= 1 && n <= ATTEMPTS.length ? ATTEMPTS[n - 1] : OptionalInt.of(n);
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
  public <T> T json(JsonType<T> type) {
    return Json.read(body, type.type(), "Message body");
  }

  /** The attribute as text (see {@link AttributeValue#asText()}). */
  public Optional<String> attribute(String name) {
    AttributeValue v = attributes.get(name);
    return v == null ? Optional.empty() : Optional.of(v.asText());
  }

  /** The attribute with its platform type. */
  public Optional<AttributeValue> attributeValue(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** Equal when the portable facts are; the origin is not compared. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof QueueMessage m && id.equals(m.id) && source.equals(m.source) && type.equals(m.type)
        && subject.equals(m.subject) && time.equals(m.time) && queue.equals(m.queue) && Arrays.equals(body, m.body)
        && attributes.equals(m.attributes) && deliveryAttempt.equals(m.deliveryAttempt) && groupKey.equals(m.groupKey)
        && contentType.equals(m.contentType) && change.equals(m.change);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, source, queue, Arrays.hashCode(body));
  }

  /** No payload: it may carry personal data. */
  @Override
  public String toString() {
    return "QueueMessage[id=" + id + ", queue=" + queue
        + (deliveryAttempt.isPresent() ? ", attempt=" + deliveryAttempt.getAsInt() : "")
        + ", body=" + body.length + " bytes]";
  }

  /**
   * Builds a queue message; {@code type} defaults to {@code dev.faas4j.queue.message}, {@code source} to
   * {@code /queues/<queue>}. Unset facts stay absent.
   */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String source;
    private @Nullable String type;
    private @Nullable String subject;
    private @Nullable Instant time;
    private @Nullable String queue;
    private byte[] body = EMPTY;
    private Map<String, AttributeValue> attributes = Map.of();
    private @Nullable Integer deliveryAttempt;
    private @Nullable String groupKey;
    private @Nullable String contentType;
    private @Nullable ChangeRecord change;
    private Origin origin = Origin.none();

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder source(@Nullable String source) { this.source = source; return this; }
    public Builder type(@Nullable String type) { this.type = type; return this; }
    public Builder subject(@Nullable String subject) { this.subject = subject; return this; }
    /** When the message was sent; {@code null} when the platform does not say. */
    public Builder time(@Nullable Instant time) { this.time = time; return this; }
    public Builder queue(String queue) { this.queue = queue; return this; }
    public Builder body(byte[] body) { this.body = body; return this; }
    public Builder body(String text) { this.body = text.getBytes(StandardCharsets.UTF_8); return this; }

    /** String attributes (replacing any set before). */
    public Builder attributes(Map<String, String> attributes) {
      this.attributes = Checks.texts(attributes, "attributes");
      return this;
    }

    /** Attributes with their types (replacing any set before). */
    public Builder attributeValues(Map<String, ? extends AttributeValue> attributes) {
      this.attributes = Map.copyOf(attributes);
      return this;
    }

    /** Adds one typed attribute. */
    public Builder attribute(String name, AttributeValue value) {
      Map<String, AttributeValue> copy = new LinkedHashMap<>(attributes);
      copy.put(name, value);
      this.attributes = copy;
      return this;
    }

    /** 1 on first delivery; {@code null} (the default) when the platform does not count deliveries. */
    public Builder deliveryAttempt(@Nullable Integer deliveryAttempt) {
      this.deliveryAttempt = deliveryAttempt;
      return this;
    }
    public Builder groupKey(@Nullable String groupKey) { this.groupKey = groupKey; return this; }
    public Builder contentType(@Nullable String contentType) { this.contentType = contentType; return this; }
    public Builder change(@Nullable ChangeRecord change) { this.change = change; return this; }
    public Builder origin(Origin origin) { this.origin = Checks.notNull(origin, "origin"); return this; }

    /** @throws InvalidEventException naming the first missing or invalid field */
    public QueueMessage build() {
      String d = ObjectEvent.required(queue, "queue");
      return new QueueMessage(ObjectEvent.required(id, "id"), source != null ? source : "/queues/" + d,
          type != null ? type : "dev.faas4j.queue.message", Optional.ofNullable(subject),
          Optional.ofNullable(time), d, body, attributes,
          deliveryAttempt == null ? OptionalInt.empty() : attempt(deliveryAttempt),
          Optional.ofNullable(groupKey), Optional.ofNullable(contentType), Optional.ofNullable(change), origin);
    }
  }
}
