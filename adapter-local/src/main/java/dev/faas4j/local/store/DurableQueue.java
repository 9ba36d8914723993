package dev.faas4j.local.store;

import dev.faas4j.port.MessageQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local queue that survives restarts: the {@link MessageQueue} port for senders, plus what the local runtime
 * needs to consume it (leases with a visibility timeout, delivery counts, retry with delay, dead-lettering).
 *
 * <p>An accepted message is never lost: {@link #send} returns only once the message is durable, and a leased
 * message whose lease runs out (its consumer died) becomes visible again.
 */
public interface DurableQueue extends MessageQueue {

  /** A leased message. */
  record Delivery(String id, String queue, byte[] body, Map<String, String> attributes, int deliveryAttempt,
      Optional<String> groupKey, Instant sentAt, String leaseToken) {}

  /**
   * Leases up to {@code max} visible messages for {@code visibilityTimeout}, oldest first; increments each one's
   * delivery count. On a FIFO queue, at most one group's messages are leased at a time, in order.
   */
  List<Delivery> receive(int max, Duration visibilityTimeout);

  /** Deletes a delivered message. A stale lease token (the lease expired and someone else took it) is ignored. */
  void ack(Delivery delivery);

  /** Makes the message visible again after {@code delay} (retry with backoff). */
  void retryLater(Delivery delivery, Duration delay);

  /** Moves the message to this queue's dead-letter queue, keeping body, attributes and the reason. */
  void deadLetter(Delivery delivery, String reason);

  /** Messages in the dead-letter queue, oldest first. */
  List<Delivery> deadLetters();

  /** Why the dead letter {@code id} was dead-lettered; empty if it is not one of this queue's. */
  Optional<String> deadLetterReason(String id);

  /**
   * Puts dead letters back on the queue, visible now, with their id, body and attributes and a fresh delivery
   * count: all of them, or only {@code id} when it is not null.
   *
   * @return how many were put back
   */
  int redriveDeadLetters(@org.jspecify.annotations.Nullable String id);

  /** Deletes dead letters: all of them, or only {@code id} when it is not null. Returns how many. */
  int purgeDeadLetters(@org.jspecify.annotations.Nullable String id);

  /** Visible plus in-flight plus delayed messages (not dead letters). */
  int depth();

  /** Messages leased to a consumer whose lease has not run out. */
  int inFlight();

  /** When the next delayed or leased message becomes visible, if any; lets pollers sleep exactly that long. */
  Optional<Instant> nextVisibleAt();
}
