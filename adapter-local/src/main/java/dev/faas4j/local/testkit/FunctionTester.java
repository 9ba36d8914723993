package dev.faas4j.local.testkit;

import dev.faas4j.CloudEventFunction;
import dev.faas4j.FunctionApp;
import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.Platform;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.TraceContext;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.local.internal.Replays;
import dev.faas4j.local.testkit.TestEvents.EventBuilder;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.DeliveryResult;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.spi.Outcome;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.Triggers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.faas4j.event.ObjectEventKind;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function in one line through sdk-core's {@link Dispatcher}, the code every adapter runs, so that what a
 * test sees is what production does: an {@link dev.faas4j.event.InvalidEventException} is a 400, any other
 * exception a 500 with no stack trace in the body, a poison message fails alone in its batch, and each failure is
 * logged once.
 *
 * <pre>{@code
 * HttpResponse response = FunctionTester.http(new CreateUser(users))
 *     .call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")));
 *
 * FunctionTester.QueueCaller orders = FunctionTester.queue(new ProcessOrder(store));
 * BatchOutcome batch = orders.callBatch(TestEvents.queueBatch("orders", order1, "not json", order3));
 * orders.logs().assertLogged(LogLevel.WARN, "Invocation rejected");
 *
 * FunctionTester app = FunctionTester.forApp(new ShopApp(), platform);
 * app.http().call(TestEvents.http("GET", "/users/42"));           // routed by method and path
 * app.queue("processOrder").call(TestEvents.queueMessage("orders", order));
 * }</pre>
 *
 * <p>Each invocation gets the id {@code test-invocation-<n>}, a deadline {@link TestContext#DEFAULT_TIMEOUT} after
 * the platform clock's current time, and the trace of an HTTP request's {@code traceparent} header. Logs, at
 * {@code DEBUG} in the portable JSON format, go to {@link #logs()}; the first invocation is the cold start. To
 * call a handler directly, without the dispatcher, use a {@link TestContext}.
 */
public final class FunctionTester {
  private final FunctionRegistry registry;
  private final Dispatcher dispatcher;
  private final CapturedLogs logs;
  private final Clock clock;
  private final AtomicLong invocations;
  /** What the HTTP functions threw, by invocation id: the dispatcher maps it to a status and keeps only a log line. */
  private final Map<String, Throwable> thrown;
  private final boolean rethrow;
  private final Platform platform;

  private FunctionTester(FunctionApp app, Platform platform) {
    this(app, platform, new CapturedLogs(), new AtomicLong());
  }

  private FunctionTester(FunctionApp app, Platform platform, CapturedLogs logs, AtomicLong invocations) {
    this.logs = logs;
    this.invocations = invocations;
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(platform, "platform");
    this.thrown = new ConcurrentHashMap<>();
    this.registry = FunctionRegistry.of(RecordingFunctions.app(app, thrown), platform);
    this.clock = platform.clock();
    this.platform = platform;
    LogConfig config = new LogConfig(LogLevel.DEBUG, LogFormat.json(), logs, LogConfig.DEFAULT_REDACTED_WORDS,
        clock);
    this.dispatcher = new Dispatcher(registry, platform.name(), config);
    this.rethrow = false;
  }

  /** The same tester, but a function's exception is thrown to the test instead of becoming a status. */
  private FunctionTester(FunctionTester other) {
    this.registry = other.registry;
    this.dispatcher = other.dispatcher;
    this.logs = other.logs;
    this.clock = other.clock;
    this.invocations = other.invocations;
    this.thrown = other.thrown;
    this.platform = other.platform;
    this.rethrow = true;
  }

  // ---------------------------------------------------------------- one function

  /** An HTTP function that serves every request it is given, with no path parameters. */
  public static HttpCaller http(HttpFunction function) {
    String name = nameOf(function);
    return alone((f, p) -> f.http(name, Triggers.route("ANY", "/"), function)).new HttpCaller(name);
  }

  /**
   * An HTTP function behind {@code route}, e.g. {@code route("GET /users/{id}")}: requests are routed as on a
   * platform, so path parameters are filled in and other paths get a 404, other methods a 405.
   */
  public static HttpCaller http(HttpRoute route, HttpFunction function) {
    Objects.requireNonNull(route, "route");
    String name = nameOf(function);
    return alone((f, p) -> f.http(name, route, function)).new HttpCaller(null);
  }

  /** A function that handles one queue message at a time; a batch is run for it message by message. */
  public static QueueCaller queue(QueueFunction function) {
    String name = nameOf(function);
    return new Unbound(q -> (f, p) -> f.onQueueMessage(name, Triggers.queue(q), function)).queueCaller(name);
  }

  /** As {@link #queue(QueueFunction)}, with the trigger's settings: {@code queue("orders").fifo()} stops a batch at its first failure. */
  public static QueueCaller queue(QueueTrigger trigger, QueueFunction function) {
    Objects.requireNonNull(trigger, "trigger");
    String name = nameOf(function);
    return alone((f, p) -> f.onQueueMessage(name, trigger, function)).queueCaller(name);
  }

  /** A function that sees a whole batch at once and reports which messages failed. */
  public static QueueCaller queueBatch(QueueBatchFunction function) {
    String name = nameOf(function);
    return new Unbound(q -> (f, p) -> f.onQueueBatch(name, Triggers.queue(q), function)).queueCaller(name);
  }

  /** As {@link #queueBatch(QueueBatchFunction)}, with the trigger's settings (e.g. {@code fifo()}). */
  public static QueueCaller queueBatch(QueueTrigger trigger, QueueBatchFunction function) {
    Objects.requireNonNull(trigger, "trigger");
    String name = nameOf(function);
    return alone((f, p) -> f.onQueueBatch(name, trigger, function)).queueCaller(name);
  }

  /**
   * A storage function with no trigger of its own: it gets every event it is given, whatever the bucket or kind.
   * To test its trigger's filters too, register it in an app and use {@link #forApp}.
   */
  public static EventCaller<ObjectEvent> object(ObjectFunction function) {
    String name = nameOf(function);
    return new Unbound(b -> (f, p) -> f.onObject(name, Triggers.bucket(b).on(ObjectEventKind.values()), function))
        .eventCaller(name);
  }

  /** A topic function that gets every message it is given, whatever the topic. */
  public static EventCaller<TopicMessage> topic(TopicFunction function) {
    String name = nameOf(function);
    return new Unbound(t -> (f, p) -> f.onTopicMessage(name, Triggers.topic(t), function))
        .eventCaller(name);
  }

  public static EventCaller<ScheduleEvent> schedule(ScheduleFunction function) {
    String name = nameOf(function);
    return alone((f, p) -> f.onSchedule(name, Triggers.cron("0 0 * * *"), function)).eventCaller(name);
  }

  /** A CloudEvent function that gets every event it is given, whatever its type. */
  public static EventCaller<CloudEvent> cloudEvent(CloudEventFunction function) {
    String name = nameOf(function);
    return new Unbound(t -> (f, p) -> f.onCloudEvent(name, Triggers.cloudEvent(t), function)).eventCaller(name);
  }

  /**
   * Where a single function's calls go: without a trigger of its own, the function is registered for the resource
   * (bucket, queue, topic) each event names, so the production dispatch path, trigger filters included, lets it
   * through. Every resource's tester shares one log and invocation counter.
   */
  private static final class Unbound {
    private final Function<String, FunctionApp> appFor;
    private final Map<String, FunctionTester> testers = new ConcurrentHashMap<>();
    private final CapturedLogs logs = new CapturedLogs();
    private final AtomicLong invocations = new AtomicLong();
    private final Platform platform = new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of());

    Unbound(Function<String, FunctionApp> appFor) {
      this.appFor = appFor;
    }

    QueueCaller queueCaller(String name) {
      return new QueueCaller(name, this::forEvent, logs, false);
    }

    <E extends Event> EventCaller<E> eventCaller(String name) {
      return new EventCaller<>(name, this::forEvent, logs, false);
    }

    FunctionTester forEvent(Event event) {
      String resource = event instanceof ObjectEvent o ? o.bucket()
          : event instanceof QueueMessage m ? m.queue()
          : event instanceof TopicMessage t ? t.topic()
          : event instanceof CloudEvent c ? c.type()
          : "schedule";
      return testers.computeIfAbsent(resource,
          r -> new FunctionTester(appFor.apply(r), platform, logs, invocations));
    }
  }

  // ---------------------------------------------------------------- a whole application

  /** {@code app} configured on a fresh {@link InMemoryPlatform} whose clock is a {@link ManualClock} at 2030. */
  public static FunctionTester forApp(FunctionApp app) {
    return forApp(app, new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of()));
  }

  /**
   * {@code app} configured on {@code platform}: pass an {@link InMemoryPlatform} you keep, to read back what the
   * functions wrote and to move its clock.
   *
   * @throws dev.faas4j.trigger.InvalidTriggerException if the app registers a function wrongly, as at deployment
   */
  public static FunctionTester forApp(FunctionApp app, Platform platform) {
    return new FunctionTester(app, platform);
  }

  /**
   * This tester with the functions' own exceptions thrown to the test, as they were thrown, instead of mapped to a
   * 4xx/5xx or a failed outcome: for a debugger's breakpoint or a test that expects the exception. Logs, platform
   * and invocation counter are shared with this tester.
   */
  public FunctionTester rethrowing() {
    return rethrow ? this : new FunctionTester(this);
  }

  /** The app's HTTP functions, routed by method and path as on a platform. */
  public HttpCaller http() {
    return new HttpCaller(null);
  }

  /** The queue function (single-message or batch) registered as {@code name}. */
  public QueueCaller queue(String name) {
    return new QueueCaller(registered(name, FunctionDefinition.Kind.QUEUE), e -> this, logs, false);
  }

  public EventCaller<ObjectEvent> object(String name) {
    return eventCaller(registered(name, FunctionDefinition.Kind.STORAGE));
  }

  public EventCaller<TopicMessage> topic(String name) {
    return eventCaller(registered(name, FunctionDefinition.Kind.TOPIC));
  }

  public EventCaller<ScheduleEvent> schedule(String name) {
    return eventCaller(registered(name, FunctionDefinition.Kind.SCHEDULE));
  }

  public EventCaller<CloudEvent> cloudEvent(String name) {
    return eventCaller(registered(name, FunctionDefinition.Kind.CLOUD_EVENT));
  }

  /**
   * Runs a message a cloud dead-lettered, as that cloud hands it over (an SQS dead-letter message or Lambda SQS
   * event, a Pub/Sub push body or pulled message, an Azure poison-queue message, as JSON), through that cloud's
   * adapter mapping into this app: the function gets the portable event it got in the cloud. The cloud is found
   * from the payload's shape; the adapter must be on the test class path.
   *
   * @throws dev.faas4j.event.InvalidEventException if no adapter on the class path recognises the payload
   */
  public BatchOutcome replay(byte[] payload) {
    return replay(null, payload, null);
  }

  /**
   * As {@link #replay(byte[])} with the cloud named ({@code aws}, {@code gcp}, {@code azure}) and, for formats
   * that do not name their queue (SQS and Azure dead-letter messages), the logical queue to replay on.
   */
  public BatchOutcome replay(@Nullable String cloud, byte[] payload, @Nullable String queue) {
    return replay(cloud, payload, queue, null);
  }

  /**
   * As {@link #replay(String, byte[], String)} for a deployment that names its function ({@code FAAS4J_FUNCTION}),
   * which decides, on Google Cloud, whether a Pub/Sub message is a queue or a topic message.
   */
  public BatchOutcome replay(@Nullable String cloud, byte[] payload, @Nullable String queue,
      @Nullable String function) {
    Objects.requireNonNull(payload, "payload");
    Invocation invocation = invocation(Optional.empty());
    Delivery delivery = Replays.map(cloud, payload, queue, function, dispatcher,
        key -> platform.config(key).orElse(null), clock, invocation);
    DeliveryResult result = dispatcher.deliver(delivery);
    Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
    List<String> failed = new java.util.ArrayList<>();
    Map<String, Failure> failures = new java.util.LinkedHashMap<>();
    for (int i = 0; i < delivery.items().size(); i++) {
      String id = delivery.items().get(i).id();
      Outcome o = result.outcomes().get(i);
      outcomes.put(id, o);
      if (!o.isSuccess()) {
        rethrowIf(false, o);
        failed.add(id);
        failures.put(id, failure(o, invocation));
      }
    }
    return new BatchOutcome(outcomes, failed, failures);
  }

  /** Every line logged by the functions and by the dispatcher. */
  public CapturedLogs logs() {
    return logs;
  }

  @Override
  public String toString() {
    return "FunctionTester" + registry.definitions().stream().map(FunctionDefinition::describe).toList();
  }

  // ---------------------------------------------------------------- callers

  /** Calls HTTP functions. */
  public final class HttpCaller {
    private final @Nullable String name;

    private HttpCaller(@Nullable String name) {
      this.name = name;
    }

    /**
     * Serves {@code request}; a function's failure becomes a 4xx or 5xx response (or, on a
     * {@linkplain FunctionTester#rethrowing() rethrowing} tester, is thrown). {@link #invoke} says why.
     */
    public HttpResponse call(HttpRequest request) {
      return invoke(request).response();
    }

    public HttpResponse call(EventBuilder<HttpRequest> request) {
      return call(request.build());
    }

    /** As {@link #call(HttpRequest)}, with the failure (exception, logged reason) of a 4xx or 5xx. */
    public HttpResult invoke(HttpRequest request) {
      Objects.requireNonNull(request, "request");
      Invocation invocation = invocation(TraceAttributes.of(request));
      HttpResponse response = dispatcher.http(name, request, invocation);
      Throwable t = thrown.remove(invocation.invocationId());
      rethrowIfAsked(t);
      if (response.status() < 400) {
        return new HttpResult(response, Optional.empty());
      }
      String reason = response.isTextual() ? response.text() : "";
      return new HttpResult(response, Optional.of(failure(Integer.toString(response.status()), t, reason,
          invocation)));
    }

    public HttpResult invoke(EventBuilder<HttpRequest> request) {
      return invoke(request.build());
    }

    /** This caller with the function's exception thrown to the test instead of becoming a 4xx or 5xx. */
    public HttpCaller rethrowing() {
      return FunctionTester.this.rethrowing().new HttpCaller(name);
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  /** Calls a queue function with one message or a batch. */
  public static final class QueueCaller {
    private final String name;
    private final Function<Event, FunctionTester> target;
    private final CapturedLogs logs;
    private final boolean rethrow;

    private QueueCaller(String name, Function<Event, FunctionTester> target, CapturedLogs logs, boolean rethrow) {
      this.name = name;
      this.target = target;
      this.logs = logs;
      this.rethrow = rethrow;
    }

    /** Delivers one message; a failure is an outcome, not an exception. {@link #invoke} says why. */
    public Outcome call(QueueMessage message) {
      return invoke(message).outcome();
    }

    public Outcome call(EventBuilder<QueueMessage> message) {
      return call(message.build());
    }

    /** As {@link #call(QueueMessage)}, with the failure (exception, logged reason) if it failed. */
    public EventResult invoke(QueueMessage message) {
      Objects.requireNonNull(message, "message");
      return target.apply(message).deliver(name, message, rethrow);
    }

    public EventResult invoke(EventBuilder<QueueMessage> message) {
      return invoke(message.build());
    }

    /** This caller with the function's exception thrown to the test instead of becoming a failed outcome. */
    public QueueCaller rethrowing() {
      return new QueueCaller(name, target, logs, true);
    }

    /**
     * Delivers a batch in one invocation: one outcome per message, and the failed ids as the platform would be
     * told them.
     */
    public BatchOutcome callBatch(List<QueueMessage> messages) {
      Objects.requireNonNull(messages, "messages");
      List<QueueMessage> batch = List.copyOf(messages);
      if (batch.isEmpty()) {
        return new BatchOutcome(Map.of(), List.of());
      }
      FunctionTester tester = target.apply(batch.get(0));
      Delivery.Builder delivery = Delivery.builder(tester.invocation(Optional.empty())).function(name);
      batch.forEach(delivery::event);
      DeliveryResult result = tester.dispatcher.deliver(delivery.build());
      Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
      List<String> failed = new java.util.ArrayList<>();
      Map<String, Failure> failures = new java.util.LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        outcomes.put(batch.get(i).id(), result.outcomes().get(i));
      }
      for (int i : result.failed()) {
        Outcome o = result.outcomes().get(i);
        tester.rethrowIf(rethrow, o);
        failed.add(batch.get(i).id());
        failures.put(batch.get(i).id(), tester.failure(o, delivery.build().invocation()));
      }
      return new BatchOutcome(outcomes, failed, failures);
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  /** Calls a storage, topic or schedule function. */
  public static final class EventCaller<E extends Event> {
    private final String name;
    private final Function<Event, FunctionTester> target;
    private final CapturedLogs logs;
    private final boolean rethrow;

    private EventCaller(String name, Function<Event, FunctionTester> target, CapturedLogs logs, boolean rethrow) {
      this.name = name;
      this.target = target;
      this.logs = logs;
      this.rethrow = rethrow;
    }

    /**
     * Delivers {@code event}; a failure is an outcome, not an exception. An event that the function's trigger does
     * not match (another bucket, key or topic) is {@link Outcome.Status#SKIPPED}, as on every platform.
     */
    public Outcome call(E event) {
      return invoke(event).outcome();
    }

    public Outcome call(EventBuilder<? extends E> event) {
      return call(event.build());
    }

    /** As {@link #call(Event)}, with the failure (exception, logged reason) if it failed. */
    public EventResult invoke(E event) {
      Objects.requireNonNull(event, "event");
      return target.apply(event).deliver(name, event, rethrow);
    }

    public EventResult invoke(EventBuilder<? extends E> event) {
      return invoke(event.build());
    }

    /** This caller with the function's exception thrown to the test instead of becoming a failed outcome. */
    public EventCaller<E> rethrowing() {
      return new EventCaller<>(name, target, logs, true);
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  // ---------------------------------------------------------------- internals

  /** One event through the production dispatch path, trigger filters included. */
  private EventResult deliver(String name, Event event, boolean rethrowing) {
    Invocation invocation = invocation(Optional.empty());
    Outcome outcome = dispatcher.deliver(Delivery.of(name, invocation, event)).aggregate();
    rethrowIf(rethrowing, outcome);
    return new EventResult(outcome, outcome.isSuccess() ? Optional.empty()
        : Optional.of(failure(outcome, invocation)));
  }

  private void rethrowIf(boolean rethrowing, Outcome outcome) {
    if (rethrowing || rethrow) {
      outcome.error().ifPresent(FunctionTester::sneakyThrow);
    }
  }

  private void rethrowIfAsked(@Nullable Throwable t) {
    if (rethrow && t != null) {
      sneakyThrow(t);
    }
  }

  /** Throws {@code t} as it is, checked or not: the test sees exactly what the function threw. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  Failure failure(Outcome outcome, Invocation invocation) {
    return failure(outcome.status().name(), outcome.error().orElse(null), outcome.message(), invocation);
  }

  /** The failure of an invocation: its exception and the WARN and ERROR lines logged under its id. */
  private Failure failure(String status, @Nullable Throwable t, String reason, Invocation invocation) {
    List<String> logged = new java.util.ArrayList<>();
    for (Map<String, Object> r : logs.records()) {
      Object level = r.get("level");
      if (invocation.invocationId().equals(r.get("invocationId"))
          && ("WARN".equals(level) || "ERROR".equals(level))) {
        StringBuilder line = new StringBuilder().append(level).append(' ').append(r.get("message"));
        if (r.get("error") instanceof Map<?, ?> error && !String.valueOf(r.get("message")).contains(
            String.valueOf(error.get("message")))) {
          line.append(": ").append(error.get("type")).append(": ").append(error.get("message"));
        }
        logged.add(line.toString());
      }
    }
    return new Failure(status, Optional.ofNullable(t), reason, logged);
  }

  private static FunctionTester alone(FunctionApp app) {
    return new FunctionTester(app, new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of()));
  }

  private QueueCaller queueCaller(String name) {
    return new QueueCaller(name, e -> this, logs, false);
  }

  private <E extends Event> EventCaller<E> eventCaller(String name) {
    return new EventCaller<>(name, e -> this, logs, false);
  }

  private Invocation invocation(Optional<TraceContext> trace) {
    return new Invocation("test-invocation-" + invocations.incrementAndGet(),
        clock.instant().plus(TestContext.DEFAULT_TIMEOUT), trace);
  }

  /** Fails fast on a typo instead of returning a "not registered" outcome that a test might not look at. */
  private String registered(String name, FunctionDefinition.Kind kind) {
    Objects.requireNonNull(name, "name");
    if (registry.find(name).filter(d -> d.kind() == kind).isPresent()) {
      return name;
    }
    throw new IllegalArgumentException("No " + kind.name().toLowerCase(java.util.Locale.ROOT) + " function named '"
        + name + "'; the app registers " + registry.definitions().stream().map(FunctionDefinition::describe).toList());
  }

  /** {@code CreateUser} registers as {@code createUser}, as an app would name it; lambdas as {@code testFunction}. */
  static String nameOf(Object function) {
    Objects.requireNonNull(function, "function");
    Class<?> type = function.getClass();
    String simple = type.getSimpleName();
    int dollar = simple.indexOf('$');
    String name = dollar < 0 ? simple : simple.substring(0, dollar);
    if (type.isSynthetic() || type.isAnonymousClass() || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,62}")) {
      return "testFunction";
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
