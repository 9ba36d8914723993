package dev.faas4j.local.testkit;

import dev.faas4j.FunctionApp;
import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.Platform;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.local.testkit.TestEvents.EventBuilder;
import dev.faas4j.log.LogConfig;
import dev.faas4j.log.LogFormat;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.BatchOutcome;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.Triggers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  private final CapturedLogs logs = new CapturedLogs();
  private final Clock clock;
  private final AtomicLong invocations = new AtomicLong();

  private FunctionTester(FunctionApp app, Platform platform) {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(platform, "platform");
    this.registry = FunctionRegistry.of(app, platform);
    this.clock = platform.clock();
    LogConfig config = new LogConfig(LogLevel.DEBUG, LogFormat.json(), logs, LogConfig.DEFAULT_REDACTED_WORDS,
        clock);
    this.dispatcher = new Dispatcher(registry, platform.name(), config);
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
    return queue(Triggers.queue("test-queue"), function);
  }

  /** As {@link #queue(QueueFunction)}, with the trigger's settings: {@code queue("orders").fifo()} stops a batch at its first failure. */
  public static QueueCaller queue(QueueTrigger trigger, QueueFunction function) {
    Objects.requireNonNull(trigger, "trigger");
    String name = nameOf(function);
    return alone((f, p) -> f.onQueueMessage(name, trigger, function)).new QueueCaller(name);
  }

  /** A function that sees a whole batch at once and reports which messages failed. */
  public static QueueCaller queueBatch(QueueBatchFunction function) {
    return queueBatch(Triggers.queue("test-queue"), function);
  }

  /** As {@link #queueBatch(QueueBatchFunction)}, with the trigger's settings (e.g. {@code fifo()}). */
  public static QueueCaller queueBatch(QueueTrigger trigger, QueueBatchFunction function) {
    Objects.requireNonNull(trigger, "trigger");
    String name = nameOf(function);
    return alone((f, p) -> f.onQueueBatch(name, trigger, function)).new QueueCaller(name);
  }

  public static EventCaller<ObjectEvent> object(ObjectFunction function) {
    String name = nameOf(function);
    return alone((f, p) -> f.onObject(name, Triggers.bucket("test-bucket"), function)).objectCaller(name);
  }

  public static EventCaller<TopicMessage> topic(TopicFunction function) {
    String name = nameOf(function);
    return alone((f, p) -> f.onTopicMessage(name, Triggers.topic("test-topic"), function)).topicCaller(name);
  }

  public static EventCaller<ScheduleEvent> schedule(ScheduleFunction function) {
    String name = nameOf(function);
    return alone((f, p) -> f.onSchedule(name, Triggers.cron("0 0 * * *"), function)).scheduleCaller(name);
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

  /** The app's HTTP functions, routed by method and path as on a platform. */
  public HttpCaller http() {
    return new HttpCaller(null);
  }

  /** The queue function (single-message or batch) registered as {@code name}. */
  public QueueCaller queue(String name) {
    return new QueueCaller(registered(name, QueueFunction.class, QueueBatchFunction.class));
  }

  public EventCaller<ObjectEvent> object(String name) {
    return objectCaller(registered(name, ObjectFunction.class));
  }

  public EventCaller<TopicMessage> topic(String name) {
    return topicCaller(registered(name, TopicFunction.class));
  }

  public EventCaller<ScheduleEvent> schedule(String name) {
    return scheduleCaller(registered(name, ScheduleFunction.class));
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

    /** Serves {@code request}; never throws for a function's failure, which becomes a 4xx or 5xx response. */
    public HttpResponse call(HttpRequest request) {
      Objects.requireNonNull(request, "request");
      Optional<TraceContext> trace = request.header("traceparent").flatMap(TraceContext::fromTraceparent);
      return dispatcher.http(name, request, invocation(trace));
    }

    public HttpResponse call(EventBuilder<HttpRequest> request) {
      return call(request.build());
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  /** Calls a queue function with one message or a batch. */
  public final class QueueCaller {
    private final String name;

    private QueueCaller(String name) {
      this.name = name;
    }

    /** Delivers one message; a failure is an outcome, not an exception. */
    public Outcome call(QueueMessage message) {
      Objects.requireNonNull(message, "message");
      return dispatcher.queueMessage(name, message, invocation(Optional.empty()));
    }

    public Outcome call(EventBuilder<QueueMessage> message) {
      return call(message.build());
    }

    /**
     * Delivers a batch in one invocation: one outcome per message, and the failed ids as the platform would be
     * told them.
     */
    public BatchOutcome callBatch(List<QueueMessage> messages) {
      Objects.requireNonNull(messages, "messages");
      return dispatcher.queueBatch(name, List.copyOf(messages), invocation(Optional.empty()), false);
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  /** Calls a storage, topic or schedule function. */
  public final class EventCaller<E> {
    private final String name;
    private final Dispatch<E> dispatch;

    private EventCaller(String name, Dispatch<E> dispatch) {
      this.name = name;
      this.dispatch = dispatch;
    }

    /** Delivers {@code event}; a failure is an outcome, not an exception. */
    public Outcome call(E event) {
      Objects.requireNonNull(event, "event");
      return dispatch.call(name, event, invocation(Optional.empty()));
    }

    public Outcome call(EventBuilder<? extends E> event) {
      return call(event.build());
    }

    public CapturedLogs logs() {
      return logs;
    }
  }

  @FunctionalInterface
  private interface Dispatch<E> {
    Outcome call(String name, E event, Invocation invocation);
  }

  // ---------------------------------------------------------------- internals

  private static FunctionTester alone(FunctionApp app) {
    return new FunctionTester(app, new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of()));
  }

  private EventCaller<ObjectEvent> objectCaller(String name) {
    return new EventCaller<>(name, dispatcher::object);
  }

  private EventCaller<TopicMessage> topicCaller(String name) {
    return new EventCaller<>(name, dispatcher::topic);
  }

  private EventCaller<ScheduleEvent> scheduleCaller(String name) {
    return new EventCaller<>(name, dispatcher::schedule);
  }

  private Invocation invocation(Optional<TraceContext> trace) {
    return new Invocation("test-invocation-" + invocations.incrementAndGet(),
        clock.instant().plus(TestContext.DEFAULT_TIMEOUT), trace);
  }

  /** Fails fast on a typo instead of returning a "not registered" outcome that a test might not look at. */
  private String registered(String name, Class<?>... kinds) {
    Objects.requireNonNull(name, "name");
    Optional<FunctionDefinition> found = registry.find(name);
    if (found.isPresent()) {
      for (Class<?> kind : kinds) {
        if (kind.isInstance(found.get().handler())) {
          return name;
        }
      }
    }
    throw new IllegalArgumentException("No " + kinds[0].getSimpleName() + " named '" + name + "'; the app registers "
        + registry.definitions().stream().map(FunctionDefinition::describe).toList());
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
