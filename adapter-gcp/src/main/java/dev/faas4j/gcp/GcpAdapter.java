package dev.faas4j.gcp;

import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.TraceContext;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The translation both entry points share: what kind of function a request is for, the event it carries, and
 * the dispatcher's outcome as the status Pub/Sub push and Eventarc understand (only 102/200/201/202/204 acknowledge).
 *
 * <table>
 *   <caption>Outcome to HTTP status for events</caption>
 *   <tr><th>outcome</th><th>status</th><th>what Pub/Sub does</th></tr>
 *   <tr><td>success</td><td>204</td><td>acknowledged</td></tr>
 *   <tr><td>malformed event, client error</td><td>400</td><td>redelivered until the dead-letter topic takes it</td></tr>
 *   <tr><td>retryable error</td><td>503</td><td>redelivered with backoff</td></tr>
 *   <tr><td>server error</td><td>500</td><td>redelivered with backoff</td></tr>
 * </table>
 *
 * <p>A permanently bad message is deliberately not acknowledged: acknowledging would drop it silently. With a
 * dead-letter policy on the subscription it lands on the dead-letter topic after its delivery attempts.
 */
final class GcpAdapter {
  /** Which kind of function an invocation is for. */
  enum Kind { HTTP, OBJECT, TOPIC, QUEUE, SCHEDULE, NONE }

  private final FunctionHost host;
  private final Dispatcher dispatcher;
  private final Function<String, String> config;
  private final Clock clock;

