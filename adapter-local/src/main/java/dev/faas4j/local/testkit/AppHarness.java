package dev.faas4j.local.testkit;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.internal.LocalEngine;
import dev.faas4j.local.internal.LocalPlatform;
import dev.faas4j.local.store.DurableQueue;
import dev.faas4j.local.store.InMemoryDurableQueue;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import dev.faas4j.port.memory.InMemoryObjectStorage;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.TraceAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A whole application in-process, for tests: the same trigger engine as the local runtime over in-memory ports, a
 * {@link ManualClock}, and no threads, so every test is deterministic and never sleeps.
 *
 * <pre>{@code
 * AppHarness app = AppHarness.start(new ShopApp());
 * app.objectStorage("raw-images").put("cat.jpg", bytes);
 * app.drain();                                     // runs the object functions, and whatever they trigger
 * assertThat(app.objectStorage("thumbnails").head("cat.jpg")).isPresent();
 * app.advance(Duration.ofDays(1));                 // fires the schedules due on the way
 * }</pre>
 *
 * <p>Writes, sends and publishes only enqueue: functions run when the test calls {@link #drain()} or
 * {@link #advance(Duration)}, so a test decides when things happen. A failed delivery is retried after its backoff,
 * which passes when the test advances the clock.
 */
public final class AppHarness {
  private static final int MAX_POLLS = 100_000;
  private static final int MAX_STEPS = 1_000_000;

  private final ManualClock clock;
  private final LocalPlatform platform;
  private final Dispatcher dispatcher;
  private final LocalEngine engine;
  private final CapturedLogs logs;

  private AppHarness(FunctionApp app, ManualClock clock, Map<String, String> config) {
    this.clock = clock;
    this.logs = new CapturedLogs();
    Map<String, String> settings = Map.copyOf(config);
    this.platform = new LocalPlatform("test", clock, (b, l) -> bucket(b, l, clock), q -> new InMemoryDurableQueue(q, clock),
        t -> new InMemoryKeyValueStore(t, clock), settings::get);
    LogConfig logConfig = new LogConfig(LogLevel.DEBUG, LogFormat.json(), logs, LogConfig.DEFAULT_REDACTED_WORDS,
        clock);
    this.dispatcher = new Dispatcher(FunctionRegistry.of(app, platform), "test", logConfig);
    this.engine = new LocalEngine(dispatcher, platform::durableQueue,
        platform.keyValueStore(LocalEngine.SCHEDULE_TABLE), clock, Duration.ofSeconds(60), Duration.ofMinutes(2));
    platform.bind(engine);
    engine.fireDueSchedules(clock.instant()); // starts every schedule's clock now
  }

  private static ObjectStorage bucket(String name, LocalPlatform.ChangeListener listener, ManualClock clock) {
    InMemoryObjectStorage storage = new InMemoryObjectStorage(name, clock);
    storage.onChange(c -> listener.changed(c.bucket(), c.key(), c.written()));
    return storage;
  }

  /** The application on a clock at 2030-01-01T00:00:00Z, with no configuration. */
  public static AppHarness start(FunctionApp app) {
    return start(app, ManualClock.startingAtEpochOf2030(), Map.of());
  }

  /** The application on {@code clock}, with {@code config} as its configuration values. */
  public static AppHarness start(FunctionApp app, ManualClock clock, Map<String, String> config) {
    return new AppHarness(app, clock, config);
  }

  /** Serves a request as the HTTP server would (routing, 404/405, error bodies, the {@code traceparent} header). */
  public HttpResponse http(HttpRequest request) {
    return dispatcher.http(null, request, new Invocation(UUID.randomUUID().toString(),
        clock.instant().plus(Duration.ofSeconds(60)), TraceAttributes.of(request)));
  }

  /** Sends to a queue; its function runs on {@link #drain()}. */
  public String send(String queue, OutgoingMessage message) {
    return platform.messageQueue(queue).send(message);
  }

  /** Publishes to a topic; each subscriber runs on {@link #drain()}. */
  public String publish(String topic, OutgoingMessage message) {
    return platform.messagePublisher(topic).publish(message);
  }

  /** The application's store of {@code bucket}; writes fire object functions on {@link #drain()}. */
  public ObjectStorage objectStorage(String bucket) {
    return platform.objectStorage(bucket);
  }

  public KeyValueStore keyValueStore(String table) {
    return platform.keyValueStore(table);
  }

  public ManualClock clock() {
    return clock;
  }

  /**
   * Runs every queue (and object, topic and schedule deliveries) until no message is visible at the current time,
   * including messages the functions send along the way. Retries waiting on a backoff stay queued until the clock
   * reaches them.
   *
   * @return how many deliveries ran
   * @throws IllegalStateException if messages keep arriving (a function that re-sends forever)
   */
  public int drain() {
    int total = 0;
    for (int polls = 0; polls < MAX_POLLS; ) {
      int round = 0;
      for (String q : engine.consumedQueues()) {
        int n = engine.pollQueue(q);
        polls++;
        round += n;
        total += n;
      }
      if (round == 0) {
        return total;
      }
    }
    throw new IllegalStateException("drain() did not settle after " + MAX_POLLS
        + " polls: a function keeps producing messages");
  }

  /**
   * Moves the clock forward by {@code amount}, stopping at every moment something is due on the way (a schedule,
   * a retry, a delayed message, an expired lease) to run it at that time, then drains at the end.
   *
   * @return how many deliveries ran
   */
  public int advance(Duration amount) {
    Instant target = clock.instant().plus(amount);
    int total = drain();
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Instant> next = earliest(engine.nextScheduleAt(), engine.nextVisibleAt());
      if (next.isEmpty() || next.get().isAfter(target)) {
        clock.set(target);
        engine.fireDueSchedules(target);
        return total + drain();
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      engine.fireDueSchedules(clock.instant());
      total += drain();
    }
    throw new IllegalStateException("advance(" + amount + ") had more than " + MAX_STEPS + " due moments");
  }

  /** Messages dead-lettered from a queue, oldest first. */
  public List<DurableQueue.Delivery> deadLetters(String queue) {
    return platform.durableQueue(queue).deadLetters();
  }

  /** Object, topic or schedule events dead-lettered for {@code function}, oldest first. */
  public List<DurableQueue.Delivery> deadLettersOf(String function) {
    return engine.eventQueueOf(function).map(q -> platform.durableQueue(q).deadLetters()).orElse(List.of());
  }

  /** Every log line written so far (JSON, one object per line), functions' and the runtime's. */
  public CapturedLogs logs() {
    return logs;
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
  }
}
