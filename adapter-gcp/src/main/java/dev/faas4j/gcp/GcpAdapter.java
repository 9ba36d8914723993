package dev.faas4j.gcp;

import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.Origin;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionDefinition.Kind;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.Wire;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The mapping both entry points share: which kind of function a request is for, and the Google Cloud event it
 * carries as the portable event its function takes. Everything else (which function runs, trigger filters, how
 * outcomes become statuses) is the {@link Dispatcher}'s; events answer with {@link Dispatcher#httpResponse}, whose
 * statuses Pub/Sub push and Eventarc understand (only 102/200/201/202/204 acknowledge).
 *
 * <p>What the registry and the deployment's settings decide is indexed once, here: no request scans the registry
 * or reads a setting.
 */
final class GcpAdapter {
  private final FunctionHost host;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final @Nullable String name;
  /**
   * What a request that is no CloudEvent is for: the named function's kind; without a name HTTP if the app has an
   * HTTP function, SCHEDULE if it has only schedules (Cloud Scheduler's plain POST), else null (an event body).
   */
  private final @Nullable Kind target;
  private final LogicalNames names;
  private final Set<String> topics = new HashSet<>();
  private final Set<String> queues = new HashSet<>();
  /** What a Pub/Sub message for no known topic is for (a push envelope names only its subscription). */
  private final Kind pubsubKind;
  /**
   * The topic and the queue a push envelope, which names no topic, is attributed to: the named function's
   * trigger's, else the app's only topic (queue) function's, else null (the message cannot be attributed: never
   * a topic made from the subscription's name).
   */
  private final @Nullable String pushTopic;
  private final @Nullable String pushQueue;
  /** The schedule a run is for: the named function, else the app's only schedule function, else null. */
  private final @Nullable String schedule;
  /** Whether a CloudEvent may go to a CloudEvent function: the named one is one, or (unnamed) the app has one. */
  private final boolean cloudEvents;
  /** The HTTP origin's attributes when the request carries no per-request fact: the deployment's target. */
  private final Map<String, String> httpAttributes;

  GcpAdapter(FunctionHost host, Function<String, String> config, Clock clock) {
    this.host = host;
    this.dispatcher = host.dispatcher();
    this.clock = clock;
    this.name = host.functionName().orElse(null);
    FunctionRegistry registry = dispatcher.registry();
    this.names = LogicalNames.of(registry, config);
    List<FunctionDefinition> topicFns = registry.ofKind(Kind.TOPIC);
    List<FunctionDefinition> queueFns = registry.ofKind(Kind.QUEUE);
    List<FunctionDefinition> scheduleFns = registry.ofKind(Kind.SCHEDULE);
    for (FunctionDefinition d : topicFns) { // loops, not forEach: no lambda to link on a cold start
      topics.add(((TopicTrigger) d.trigger()).topic());
    }
    for (FunctionDefinition d : queueFns) {
      queues.add(((QueueTrigger) d.trigger()).queue());
    }
    FunctionDefinition named = name == null ? null : registry.find(name).orElseThrow();
    if (named != null) {
      this.target = named.kind();
    } else if (!registry.ofKind(Kind.HTTP).isEmpty()) {
      this.target = Kind.HTTP;
    } else {
      this.target = scheduleFns.size() == registry.definitions().size() ? Kind.SCHEDULE : null;
    }
    this.pubsubKind = named != null ? named.kind() : !topicFns.isEmpty() ? Kind.TOPIC
        : !queueFns.isEmpty() ? Kind.QUEUE : !scheduleFns.isEmpty() ? Kind.SCHEDULE : Kind.TOPIC;
    this.pushTopic = named != null ? (named.trigger() instanceof TopicTrigger t ? t.topic() : null)
        : topicFns.size() == 1 ? ((TopicTrigger) topicFns.get(0).trigger()).topic() : null;
    this.pushQueue = named != null ? (named.trigger() instanceof QueueTrigger q ? q.queue() : null)
        : queueFns.size() == 1 ? ((QueueTrigger) queueFns.get(0).trigger()).queue() : null;
    this.schedule = name != null ? name : scheduleFns.size() == 1 ? scheduleFns.get(0).name() : null;
    this.cloudEvents = named != null ? named.kind() == Kind.CLOUD_EVENT : !registry.ofKind(Kind.CLOUD_EVENT).isEmpty();
    String functionTarget = config.apply("FUNCTION_TARGET");
    this.httpAttributes = functionTarget == null || functionTarget.isBlank() ? Map.of()
        : Map.of(HttpMapping.TARGET, functionTarget);
  }

