package dev.faas4j.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.local.store.DurableQueue;
import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException;
import dev.faas4j.spi.DeliveryResult;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The deterministic core of the local cloud: turns object changes, publishes and due schedules into messages on
 * durable queues, and runs one poll of a queue through the {@link Dispatcher} on request. It owns no thread; the
 * runtime calls it from its pollers, tickers and watcher, the test harness from the test's thread, so both share
 * every rule (fan-out, retry with backoff, dead-lettering, FIFO, past-due schedules).
 *
 * <p>Every trigger delivery goes through a {@link DurableQueue}, so object and topic deliveries are retried and
 * dead-lettered exactly like queue messages and survive a restart when the queues are durable. Internal queues are
 * named {@code _object.<bucket>.<function>}, {@code _topic.<topic>.<function>} and {@code _schedule.<function>}: the
 * leading underscore can never start a user's queue name, so they cannot collide.
 *
 * <p>Retries back off exponentially without jitter (1 s, 2 s, 4 s, ... capped at 60 s): each local queue has one
 * consumer, so there is no herd to spread, and exact delays keep tests predictable.
 */
public final class LocalEngine {
  /** The key-value table where the last run of each schedule is kept. */
  public static final String SCHEDULE_TABLE = "faas4j-schedules";
  /** A run that starts this late is reported past due even when no whole interval was missed. */
  static final Duration LATE_TOLERANCE = Duration.ofMinutes(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final int MAX_SLOT_SCAN = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private enum Kind { QUEUE, OBJECT, TOPIC, SCHEDULE }

  private record ConsumerSpec(String queue, FunctionDefinition function, Kind kind, int batchSize, boolean ordered,
      int maxDeliveries) {}

  private final Dispatcher dispatcher;
  private final FunctionRegistry registry;
  private final Function<String, DurableQueue> queues;
  private final KeyValueStore scheduleState;
  private final Clock clock;
  private final Duration visibilityTimeout;
  private final Duration invocationTimeout;
  private final FunctionLogger log;
  private final Map<String, ConsumerSpec> consumers;
  /** bucket/key to the etag last notified, or "" once deleted: lets the directory watcher skip port writes. */
  private final Map<String, String> lastKnown = new ConcurrentHashMap<>();
  private volatile Consumer<String> onEnqueue = q -> {};

  /**
   * @param queues the durable queue of each name (user queues and internal ones), the same instance per name
   * @param scheduleState where each schedule's last run is kept; a durable store makes schedules survive restarts
   * @param visibilityTimeout how long a polled message stays leased; longer than {@code invocationTimeout}
   */
  public LocalEngine(Dispatcher dispatcher, Function<String, DurableQueue> queues, KeyValueStore scheduleState,
      Clock clock, Duration invocationTimeout, Duration visibilityTimeout) {
    this.dispatcher = dispatcher;
    this.registry = dispatcher.registry();
    this.queues = queues;
    this.scheduleState = scheduleState;
    this.clock = clock;
    this.invocationTimeout = invocationTimeout;
    this.visibilityTimeout = visibilityTimeout;
    this.log = dispatcher.runtimeLogger();
    Map<String, ConsumerSpec> map = new LinkedHashMap<>();
    for (FunctionDefinition d : registry.definitions()) {
      if (d.trigger() instanceof QueueTrigger q) {
        map.putIfAbsent(q.queue(), new ConsumerSpec(q.queue(), d, Kind.QUEUE, q.batchSize(), q.ordered(),
            d.options().maxDeliveries()));
      } else if (d.trigger() instanceof ObjectTrigger o) {
        String name = objectQueue(o.bucket(), d.name());
        map.put(name, new ConsumerSpec(name, d, Kind.OBJECT, 1, false, d.options().maxDeliveries()));
      } else if (d.trigger() instanceof TopicTrigger t) {
        String name = topicQueue(t.topic(), d.name());
        map.put(name, new ConsumerSpec(name, d, Kind.TOPIC, 1, false, d.options().maxDeliveries()));
      } else if (d.trigger() instanceof ScheduleTrigger) {
        String name = scheduleQueue(d.name());
        map.put(name, new ConsumerSpec(name, d, Kind.SCHEDULE, 1, false, d.options().maxDeliveries()));
      }
    }
    this.consumers = Collections.unmodifiableMap(map);
  }

  static String objectQueue(String bucket, String function) {
    return "_object." + bucket + "." + function;
  }

  static String topicQueue(String topic, String function) {
    return "_topic." + topic + "." + function;
  }

  static String scheduleQueue(String function) {
    return "_schedule." + function;
  }

  /** The internal queue that carries {@code function}'s object, topic or schedule events; empty for others. */
  public Optional<String> eventQueueOf(String function) {
    return consumers.values().stream().filter(c -> c.kind != Kind.QUEUE && c.function.name().equals(function))
        .map(ConsumerSpec::queue).findFirst();
  }

  /** Every queue some function consumes, user queues and internal ones, in registration order. */
  public List<String> consumedQueues() {
    return List.copyOf(consumers.keySet());
  }

  /** The buckets that object functions watch. */
  public List<String> watchedBuckets() {
    return registry.ofKind(FunctionDefinition.Kind.STORAGE).stream()
        .map(d -> ((ObjectTrigger) d.trigger()).bucket()).distinct().toList();
  }

  public DurableQueue queue(String name) {
    return queues.apply(name);
  }

  /** Called with a queue's name whenever the engine or a sender puts a message on it; wakes that queue's poller. */
  public void onEnqueue(Consumer<String> listener) {
    this.onEnqueue = listener;
  }

  /** Tells the queue's poller that a message arrived. */
  public void enqueued(String queue) {
    try {
      onEnqueue.accept(queue);
    } catch (RuntimeException e) {
      log.error("Queue wake-up failed", e, "queue", queue);
    }
  }

  // ---------------------------------------------------------------- object events

  /**
   * An object was written ({@code written} present) or deleted: one durable delivery per subscribed function.
   *
   * @return how many functions it fires
   */
  public int objectChanged(String bucket, String key, Optional<ObjectInfo> written) {
    ObjectEventKind kind = written.isPresent() ? ObjectEventKind.CREATED : ObjectEventKind.DELETED;
    lastKnown.put(bucket + "/" + key, written.map(ObjectInfo::etag).orElse(""));
    List<FunctionDefinition> subscribers = registry.objectSubscribers(bucket, kind, key);
    if (subscribers.isEmpty()) {
      return 0;
    }
    ObjectEvent.Builder b = ObjectEvent.builder().kind(kind).bucket(bucket).key(key);
    if (written.isPresent()) {
      ObjectInfo info = written.get();
      String generation = info.version().orElse(Long.toString(info.lastModified().toEpochMilli()));
      b.id(bucket + "/" + key + "#" + info.etag() + "/" + generation).time(info.lastModified()).size(info.size())
          .etag(info.etag()).version(info.version().orElse(null)).contentType(info.contentType().orElse(null));
    } else {
      b.id(bucket + "/" + key + "#deleted/" + UUID.randomUUID()).time(clock.instant());
    }
    OutgoingMessage event = OutgoingMessage.of(EventCodec.writeObjectEvent(b.build()));
    // The writer's trace, from the object's metadata, travels with the event as the clouds' notifications cannot.
    Map<String, String> metadata = written.map(ObjectInfo::metadata).orElse(Map.of());
    for (String name : List.of(TraceAttributes.TRACEPARENT, TraceAttributes.TRACESTATE)) {
      String value = metadata.get(name);
      if (value != null) {
        event = event.attribute(name, value);
      }
    }
    for (FunctionDefinition d : subscribers) {
      String q = objectQueue(bucket, d.name());
      queues.apply(q).send(event);
      enqueued(q);
    }
    return subscribers.size();
  }

  /**
   * A change seen on disk rather than through the port: fired only if it differs from the last one notified (a
   * write through the port is seen twice, once by the store's listener and once by the directory watcher).
   */
  public boolean fileObserved(String bucket, String key, Optional<ObjectInfo> current) {
    String known = lastKnown.get(bucket + "/" + key);
    String now = current.map(ObjectInfo::etag).orElse("");
    if (now.equals(known) || known == null && current.isEmpty()) {
      return false;
    }
    objectChanged(bucket, key, current);
    return true;
  }

  // ---------------------------------------------------------------- topics

  /**
   * Publishes: one copy on each subscriber's queue, so each retries on its own. The ordering key becomes the
   * copy's group key, which keeps order per key. Every copy has its own message id, as with SNS fanned out to SQS.
   *
   * @return the publish id
   */
  public String publish(String topic, OutgoingMessage message) {
    if (!message.delay().isZero()) {
      throw new MessagePublisherException(PortException.Reason.INVALID_ARGUMENT,
          "Topics deliver at once; a delay is only supported by queues");
    }
    for (FunctionDefinition d : registry.topicSubscribers(topic)) {
      String q = topicQueue(topic, d.name());
      queues.apply(q).send(message);
      enqueued(q);
    }
    return UUID.randomUUID().toString();
  }

  // ---------------------------------------------------------------- schedules

  /**
   * Enqueues every run due at {@code now}. The first time a schedule is seen, its clock starts at {@code now} and
   * nothing fires. A schedule more than one interval behind (the runtime was stopped) fires once, for its latest
   * missed slot, with {@code pastDue}: missed runs are reported, not replayed.
   *
   * @return how many runs were enqueued
   */
  public int fireDueSchedules(Instant now) {
    int fired = 0;
    for (FunctionDefinition d : registry.ofKind(FunctionDefinition.Kind.SCHEDULE)) {
      try {
        fired += fireIfDue(d, now) ? 1 : 0;
      } catch (RuntimeException e) {
        log.error("Could not fire schedule", e, "function", d.name());
      }
    }
    return fired;
  }

  private boolean fireIfDue(FunctionDefinition d, Instant now) {
    ScheduleTrigger trigger = (ScheduleTrigger) d.trigger();
    Optional<KeyValueEntry> entry = scheduleState.get(d.name());
    if (entry.isEmpty()) {
      scheduleState.putIfAbsent(d.name(), state(now, false), null);
      return false;
    }
    JsonNode state = readState(entry.get());
    Instant last = Instant.parse(state.path("last").asText());
    Optional<Instant> due = trigger.cron().next(last, trigger.zone());
    if (due.isEmpty() || due.get().isAfter(now)) {
      return false;
    }
    Instant scheduled = due.get();
    boolean pastDue = Duration.between(scheduled, now).compareTo(LATE_TOLERANCE) > 0;
    for (int i = 0; i < MAX_SLOT_SCAN; i++) {
      Optional<Instant> following = trigger.cron().next(scheduled, trigger.zone());
      if (following.isEmpty() || following.get().isAfter(now)) {
        break;
      }
      scheduled = following.get();
      pastDue = true;
    }
    Optional<Instant> lastRun = state.path("ran").asBoolean(false) ? Optional.of(last) : Optional.empty();
    byte[] body = EventCodec.writeScheduledRun(d.name() + "@" + scheduled, d.name(), scheduled, pastDue, lastRun,
        trigger.cron().next(scheduled, trigger.zone()));
    String q = scheduleQueue(d.name());
    queues.apply(q).send(OutgoingMessage.of(body));
    // Enqueued before the state moves on: a crash in between runs the slot twice rather than never.
    scheduleState.put(d.name(), state(scheduled, true));
    enqueued(q);
    if (pastDue) {
      log.warn("Schedule is past due; firing its latest missed run once", "function", d.name(),
          "scheduledTime", scheduled.toString());
    }
    return true;
  }

  /**
   * Runs schedule function {@code function} now, once, as an extra run that leaves its schedule alone: the run is
   * queued (retried and dead-lettered like any) with the current time as its scheduled time.
   *
   * @return the run's event id
   * @throws IllegalArgumentException if no schedule function has that name
   */
  public String fireNow(String function) {
    FunctionDefinition d = registry.find(function).filter(f -> f.kind() == FunctionDefinition.Kind.SCHEDULE)
        .orElseThrow(() -> new IllegalArgumentException("No schedule function named '" + function + "'"));
    ScheduleTrigger trigger = (ScheduleTrigger) d.trigger();
    Instant now = clock.instant();
    String id = d.name() + "@" + now + "#manual";
    byte[] body = EventCodec.writeScheduledRun(id, d.name(), now, false, Optional.empty(),
        trigger.cron().next(now, trigger.zone()));
    String q = scheduleQueue(d.name());
    queues.apply(q).send(OutgoingMessage.of(body));
    enqueued(q);
    log.info("Schedule fired by hand", "function", d.name(), "eventId", id);
    return id;
  }

  /** The function that consumes {@code queue}, user queue or internal one. */
  public Optional<FunctionDefinition> consumerOf(String queue) {
    return Optional.ofNullable(consumers.get(queue)).map(ConsumerSpec::function);
  }

  /** The earliest time a schedule is next due, for tickers that sleep until then. */
  public Optional<Instant> nextScheduleAt() {
    Instant next = null;
    for (FunctionDefinition d : registry.ofKind(FunctionDefinition.Kind.SCHEDULE)) {
      ScheduleTrigger t = (ScheduleTrigger) d.trigger();
      Optional<Instant> from = scheduleState.get(d.name()).map(e -> Instant.parse(readState(e).path("last").asText()));
      if (from.isEmpty()) {
        return Optional.of(clock.instant()); // not started yet: start it now
      }
      Optional<Instant> due = t.cron().next(from.get(), t.zone());
      if (due.isPresent() && (next == null || due.get().isBefore(next))) {
        next = due.get();
      }
    }
    return Optional.ofNullable(next);
  }

  private static byte[] state(Instant last, boolean ran) {
    ObjectNode n = JSON.createObjectNode();
    n.put("last", last.toString());
    n.put("ran", ran);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode readState(KeyValueEntry e) {
    try {
      return JSON.readTree(e.value());
    } catch (IOException ex) {
      throw new IllegalStateException("Schedule state for " + e.key() + " is not JSON", ex);
    }
  }

  // ---------------------------------------------------------------- polling

  /**
   * Leases up to a batch of the queue's visible messages, runs them through its function and settles each:
   * success acknowledges; a permanent failure, or one at the trigger's delivery limit, dead-letters (logged as a
   * warning); any other failure is retried after a backoff. After a failure in an ordered batch the remaining
   * messages were not attempted, so they are released at once without counting as failures.
   *
   * @return how many messages were leased; 0 when nothing was visible or nobody consumes the queue
   */
  public int pollQueue(String queueName) {
    ConsumerSpec c = consumers.get(queueName);
    if (c == null) {
      return 0;
    }
    DurableQueue queue = queues.apply(queueName);
    List<Delivery> deliveries = queue.receive(c.batchSize, visibilityTimeout);
    if (deliveries.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Invocation invocation = Invocation.of(UUID.randomUUID().toString(), now.plus(invocationTimeout));
    switch (c.kind) {
      case QUEUE -> runQueueBatch(c, queue, deliveries, invocation);
      case OBJECT, TOPIC, SCHEDULE -> {
        for (Delivery d : deliveries) {
          settle(c, queue, d, runEvent(c, d, invocation, now), false);
        }
      }
    }
    return deliveries.size();
  }

  private void runQueueBatch(ConsumerSpec c, DurableQueue queue, List<Delivery> deliveries, Invocation invocation) {
    dev.faas4j.spi.Delivery.Builder batch = dev.faas4j.spi.Delivery.builder(invocation).function(c.function.name())
        .ordered(c.ordered);
    for (Delivery d : deliveries) {
      batch.event(QueueMessage.builder().id(d.id()).queue(c.queue).time(d.sentAt()).body(d.body())
          .attributes(d.attributes()).deliveryAttempt(d.deliveryAttempt()).groupKey(d.groupKey().orElse(null))
          .build());
    }
    DeliveryResult result = dispatcher.deliver(batch.build());
    boolean failedBefore = false;
    for (int i = 0; i < deliveries.size(); i++) {
      Outcome o = result.outcomes().get(i);
      settle(c, queue, deliveries.get(i), o, c.ordered && failedBefore);
      failedBefore |= !o.isSuccess();
    }
  }

  private Outcome runEvent(ConsumerSpec c, Delivery d, Invocation invocation, Instant now) {
    dev.faas4j.spi.Delivery.Builder one = dev.faas4j.spi.Delivery.builder(invocation).function(c.function.name());
    try {
      one.event(switch (c.kind) {
        case OBJECT -> EventCodec.readObjectEvent(d.body());
        case TOPIC -> TopicMessage.builder().id(d.id()).topic(((TopicTrigger) c.function.trigger()).topic())
            .time(d.sentAt()).body(d.body()).attributes(d.attributes()).deliveryAttempt(d.deliveryAttempt())
            .groupKey(d.groupKey().orElse(null)).build();
        case SCHEDULE -> EventCodec.readScheduledRun(d.body(), now);
        case QUEUE -> throw new IllegalStateException("queue batches are not events");
      }, c.kind == Kind.OBJECT ? TraceAttributes.read(d.attributes()::get) : Optional.empty());
    } catch (RuntimeException e) {
      // Only a corrupt internal message gets here: rejected, so it is dead-lettered at once.
      one.rejected(d.id(), e instanceof InvalidEventException invalid ? invalid
          : new InvalidEventException("Internal event is unreadable (" + e.getClass().getSimpleName() + ")", e));
    }
    return dispatcher.deliver(one.build()).aggregate();
  }

  private void settle(ConsumerSpec c, DurableQueue queue, Delivery d, Outcome o, boolean notAttempted) {
    // One line per delivery, the local counterpart of a platform's invocation log.
    log.info(o.isSuccess() ? "Delivered" : "Delivery failed", "function", c.function.name(), "queue", c.queue,
        "messageId", d.id(), "deliveryAttempt", d.deliveryAttempt(), "outcome", o.status().name());
    if (o.isSuccess()) {
      queue.ack(d);
    } else if (notAttempted) {
      queue.retryLater(d, Duration.ZERO);
    } else if (o.isPermanent() || d.deliveryAttempt() >= c.maxDeliveries) {
      String reason = (o.isPermanent() ? "rejected: " : "failed " + d.deliveryAttempt() + " times: ") + o.message();
      queue.deadLetter(d, reason);
      log.warn("Message dead-lettered", "function", c.function.name(), "queue", c.queue, "messageId", d.id(),
          "deliveryAttempt", d.deliveryAttempt(), "reason", reason);
    } else {
      queue.retryLater(d, backoff(d.deliveryAttempt()));
    }
  }

  /** 1 s after the first failed delivery, doubling to at most 60 s. */
  static Duration backoff(int deliveryAttempt) {
    int exponent = Math.min(Math.max(deliveryAttempt - 1, 0), 6);
    Duration d = Duration.ofSeconds(1L << exponent);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** The earliest time a leased, retried or delayed message of a consumed queue becomes visible. */
  public Optional<Instant> nextVisibleAt() {
    Instant next = null;
    for (String q : consumers.keySet()) {
      Optional<Instant> at = queues.apply(q).nextVisibleAt();
      if (at.isPresent() && (next == null || at.get().isBefore(next))) {
        next = at.get();
      }
    }
    return Optional.ofNullable(next);
  }
}
