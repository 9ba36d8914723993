package dev.faas4j.local.store;

import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DurableQueue} in memory, for the test harness and for runtimes that need no restart durability. Every
 * time comes from the injected clock, so a test expires leases and delays by moving a {@code ManualClock}.
 *
 * <p>Ordering: messages with a group key are delivered in send order within their group, and a message is never
 * leased while an earlier message of its group is still pending (in flight, waiting to be retried or delayed), the
 * rule of SQS FIFO message groups. Messages without a group key are independent. A deduplication id sent again
 * within five minutes returns the first message's id without enqueuing a copy.
 */
public final class InMemoryDurableQueue implements DurableQueue {
  private static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

  private final String queue;
  private final Clock clock;
  /** Pending messages by send order (insertion order of a LinkedHashMap). */
  private final Map<String, Entry> pending = new LinkedHashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<String, Dedup> deduplication = new HashMap<>();

  private static final class Entry {
    final String id;
    final byte[] body;
    final Map<String, String> attributes;
    final Optional<String> groupKey;
    final Instant sentAt;
    Instant visibleAt;
    int deliveries;
    @Nullable String leaseToken;

    Entry(String id, byte[] body, Map<String, String> attributes, Optional<String> groupKey, Instant sentAt,
        Instant visibleAt) {
      this.id = id;
      this.body = body;
      this.attributes = attributes;
      this.groupKey = groupKey;
      this.sentAt = sentAt;
      this.visibleAt = visibleAt;
    }
  }

  private record DeadLetter(Delivery delivery, String reason) {}

  private record Dedup(String messageId, Instant expiresAt) {}

  public InMemoryDurableQueue(String queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public synchronized String send(OutgoingMessage message) {
    Instant now = clock.instant();
    Optional<String> dedupId = message.deduplicationId();
    if (dedupId.isPresent()) {
      deduplication.values().removeIf(d -> !d.expiresAt.isAfter(now));
      Dedup seen = deduplication.get(dedupId.get());
      if (seen != null) {
        return seen.messageId;
      }
    }
    String id = UUID.randomUUID().toString();
    pending.put(id, new Entry(id, message.body(), message.attributes(), message.groupKey(), now,
        now.plus(message.delay())));
    dedupId.ifPresent(d -> deduplication.put(d, new Dedup(id, now.plus(DEDUPLICATION_WINDOW))));
    return id;
  }

  @Override
  public synchronized List<Delivery> receive(int max, Duration visibilityTimeout) {
    if (max < 1) {
      throw new MessageQueueException(PortException.Reason.INVALID_ARGUMENT, "max must be at least 1; got " + max);
    }
    if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
      throw new MessageQueueException(PortException.Reason.INVALID_ARGUMENT,
          "visibility timeout must be positive; got " + visibilityTimeout);
    }
    Instant now = clock.instant();
    List<Delivery> out = new ArrayList<>();
    Set<String> blockedGroups = new HashSet<>();
    for (Entry e : pending.values()) {
      if (out.size() == max) {
        break;
      }
      boolean visible = !e.visibleAt.isAfter(now);
      if (e.groupKey.isPresent()) {
        String group = e.groupKey.get();
        if (blockedGroups.contains(group)) {
          continue;
        }
        if (!visible) {
          blockedGroups.add(group); // an earlier message of the group is in flight or waiting: keep order
          continue;
        }
      } else if (!visible) {
        continue;
      }
      e.deliveries++;
      e.leaseToken = UUID.randomUUID().toString();
      e.visibleAt = now.plus(visibilityTimeout);
      out.add(delivery(e));
    }
    return out;
  }

  @Override
  public synchronized void ack(Delivery delivery) {
    Entry e = leased(delivery);
    if (e != null) {
      pending.remove(e.id);
    }
  }

  @Override
  public synchronized void retryLater(Delivery delivery, Duration delay) {
    Entry e = leased(delivery);
    if (e != null) {
      e.leaseToken = null;
      e.visibleAt = clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay);
    }
  }

  @Override
  public synchronized void deadLetter(Delivery delivery, String reason) {
    Entry e = leased(delivery);
    if (e != null) {
      pending.remove(e.id);
      deadLetters.add(new DeadLetter(delivery(e), reason));
    }
  }

  @Override
  public synchronized List<Delivery> deadLetters() {
    return deadLetters.stream().map(DeadLetter::delivery).toList();
  }

  /** Why a message was dead-lettered, by message id; empty if it was not. */
  @Override
  public synchronized Optional<String> deadLetterReason(String messageId) {
    return deadLetters.stream().filter(d -> d.delivery.id().equals(messageId)).map(DeadLetter::reason).findFirst();
  }

  @Override
  public synchronized int redriveDeadLetters(@Nullable String id) {
    int moved = 0;
    Instant now = clock.instant();
    for (Iterator<DeadLetter> it = deadLetters.iterator(); it.hasNext(); ) {
      Delivery d = it.next().delivery;
      if (id == null || d.id().equals(id)) {
        it.remove();
        if (!pending.containsKey(d.id())) {
          pending.put(d.id(), new Entry(d.id(), d.body(), d.attributes(), d.groupKey(), d.sentAt(), now));
          moved++;
        }
      }
    }
    return moved;
  }

  @Override
  public synchronized int purgeDeadLetters(@Nullable String id) {
    int before = deadLetters.size();
    deadLetters.removeIf(d -> id == null || d.delivery.id().equals(id));
    return before - deadLetters.size();
  }

  @Override
  public synchronized int inFlight() {
    Instant now = clock.instant();
    return (int) pending.values().stream().filter(e -> e.leaseToken != null && e.visibleAt.isAfter(now)).count();
  }

  @Override
  public synchronized int depth() {
    return pending.size();
  }

  @Override
  public synchronized Optional<Instant> nextVisibleAt() {
    Instant now = clock.instant();
    Instant next = null;
    for (Iterator<Entry> it = pending.values().iterator(); it.hasNext(); ) {
      Instant v = it.next().visibleAt;
      if (v.isAfter(now) && (next == null || v.isBefore(next))) {
        next = v;
      }
    }
    return Optional.ofNullable(next);
  }

  /** The entry if {@code delivery} still holds its lease; a stale token (the lease moved on) is ignored. */
  private @Nullable Entry leased(Delivery delivery) {
    Entry e = pending.get(delivery.id());
    return e != null && delivery.leaseToken().equals(e.leaseToken) ? e : null;
  }

  private Delivery delivery(Entry e) {
    return new Delivery(e.id, queue, e.body.clone(), e.attributes, e.deliveries, e.groupKey, e.sentAt,
        e.leaseToken == null ? "" : e.leaseToken);
  }

  @Override
  public String toString() {
    return "InMemoryDurableQueue[" + queue + "]";
  }
}