  /** The origin attributes every HTTP request of this deployment starts with. */
  Map<String, String> httpAttributes() {
    return httpAttributes;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The function the deployment names, for messages; "unnamed" when requests are routed. */
  String functionLabel() {
    return name != null ? name : "unnamed";
  }

  // ------------------------------------------------------------------ HTTP entry

  /**
   * Serves one request to the HTTP entry point: an HTTP function, or an event delivered over HTTP.
   *
   * @throws InvalidEventException if the request claims to be an event but cannot be mapped
   */
  HttpResponse serve(HttpRequest request, Invocation invocation) {
    if (target == Kind.HTTP && (name != null || !isCloudEvent(request))) {
      HttpResponse response = dispatcher.http(name, request, invocation);
      if (response.status() == 404 && name == null && request.method().equals("POST")) {
        // No route for it: a legacy event or a push envelope for the app's event function, if it is one.
        Optional<IncomingEvent> event = eventOrEmpty(request);
        if (event.isPresent()) {
          return Dispatcher.httpResponse(deliver(event.get(), invocation), invocation);
        }
      }
      return response;
    }
    Optional<IncomingEvent> event = EventParser.parse(request, target == Kind.SCHEDULE);
    Outcome outcome = event.isPresent() ? deliver(event.get(), invocation)
        : dispatcher.deliver(Delivery.of(name, invocation, schedulerRequest(request, invocation))).aggregate();
    return Dispatcher.httpResponse(outcome, invocation);
  }

  /**
   * Whether the request carries a CloudEvent by the Functions Framework's own test: a header or a content type.
   * Here rather than in {@link EventParser}, so that a plain HTTP request does not load the event parser (and,
   * verifying it, Jackson's tree types).
   */
  private static boolean isCloudEvent(HttpRequest request) {
    String type = request.contentType().orElse("").strip();
    return request.headers().contains("ce-specversion")
        || type.regionMatches(true, 0, "application/cloudevents", 0, "application/cloudevents".length());
  }

  private Optional<IncomingEvent> eventOrEmpty(HttpRequest request) {
    try {
      return EventParser.parse(request, true);
    } catch (InvalidEventException e) {
      return Optional.empty(); // not for us to judge: the 404 stands
    }
  }

  // ------------------------------------------------------------------ events

  /**
   * Dispatches an event: its portable form, or, when its data cannot be mapped, a rejected item that the
   * dispatcher logs once and answers as a client error.
   */
  Outcome deliver(IncomingEvent e, Invocation invocation) {
    Delivery delivery;
    try {
      delivery = Delivery.of(name, invocation, event(e));
    } catch (InvalidEventException bad) {
      delivery = Delivery.builder(invocation).function(name).rejected(e.id(), bad).build();
    }
    return dispatcher.deliver(delivery).aggregate();
  }

  /**
   * The portable event of {@code e}: the generic CloudEvent when a CloudEvent function claims it, else an object
   * event, a schedule run, or a Pub/Sub message as the topic message, queue message or schedule run its function
   * takes, else (a type with no portable kind) the generic CloudEvent if a CloudEvent function may take it.
   *
   * @throws InvalidEventException if the event is malformed, or of a type no function of this deployment takes
   */
  Event event(IncomingEvent e) {
    if (cloudEvents && dispatcher.takesAsCloudEvent(name, e.type(), e.source())) {
      return EventMapping.cloudEvent(e);
    }
    if (EventMapping.isStorage(e)) {
      ObjectEvent streamed = StorageReader.read(e, names);
      if (streamed != null) {
        return streamed;
      }
      var data = EventMapping.data(e); // the reference mapping, and every error's message
      String bucket = names.logical(ResourceNames.Kind.BUCKET, EventMapping.bucket(e, data));
      return EventMapping.object(e, data, bucket);
    }
    if (EventMapping.isScheduler(e)) {
      return EventMapping.schedule(e.id(), e.source(), e.type(),
          scheduleName(EventMapping.shortName(e.subject().orElse(e.source()))), e.time(), Optional.empty(),
          EventMapping.origin(e, EventMapping.schedulerAttributes(e)));
    }
    if (!EventMapping.isPubSub(e)) {
      if (cloudEvents) {
        return EventMapping.cloudEvent(e);
      }
      throw EventMapping.unsupported(e);
    }
    EventMapping.PubSubMessage m = EventMapping.pubsub(e);
    // Eventarc names the topic, so the dispatcher's topic filter applies; a push envelope names only its
    // subscription, which routed the message to this function.
    Optional<String> topic = m.topic();
    Kind kind = name != null || topic.isEmpty() ? pubsubKind
        : topics.contains(names.logical(ResourceNames.Kind.TOPIC, topic.get())) ? Kind.TOPIC
        : queues.contains(names.logical(ResourceNames.Kind.QUEUE, topic.get())) ? Kind.QUEUE
        : pubsubKind;
    return switch (kind) {
      case QUEUE -> EventMapping.queueMessage(e, m, resource(ResourceNames.Kind.QUEUE, topic, pushQueue));
      case SCHEDULE -> EventMapping.schedule(m.id(), e.source(), e.type(), scheduleName(topic.orElse("schedule")),
          m.publishTime(), Optional.empty(), EventMapping.origin(e, m.attributes()));
      default -> EventMapping.topicMessage(e, m, resource(ResourceNames.Kind.TOPIC, topic, pushTopic));
    };
  }

  /**
   * The logical topic or queue of a message: its topic's when the event names one, else the push target's (the
   * named function's trigger, or the app's only such function's).
   *
   * @throws InvalidEventException if a push envelope cannot be attributed: its topic is unknown
   */
  private String resource(ResourceNames.Kind kind, Optional<String> topic, @Nullable String push) {
    if (topic.isPresent()) {
      return names.logical(kind, topic.get());
    }
    if (push == null) {
      throw new InvalidEventException("A Pub/Sub push envelope names no topic; set " + FunctionHost.FUNCTION_SETTING
          + " to the function its subscription feeds");
    }
    return push;
  }

  /**
   * Cloud Scheduler's HTTP target: a plain request, with the job and due time in headers where it sends them. The
   * run's own time is not sent: it is absent.
   */
  private ScheduleEvent schedulerRequest(HttpRequest request, Invocation invocation) {
    Optional<String> job = request.header("X-CloudScheduler-JobName");
    Optional<Instant> due = request.header("X-CloudScheduler-ScheduleTime")
        .map(t -> Wire.instant(t, "X-CloudScheduler-ScheduleTime"));
    String id = job.isPresent() && due.isPresent() ? EventMapping.shortName(job.get()) + "@" + due.get()
        : invocation.invocationId();
    Map<String, String> attributes = job.isEmpty() ? Map.of() : Map.of(EventMapping.SCHEDULER_JOB, job.get());
    return EventMapping.schedule(id, "//cloudscheduler.googleapis.com/" + job.orElse("jobs/unknown"),
        ScheduleEvent.TYPE, scheduleName(job.map(EventMapping::shortName).orElse("schedule")), Optional.empty(), due,
        Origin.of("gcp", attributes, request.body(), request.headers()));
  }

  private String scheduleName(String job) {
    return schedule != null ? schedule : job;
  }

  // ------------------------------------------------------------------ invocation

  /**
   * The invocation of a request, from its first header values: the execution id Cloud Functions passes
   * ({@code Function-Execution-Id}) or a fresh one, the trace from {@code traceparent} or
   * {@code X-Cloud-Trace-Context}, the configured deadline.
   */
  Invocation invocation(Function<String, Optional<String>> header) {
    String given = header.apply("Function-Execution-Id").orElse(null);
    String id = given != null && !given.isBlank() && given.length() <= 128 ? given : newExecutionId();
    return new Invocation(id, host.deadlineFrom(clock.instant()), TraceHeaders.from(header));
  }

  /** The invocation of a CloudEvent delivered by the invoker: the event id, its {@code traceparent} extension. */
  Invocation invocation(String eventId, @Nullable Object traceparent) {
    Optional<TraceContext> trace = traceparent == null ? Optional.empty()
        : TraceContext.fromTraceparent(traceparent.toString());
    return new Invocation(eventId, host.deadlineFrom(clock.instant()), trace);
  }

  /**
   * Twelve random hex digits, as Cloud Functions' own ids. An id for logs, not a secret: {@code ThreadLocalRandom},
   * not {@code UUID.randomUUID()}, whose SecureRandom costs the first request some 70 classes and a seed read.
   */
  static String newExecutionId() {
    long bits = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
    return Long.toHexString(bits | 0x1_0000_0000_0000L).substring(1);
  }
}
