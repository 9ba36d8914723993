package dev.faas4j.port;

import dev.faas4j.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to send to a queue or publish to a topic. Immutable: each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * orders.send(OutgoingMessage.json(order).attribute("tenant", "acme").delay(Duration.ofSeconds(30)));
 * }</pre>
 */
public final class OutgoingMessage {
  /** The largest body every queue backend accepts (SQS and SNS allow 256 KiB). */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** SQS's limit on delivery delay. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);
  /** SQS's limit on message attributes. */
  public static final int MAX_ATTRIBUTES = 10;

  private final byte[] body;
  private final Map<String, String> attributes;
  private final Duration delay;
  private final @Nullable String groupKey;
  private final @Nullable String deduplicationId;

  private OutgoingMessage(byte[] body, Map<String, String> attributes, Duration delay, @Nullable String groupKey,
      @Nullable String deduplicationId) {
    this.body = body;
    this.attributes = attributes;
    this.delay = delay;
    this.groupKey = groupKey;
    this.deduplicationId = deduplicationId;
  }

  /** A message with these bytes as body (copied). */
  public static OutgoingMessage of(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new MessageQueueException(PortException.Reason.TOO_LARGE,
          "Message body has " + body.length + " bytes; the limit is " + MAX_BODY_BYTES);
    }
    return new OutgoingMessage(body.clone(), Map.of(), Duration.ZERO, null, null);
  }

  public static OutgoingMessage text(String body) {
    return of(body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code value} written as JSON. */
  public static OutgoingMessage json(Object value) {
    return of(Json.write(value));
  }

  /** Adds an attribute: name of letters, digits, {@code - _ .} (1 to 256), at most 10 attributes. */
  public OutgoingMessage attribute(String name, String value) {
    Objects.requireNonNull(value, "attribute value must not be null");
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,256}") || name.startsWith(".")) {
      throw new MessageQueueException(PortException.Reason.INVALID_ARGUMENT, "Attribute name '" + name
          + "' must be 1 to 256 letters, digits, '-', '_' or '.', not starting with '.'");
    }
    Map<String, String> m = new LinkedHashMap<>(attributes);
    m.put(name, value);
    if (m.size() > MAX_ATTRIBUTES) {
      throw new MessageQueueException(PortException.Reason.INVALID_ARGUMENT,
          "A message carries at most " + MAX_ATTRIBUTES + " attributes");
    }
    return new OutgoingMessage(body, Map.copyOf(m), delay, groupKey, deduplicationId);
  }

  /** Delivers the message no sooner than {@code delay} from now (0 to 15 minutes; queues only). */
  public OutgoingMessage delay(Duration delay) {
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new MessageQueueException(PortException.Reason.INVALID_ARGUMENT,
          "Delay must be between 0 and 15 minutes; got " + delay);
    }
    return new OutgoingMessage(body, attributes, delay, groupKey, deduplicationId);
  }

  /** The FIFO message group or ordering key. */
  public OutgoingMessage groupKey(String groupKey) {
    return new OutgoingMessage(body, attributes, delay, Objects.requireNonNull(groupKey, "groupKey"),
        deduplicationId);
  }

  /** A deduplication id for FIFO queues (SQS keeps it five minutes). */
  public OutgoingMessage deduplicationId(String id) {
    return new OutgoingMessage(body, attributes, delay, groupKey, Objects.requireNonNull(id, "deduplicationId"));
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }


  public Map<String, String> attributes() {
    return attributes;
  }

  public Duration delay() {
    return delay;
  }

  public Optional<String> groupKey() {
    return Optional.ofNullable(groupKey);
  }

  public Optional<String> deduplicationId() {
    return Optional.ofNullable(deduplicationId);
  }

  @Override
  public String toString() {
    return "OutgoingMessage[" + body.length + " bytes, attributes=" + attributes.keySet() + ", delay=" + delay + "]";
  }
}