  GcpAdapter(FunctionHost host, Function<String, String> config, Clock clock) {
    this.host = host;
    this.dispatcher = host.dispatcher();
    this.config = config;
    this.clock = clock;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  // ------------------------------------------------------------------ HTTP entry

  /** Serves one request to the HTTP entry point: an HTTP function, or an event delivered over HTTP. Never throws. */
  HttpResponse serve(HttpRequest request, Invocation invocation) {
    Kind target = targetOf(request);
    if (target == Kind.HTTP) {
      HttpResponse response = dispatcher.http(host.functionName().orElse(null), request, invocation);
      if (response.status() == 404 && host.functionName().isEmpty() && request.method().equals("POST")) {
        // No route for it: a legacy event or a push envelope for the app's event function, if it is one.
        Optional<IncomingEvent> event = eventOrEmpty(request);
        if (event.isPresent()) {
          return handleEvent(event.get(), invocation);
        }
      }
      return response;
    }
    Outcome outcome;
    try {
      Optional<IncomingEvent> event = EventParser.parse(request, clock.instant(), target == Kind.SCHEDULE);
      outcome = event.isPresent()
          ? dispatch(event.get(), invocation)
          : dispatcher.schedule(host.functionName().orElse(null), schedulerRequest(request), invocation);
    } catch (InvalidEventException e) {
      // The envelope itself is bad: no function ran, so the dispatcher never saw it. Logged once, here.
      dispatcher.runtimeLogger().warn("Rejected a malformed event: " + e.getMessage(), "invocationId",
          invocation.invocationId());
      return Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
    }
    return response(outcome, invocation);
  }

  private Optional<IncomingEvent> eventOrEmpty(HttpRequest request) {
    try {
      return EventParser.parse(request, clock.instant(), true);
    } catch (InvalidEventException e) {
      return Optional.empty(); // not for us to judge: the 404 stands
    }
  }

  private HttpResponse handleEvent(IncomingEvent event, Invocation invocation) {
    try {
      return response(dispatch(event, invocation), invocation);
    } catch (InvalidEventException e) {
      dispatcher.runtimeLogger().warn("Rejected a malformed event: " + e.getMessage(), "invocationId",
          invocation.invocationId());
      return Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
    }
  }

  /**
   * HTTP unless the deployment names an event function, or the request is a CloudEvent, or the app has no HTTP
   * function at all (then legacy events and push envelopes reach its only event function).
   */
  Kind targetOf(HttpRequest request) {
    Optional<String> name = host.functionName();
    if (name.isPresent()) {
      return registry().find(name.get()).map(d -> kindOf(d.handler())).orElse(Kind.HTTP);
    }
    if (EventParser.isCloudEvent(request)) {
      return Kind.NONE; // decided by the event's type
    }
    boolean anyHttp = registry().definitions().stream().anyMatch(d -> d.handler() instanceof HttpFunction);
    if (anyHttp) {
      return Kind.HTTP;
    }
    List<Kind> kinds = registry().definitions().stream().map(d -> kindOf(d.handler())).distinct().toList();
    return kinds.size() == 1 && kinds.get(0) == Kind.SCHEDULE ? Kind.SCHEDULE : Kind.NONE;
  }

  static Kind kindOf(Object handler) {
    if (handler instanceof HttpFunction) {
      return Kind.HTTP;
    }
    if (handler instanceof ObjectFunction) {
      return Kind.OBJECT;
    }
    if (handler instanceof TopicFunction) {
      return Kind.TOPIC;
    }
    if (handler instanceof QueueFunction || handler instanceof QueueBatchFunction) {
      return Kind.QUEUE;
    }
    if (handler instanceof ScheduleFunction) {
      return Kind.SCHEDULE;
    }
    return Kind.NONE;
  }

  // ------------------------------------------------------------------ events

  /**
   * Maps the event onto the portable event its function expects and dispatches it.
   *
   * @throws InvalidEventException if the event is malformed or of a type this adapter does not map
   */
  Outcome dispatch(IncomingEvent e, Invocation invocation) {
    @Nullable String name = host.functionName().orElse(null);
    Instant now = clock.instant();
    if (EventMapping.isStorage(e)) {
      String physical = EventMapping.bucket(e, EventParser.tree(e.data(), "CloudEvent data"));
      return dispatcher.object(name, EventMapping.object(e, logical(ResourceNames.Kind.BUCKET, physical), now),
          invocation);
    }
    if (EventMapping.isScheduler(e)) {
      String schedule = scheduleName(EventMapping.shortName(e.subject().orElse(e.source())));
      return dispatcher.schedule(name, EventMapping.schedule(e.id(), e.source(), e.type(), schedule,
          e.time().orElse(now), now), invocation);
    }
    if (!EventMapping.isPubSub(e)) {
      throw EventMapping.unsupported(e);
    }
    EventMapping.PubSubMessage m = EventMapping.pubsub(e, now);
    Kind kind = name != null ? registry().find(name).map(d -> kindOf(d.handler())).orElse(Kind.TOPIC)
        : pubsubKind(m);
    switch (kind) {
      case QUEUE -> {
        String queue = triggerName(name, QueueTrigger.class).orElseGet(() -> logical(ResourceNames.Kind.QUEUE,
            m.topic().orElseGet(() -> EventMapping.shortName(m.subscription().orElse("unknown")))));
        return dispatcher.queueMessage(name, EventMapping.queueMessage(e, m, queue), invocation);
      }
      case SCHEDULE -> {
        String schedule = scheduleName(m.topic().orElse("schedule"));
        return dispatcher.schedule(name, EventMapping.schedule(m.id(), e.source(), e.type(), schedule,
            m.publishTime(), now), invocation);
      }
      default -> {
        String topic = triggerName(name, TopicTrigger.class).orElseGet(() -> logical(ResourceNames.Kind.TOPIC,
            m.topic().orElseGet(() -> EventMapping.shortName(m.subscription().orElse("unknown")))));
        return dispatcher.topic(name, EventMapping.topicMessage(e, m, topic), invocation);
      }
    }
  }

  /** A topic function for this topic, else a queue function for it, else whichever of the two the app has. */
  private Kind pubsubKind(EventMapping.PubSubMessage m) {
    String physical = m.topic().orElse("");
    boolean topicFn = false;
    boolean queueFn = false;
    boolean scheduleFn = false;
    for (FunctionDefinition d : registry().definitions()) {
      if (d.trigger() instanceof TopicTrigger t
          && ResourceNames.resolve(ResourceNames.Kind.TOPIC, t.topic(), config).equals(physical)) {
        return Kind.TOPIC;
      }
      if (d.trigger() instanceof QueueTrigger q
          && ResourceNames.resolve(ResourceNames.Kind.QUEUE, q.queue(), config).equals(physical)) {
        return Kind.QUEUE;
      }
      Kind k = kindOf(d.handler());
      topicFn |= k == Kind.TOPIC;
      queueFn |= k == Kind.QUEUE;
      scheduleFn |= k == Kind.SCHEDULE;
    }
    return topicFn ? Kind.TOPIC : queueFn ? Kind.QUEUE : scheduleFn ? Kind.SCHEDULE : Kind.TOPIC;
  }

  /** Cloud Scheduler's HTTP target: a plain request, with the job and due time in headers where it sends them. */
  private dev.faas4j.event.ScheduleEvent schedulerRequest(HttpRequest request) {
    Instant now = clock.instant();
    Optional<String> job = request.header("X-CloudScheduler-JobName");
    Instant due = request.header("X-CloudScheduler-ScheduleTime")
        .map(t -> dev.faas4j.spi.Wire.instant(t, "X-CloudScheduler-ScheduleTime")).orElse(now);
    String schedule = scheduleName(job.map(EventMapping::shortName).orElse("schedule"));
    String id = job.map(j -> EventMapping.shortName(j) + "@" + due).orElseGet(() -> "run@" + due);
    return EventMapping.schedule(id, "//cloudscheduler.googleapis.com/" + job.orElse("jobs/unknown"),
        dev.faas4j.event.ScheduleEvent.TYPE, schedule, due, now);
  }

  /** The function the deployment names, else the only schedule function, else the job's own name. */
  private String scheduleName(String fallback) {
    Optional<String> name = host.functionName();
    if (name.isPresent()) {
      return name.get();
    }
    List<FunctionDefinition> schedules = registry().definitions().stream()
        .filter(d -> d.handler() instanceof ScheduleFunction).toList();
    return schedules.size() == 1 ? schedules.get(0).name() : fallback;
  }

  private Optional<String> triggerName(@Nullable String function, Class<?> trigger) {
    if (function == null) {
      return Optional.empty();
    }
    return registry().find(function).map(FunctionDefinition::trigger).filter(trigger::isInstance).map(t ->
        t instanceof TopicTrigger tt ? tt.topic() : ((QueueTrigger) t).queue());
  }

  /** The logical name whose configured physical resource is {@code physical}; the physical name if none is. */
  String logical(ResourceNames.Kind kind, String physical) {
    for (FunctionDefinition d : registry().definitions()) {
      String logical = switch (kind) {
        case BUCKET -> d.trigger() instanceof ObjectTrigger o ? o.bucket() : null;
        case TOPIC -> d.trigger() instanceof TopicTrigger t ? t.topic() : null;
        case QUEUE -> d.trigger() instanceof QueueTrigger q ? q.queue() : null;
        case TABLE -> null;
      };
      if (logical != null && ResourceNames.resolve(kind, logical, config).equals(physical)) {
        return logical;
      }
    }
    return physical;
  }

  // ------------------------------------------------------------------ outcome, invocation

  static HttpResponse response(Outcome outcome, Invocation invocation) {
    return outcome.isSuccess() ? HttpResponse.noContent().empty() : Dispatcher.failure(outcome, invocation);
  }

  /**
   * The invocation of a request: the execution id Cloud Functions passes ({@code Function-Execution-Id}) or a
   * fresh one, the trace from {@code traceparent} or {@code X-Cloud-Trace-Context}, the configured deadline.
   */
  Invocation invocation(Headers headers) {
    String id = headers.first("Function-Execution-Id").filter(s -> !s.isBlank() && s.length() <= 128)
        .orElseGet(GcpAdapter::newExecutionId);
    Optional<TraceContext> trace = TraceHeaders.from(headers);
    return new Invocation(id, host.deadlineFrom(clock.instant()), trace);
  }

  /** The invocation of a CloudEvent delivered by the invoker: the event id, its {@code traceparent} extension. */
  Invocation invocation(IncomingEvent e) {
    Optional<TraceContext> trace = e.extension("traceparent").flatMap(TraceContext::fromTraceparent);
    return new Invocation(e.id(), host.deadlineFrom(clock.instant()), trace);
  }

  static String newExecutionId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private FunctionRegistry registry() {
    return dispatcher.registry();
  }
}
