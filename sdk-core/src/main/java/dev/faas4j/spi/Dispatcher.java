package dev.faas4j.spi;

import dev.faas4j.BatchResult;
import dev.faas4j.InvocationContext;
import dev.faas4j.RetryableException;
import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.port.PortException;
import dev.faas4j.spi.FunctionDefinition.Kind;
import dev.faas4j.trigger.HttpRoute;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one dispatch path every adapter calls. It decides which function an invocation is for, applies the
 * function's trigger filters, runs it, and applies the policy every platform shares: the batch loop with partial
 * failures and stop-at-first-failure for ordered sources, one rejection path for records that could not be mapped,
 * one aggregation rule, the mapping of exceptions to neutral outcomes and HTTP statuses, the per-invocation log
 * context and cold-start flag, and logging each failure once.
 *
 * <p>An adapter maps its wire format to a {@link Delivery} (or an {@link HttpRequest}), calls {@link #deliver} (or
 * {@link #http}) inside {@link #guard} (or catches what escapes and
 * maps it with {@link #failure}, the same policy), and maps the {@link DeliveryResult} (or response) back to its wire format.
 *
 * <p>Function selection: the name the deployment gives ({@code FAAS4J_FUNCTION}, Azure's function name), whose
 * trigger filters (bucket, key prefix and suffix, event kinds, topic, queue) must still match the event, since
 * platforms deliver more than a function asked for (bucket-wide notifications, account-level subscriptions); without
 * a name, the one function whose trigger matches (HTTP: the most specific route). An event that no trigger matches is
 * {@linkplain Outcome.Status#SKIPPED skipped}: acknowledged and logged once, never run, retried or dead-lettered.
 *
 * <p>Thread-safe and free of per-invocation state: one instance serves concurrent invocations.
 */
public final class Dispatcher {
  private static final int CLIENT_ERROR_FRAMES = 10;
  private final FunctionRegistry registry;
  private final String platform;
  private final LogConfig logConfig;
  private final Clock clock;
  private final FunctionLogger runtimeLog;
  private final AtomicBoolean cold = new AtomicBoolean(true);
  /** HTTP functions, most specific route first: indexed once, the registry is frozen. */
  private final List<FunctionDefinition.Http> routes;
  /** HTTP functions by name, each with whether its route has path parameters: one lookup, no Optional per request. */
  private final Map<String, NamedHttp> httpByName;
  private final Map<Kind, List<FunctionDefinition>> byKind;
  /** Each function chosen by its name, made once: no Optional or selection per named dispatch. */
  private final Map<String, Selection> byName;

  public Dispatcher(FunctionRegistry registry, String platform, LogConfig logConfig) {
    this.registry = registry;
    this.platform = platform;
    this.logConfig = logConfig;
    this.clock = logConfig.clock();
    this.runtimeLog = logConfig.logger(LogContext.none(), "faas4j");
    CurrentInvocation.runtimeLogs(logConfig);
    List<FunctionDefinition.Http> http = new ArrayList<>();
    Map<Kind, List<FunctionDefinition>> kinds = new java.util.EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      kinds.put(k, registry.ofKind(k));
    }
    // most specific first, ties in registration order: an insertion, not a sort with a comparator lambda, whose
    // call site would be linked on every cold start (Java 17 archives a lambda's class, not its linked site)
    for (FunctionDefinition d : registry.definitions()) {
      if (d instanceof FunctionDefinition.Http h) {
        int at = http.size();
        while (at > 0 && http.get(at - 1).trigger().specificity() < h.trigger().specificity()) {
          at--;
        }
        http.add(at, h);
      }
    }
    this.routes = List.copyOf(http);
    Map<String, NamedHttp> byName = new java.util.HashMap<>();
    for (FunctionDefinition.Http h : http) {
      byName.put(h.name(), new NamedHttp(h, !h.trigger().parameterNames().isEmpty()));
    }
    this.httpByName = Map.copyOf(byName);
    this.byKind = kinds;
    Map<String, Selection> named = new java.util.HashMap<>();
    for (FunctionDefinition d : registry.definitions()) {
      named.put(d.name(), new Selection(d, Outcome.success()));
    }
    this.byName = Map.copyOf(named);
  }

  public FunctionRegistry registry() {
    return registry;
  }

  /** A logger for the adapter's own messages, outside any invocation. */
  public FunctionLogger runtimeLogger() {
    return runtimeLog;
  }

  /** The platform's name: with the clock and the log settings, what every context made here reads through it. */
  String platform() {
    return platform;
  }

  Clock clock() {
    return clock;
  }

  LogConfig logConfig() {
    return logConfig;
  }

  // ---------------------------------------------------------------- the edge

  /** The body of an entry point: maps, dispatches and writes back. */
  @FunctionalInterface
  public interface Edge<T> {
    T run() throws Exception;
  }

  /**
   * Runs an entry point's body so that nothing escapes it unmapped: wire input the adapter could not map
   * ({@link InvalidEventException}) is logged once as a rejection and becomes a client error; anything else thrown
   * while mapping, dispatching or writing the response is logged once, with its stack, and becomes a server error.
   * {@code onFailure} turns that outcome into the platform's signal (a 400/500 response, a thrown
   * {@link FunctionFailedException}).
   */
  public <T> T guard(Invocation invocation, Edge<T> body, Function<Outcome, T> onFailure) {
    Outcome failure;
    try {
      return body.run();
    } catch (Throwable t) {
      failure = failure(invocation, t);
    }
    return onFailure.apply(failure);
  }

  /**
   * What {@link #guard} makes of a throwable that escaped an entry point's body, for entry points that catch it
   * themselves (a guard over the entry method's arguments would allocate two lambdas per invocation): a
   * rejection for {@link InvalidEventException}, a logged server error for anything else. A
   * {@link FunctionFailedException} (already logged) and errors the JVM cannot recover from are rethrown.
   */
  public Outcome failure(Invocation invocation, Throwable t) {
    if (t instanceof InvalidEventException e) {
      return reject(invocation, null, null, e);
    }
    if (t instanceof FunctionFailedException e) {
      throw e; // the platform's signal, already logged
    }
    rethrowFatal(t);
    runtimeLog.error("Invocation failed in the " + platform + " adapter", t, "invocationId",
        invocation.invocationId());
    return Outcome.failure(Outcome.Status.SERVER_ERROR, t.getClass().getSimpleName(), t);
  }

  /**
   * Logs wire input that could not be mapped, once and the same way on every cloud ({@code WARN "Event rejected:
   * <reason>"} with {@code invocationId}, {@code function} and {@code itemId} where known, and {@code error.type} and
   * {@code error.message}), and returns its client-error outcome. The reason never quotes the payload.
   */
  public Outcome reject(Invocation invocation, @Nullable String function, @Nullable String itemId,
      InvalidEventException e) {
    String message = String.valueOf(e.getMessage());
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", e.getClass().getName());
    error.put("message", message);
    List<Object> fields = new ArrayList<>(8);
    fields.add("invocationId");
    fields.add(invocation.invocationId());
    if (function != null) {
      fields.add("function");
      fields.add(function);
    }
    if (itemId != null) {
      fields.add("itemId");
      fields.add(itemId);
    }
    fields.add("error");
    fields.add(error);
    runtimeLog.warn("Event rejected: " + message, fields.toArray());
    return Outcome.failure(Outcome.Status.CLIENT_ERROR, message, e);
  }

  /** An HTTP request the adapter could not map: logged once as a rejection, answered 400 with the reason. */
  public HttpResponse rejectHttp(Invocation invocation, InvalidEventException e) {
    return httpResponse(reject(invocation, null, null, e), invocation);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Serves an HTTP request. Never throws: routing failures are 404/405, bad input a 400 with the reason, transient
   * failures a 503, anything else a 500 whose body holds only the invocation id.
   */
  @SuppressWarnings("try") // the scope is the current invocation, closed when the call ends
  public HttpResponse http(@Nullable String functionName, HttpRequest request, Invocation invocation) {
    FunctionDefinition.Http fn;
    HttpRequest routed;
    if (functionName != null) {
      NamedHttp h = httpByName.get(functionName);
      if (h == null) {
        misconfigured(functionName, "an HTTP function", invocation);
        return problem(500, "Internal Server Error", "The function is misconfigured", invocation);
      }
      fn = h.function();
      // The platform routed the request here: its path may be the function's own URL, not the route's template.
      // A route without parameters gives none whether it matches or not: it is not matched.
      routed = h.withParameters()
          ? request.withPathParameters(fn.trigger().match(request.path()).orElse(Map.of()))
          : request.withPathParameters(Map.of());
    } else {
      Set<String> allowed = null; // made only for a 405
      fn = null;
      Map<String, String> fnParams = Map.of();
      for (FunctionDefinition.Http d : routes) {
        HttpRoute route = d.trigger();
        if (fn != null && route.specificity() < fn.trigger().specificity()) {
          break;
        }
        Optional<Map<String, String>> params = route.match(request.path());
        if (params.isPresent()) {
          if (route.methods().isEmpty() || route.methods().contains(request.method())) {
            fn = d; // an explicit method (a HEAD route) beats HEAD served by an equally specific GET route
            fnParams = params.get();
            break;
          }
          if (fn == null && route.allowsMethod(request.method())) {
            fn = d;
            fnParams = params.get();
            continue;
          }
          if (allowed == null) {
            allowed = new LinkedHashSet<>();
          }
          allowed.addAll(route.methods());
        }
      }
      if (fn == null) {
        if (allowed != null && !allowed.isEmpty()) {
          return problem(HttpResponse.status(405).header("Allow", String.join(", ", allowed)), "Method Not Allowed",
              request.method() + " is not allowed on " + request.path(), invocation);
        }
        return problem(404, "Not Found", "No function serves " + request.path(), invocation);
      }
      routed = request.withPathParameters(fnParams);
    }
    DefaultInvocationContext ctx = context(fn.name(), invocation); // the invocation's trace, read if asked
    try (InvocationHook.Scope current = CurrentInvocation.enter(ctx)) {
      HttpResponse response = fn.handler().handle(routed, ctx);
      if (response == null) {
        throw new IllegalStateException("HTTP function returned null instead of a response");
      }
      return response;
    } catch (Throwable t) {
      rethrowFatal(t);
      return httpResponse(report(ctx, t), invocation);
    }
  }

  /**
   * The HTTP answer to an outcome, the same on every platform: 204 for success (or a skipped event), 400 with the
   * reason for bad input, 503 with {@code Retry-After} for a transient failure, 500 carrying only the invocation id
   * otherwise. Adapters that deliver events over HTTP (push subscriptions, webhooks) answer with it.
   */
  public static HttpResponse httpResponse(Outcome outcome, Invocation invocation) {
    return switch (outcome.status()) {
      case SUCCESS, SKIPPED -> HttpResponse.noContent().empty();
      case CLIENT_ERROR -> problem(400, "Bad Request", outcome.message(), invocation);
      case RETRYABLE_ERROR -> problem(HttpResponse.status(503).header("Retry-After", "1"), "Service Unavailable",
          "Try again later", invocation);
      case SERVER_ERROR -> problem(500, "Internal Server Error", "The function failed", invocation);
    };
  }

  /** The JSON error body of {@link HttpResponse#problem(int, String, String, String)} for this invocation. */
  public static HttpResponse problem(int status, String error, String message, Invocation invocation) {
    return HttpResponse.problem(status, error, message, invocation.invocationId());
  }

  private static HttpResponse problem(HttpResponse.Builder response, String error, String message,
      Invocation invocation) {
    return HttpResponse.problem(response, error, message, invocation.invocationId());
  }

  // ---------------------------------------------------------------- deliveries

  /** Dispatches a delivery and returns one outcome per item. Never throws for a function's failure. */
  public DeliveryResult deliver(Delivery delivery) {
    List<Delivery.Item> items = delivery.items();
    if (items.isEmpty()) {
      return DeliveryResult.of(List.of());
    }
    QueueMessage first = null;
    for (Delivery.Item item : items) {
      if (item instanceof Delivery.Received r && r.event() instanceof QueueMessage m) {
        first = m;
        break;
      }
    }
    if (first != null) {
      return DeliveryResult.of(queue(delivery, first));
    }
    String name = delivery.function().orElse(null);
    if (items.size() == 1 && items.get(0) instanceof Delivery.Received only) {
      // The commonest delivery, one event: no list of outcomes to build and no lambda to make for it.
      return DeliveryResult.of(List.of(single(name, only.event(), only.nativeTrace(), delivery.invocation())));
    }
    return DeliveryResult.of(inOrder(items, delivery.ordered(), delivery.invocation(), name,
        received -> single(name, received.event(), received.nativeTrace(), delivery.invocation())));
  }

  /**
   * The aggregate outcome of a delivery of one event, as {@code deliver(Delivery.of(function, invocation, event))
   * .aggregate()} gives it, for the entry points that receive one event per invocation (an Azure queue message, a
   * Pub/Sub push): the same selection and run, without the delivery, its list and its result.
   */
  public Outcome deliverOne(@Nullable String function, Invocation invocation, Event event) {
    java.util.Objects.requireNonNull(invocation, "invocation");
    java.util.Objects.requireNonNull(event, "event");
    if (!(event instanceof QueueMessage m)) {
      return single(function, event, Optional.empty(), invocation);
    }
    Selection s = select(function, Kind.QUEUE, m, invocation);
    if (s.function == null) {
      return s.outcome;
    }
    if (s.function instanceof FunctionDefinition.Queue one) {
      return queueOne(one, m, Optional.empty(), invocation);
    }
    return deliver(Delivery.of(function, invocation, event)).aggregate(); // a batch function takes a batch of one
  }

  /**
   * Runs each item in turn: a rejected record fails alone (logged once), an event runs through {@code run}; on an
   * ordered source nothing after the first failure runs.
   */
  private List<Outcome> inOrder(List<Delivery.Item> items, boolean ordered, Invocation invocation,
      @Nullable String function, Function<Delivery.Received, Outcome> run) {
    List<Outcome> outcomes = new ArrayList<>(items.size());
    boolean failing = false;
    for (Delivery.Item item : items) {
      Outcome o;
      if (failing) {
        o = NOT_PROCESSED;
      } else if (item instanceof Delivery.Rejected r) {
        o = reject(invocation, function, r.id(), r.reason());
      } else {
        o = run.apply((Delivery.Received) item);
      }
      outcomes.add(o);
      failing = ordered && !o.isSuccess();
    }
    return outcomes;
  }

  private static final Outcome NOT_PROCESSED = new Outcome(Outcome.Status.RETRYABLE_ERROR,
      "not processed: an earlier item of this ordered delivery failed", Optional.empty());

  @SuppressWarnings("try") // the scope is the current invocation, closed when the call ends
  private Outcome single(@Nullable String name, Event event, Optional<TraceContext> nativeTrace,
      Invocation invocation) {
    Kind kind = event instanceof ObjectEvent ? Kind.STORAGE
        : event instanceof TopicMessage ? Kind.TOPIC
        : event instanceof ScheduleEvent ? Kind.SCHEDULE
        : event instanceof CloudEvent ? Kind.CLOUD_EVENT
        : Kind.QUEUE;
    Selection s = select(name, kind, event, invocation);
    if (s.function == null) {
      return s.outcome;
    }
    FunctionDefinition fn = s.function;
    // its trace (the event's attributes, else the platform's, else the invocation's) worked out only if read
    DefaultInvocationContext ctx = new DefaultInvocationContext(invocation, event, nativeTrace, fn.name(), this,
        coldStart());
    try (InvocationHook.Scope current = CurrentInvocation.enter(ctx)) {
      if (fn instanceof FunctionDefinition.Storage f) {
        f.handler().handle((ObjectEvent) event, ctx);
      } else if (fn instanceof FunctionDefinition.Topic f) {
        f.handler().handle((TopicMessage) event, ctx);
      } else if (fn instanceof FunctionDefinition.Schedule f) {
        f.handler().handle((ScheduleEvent) event, ctx);
      } else if (fn instanceof FunctionDefinition.CloudEvents f) {
        f.handler().handle((CloudEvent) event, ctx);
      }
      return Outcome.success();
    } catch (Throwable t) {
      rethrowFatal(t);
      return report(ctx, t);
    }
  }

  /**
   * A batch from one queue, through a {@link FunctionDefinition.QueueBatch} or, one message at a time, a
   * {@link FunctionDefinition.Queue}. Rejected records fail alone; an ordered source (or a {@code fifo()} trigger)
   * stops at the first failure and reports it and every later item as failed.
   */
  @SuppressWarnings("try") // the scope is the current invocation, closed when the call ends
  private List<Outcome> queue(Delivery delivery, QueueMessage first) {
    List<Delivery.Item> items = delivery.items();
    Invocation invocation = delivery.invocation();
    String name = delivery.function().orElse(null);
    Selection s = select(name, Kind.QUEUE, first, invocation);
    if (s.function == null) {
      Outcome none = s.outcome;
      return inOrder(items, false, invocation, name, received -> none);
    }
    FunctionDefinition fn = s.function;
    boolean ordered = delivery.ordered() || ((dev.faas4j.trigger.QueueTrigger) fn.trigger()).ordered();
    if (fn instanceof FunctionDefinition.Queue one && items.size() == 1
        && items.get(0) instanceof Delivery.Received only) {
      // One message (Azure Queue Storage, Pub/Sub, an SQS event of one): its context is made as the batch's and
      // its copy below would be, in one, without a list of outcomes or a lambda.
      return List.of(queueOne(one, (QueueMessage) only.event(), only.nativeTrace(), invocation));
    }
    DefaultInvocationContext batchCtx = context(fn.name(), invocation);
    if (fn instanceof FunctionDefinition.QueueBatch batch) {
      return runBatch(batch, items, ordered, batchCtx, invocation);
    }
    dev.faas4j.QueueFunction single = ((FunctionDefinition.Queue) fn).handler();
    return inOrder(items, ordered, invocation, fn.name(), received -> {
      QueueMessage m = (QueueMessage) received.event();
      return handle(single, m, batchCtx.with(m, received.nativeTrace()));
    });
  }

  /** One message for a one-message function: its context is made as a batch's and its copy per message would be. */
  private Outcome queueOne(FunctionDefinition.Queue fn, QueueMessage m, Optional<TraceContext> nativeTrace,
      Invocation invocation) {
    return handle(fn.handler(), m, new DefaultInvocationContext(invocation, m, nativeTrace, fn.name(), this,
        coldStart()));
  }

  /** Runs a queue function on one message: its outcome, a failure logged once. */
  @SuppressWarnings("try") // the scope is the current invocation, closed when the call ends
  private Outcome handle(dev.faas4j.QueueFunction fn, QueueMessage m, DefaultInvocationContext ctx) {
    try (InvocationHook.Scope current = CurrentInvocation.enter(ctx)) {
      fn.handle(m, ctx);
      return Outcome.success();
    } catch (Throwable t) {
      rethrowFatal(t);
      return report(ctx, t);
    }
  }

  @SuppressWarnings("try") // the scope is the current invocation, closed when the call ends
  private List<Outcome> runBatch(FunctionDefinition.QueueBatch fn, List<Delivery.Item> items, boolean ordered,
      DefaultInvocationContext ctx, Invocation invocation) {
    Outcome[] outcomes = new Outcome[items.size()];
    List<QueueMessage> messages = new ArrayList<>(items.size());
    List<Integer> positions = new ArrayList<>(items.size());
    boolean failing = false;
    for (int i = 0; i < items.size(); i++) {
      Delivery.Item item = items.get(i);
      if (failing) {
        outcomes[i] = NOT_PROCESSED;
      } else if (item instanceof Delivery.Rejected r) {
        outcomes[i] = reject(invocation, fn.name(), r.id(), r.reason());
        failing = ordered;
      } else {
        messages.add((QueueMessage) ((Delivery.Received) item).event());
        positions.add(i);
      }
    }
    if (!messages.isEmpty()) {
      BatchResult result;
      try (InvocationHook.Scope current = CurrentInvocation.enter(ctx)) {
        result = fn.handler().handle(List.copyOf(messages), ctx);
        if (result == null) {
          throw new IllegalStateException("Batch function returned null instead of a BatchResult");
        }
        Set<String> ids = new LinkedHashSet<>();
        messages.forEach(m -> ids.add(m.id()));
        for (String unknown : result.failedMessageIds()) {
          if (!ids.contains(unknown)) {
            ctx.logger().warn("Batch function reported a failed message id that is not in the batch; ignored",
                "messageId", unknown);
          }
        }
        boolean stop = false;
        for (int j = 0; j < messages.size(); j++) {
          boolean thisFailed = result.failedMessageIds().contains(messages.get(j).id());
          outcomes[positions.get(j)] = stop ? NOT_PROCESSED : thisFailed
              ? new Outcome(Outcome.Status.SERVER_ERROR, "reported failed by the function", Optional.empty())
              : Outcome.success();
          stop |= ordered && thisFailed;
        }
      } catch (Throwable t) {
        rethrowFatal(t);
        Outcome o = report(ctx, t);
        positions.forEach(p -> outcomes[p] = o);
      }
    }
    return Arrays.asList(outcomes);
  }

  /**
   * Whether an incoming CloudEvent of {@code type} from {@code source} goes to a {@link FunctionDefinition.CloudEvents}
   * function rather than being mapped to a portable event: the named function is one, or (without a name) one of
   * them declares exactly this type. Adapters ask before mapping a CloudEvent whose type they also know.
   */
  public boolean takesAsCloudEvent(@Nullable String functionName, String type, String source) {
    if (functionName != null) {
      return registry.find(functionName).map(d -> d.kind() == Kind.CLOUD_EVENT).orElse(false);
    }
    for (FunctionDefinition d : byKind.get(Kind.CLOUD_EVENT)) {
      if (((FunctionDefinition.CloudEvents) d).trigger().matches(type, source)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- selection

  /** A function to run, or the outcome when there is none. */
  private record Selection(@Nullable FunctionDefinition function, Outcome outcome) {}

  private Selection select(@Nullable String name, Kind kind, Event event, Invocation invocation) {
    if (name != null) {
      Selection chosen = byName.get(name);
      if (chosen == null || chosen.function.kind() != kind) {
        return new Selection(null, misconfigured(name, "a " + kind.name().toLowerCase(java.util.Locale.ROOT)
            + " function", invocation));
      }
      FunctionDefinition fn = chosen.function;
      // A schedule declares no filter beyond its cron, which the platform applied: the named function is the one.
      String mismatch = kind == Kind.SCHEDULE ? null : mismatch(fn, event);
      if (mismatch != null) {
        return new Selection(null, skip(invocation, event, "function '" + name + "' " + mismatch));
      }
      return chosen;
    }
    List<FunctionDefinition> candidates = byKind.get(kind);
    FunctionDefinition match = null;
    int matches = 0;
    for (FunctionDefinition d : candidates) {
      if (mismatch(d, event) == null) {
        match = d;
        matches++;
      }
    }
    if (matches == 0 && kind == Kind.SCHEDULE && candidates.size() == 1) {
      // A schedule event names its rule or job, not a resource: the only schedule function is the one it is for.
      return new Selection(candidates.get(0), Outcome.success());
    }
    if (matches == 1) {
      return new Selection(match, Outcome.success());
    }
    if (matches == 0) {
      return new Selection(null, skip(invocation, event, "no " + kind.name().toLowerCase(java.util.Locale.ROOT)
          + " function's trigger matches it"));
    }
    String message = matches + " functions match this " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " event; set " + FunctionHost.FUNCTION_SETTING + " to choose one";
    runtimeLog.error(message, "invocationId", invocation.invocationId());
    return new Selection(null, new Outcome(Outcome.Status.SERVER_ERROR, message, Optional.empty()));
  }

  /** Why {@code event} does not fire {@code fn}'s trigger, or null when it does. */
  private static @Nullable String mismatch(FunctionDefinition fn, Event event) {
    if (fn instanceof FunctionDefinition.Storage s && event instanceof ObjectEvent e) {
      if (!s.trigger().bucket().equals(e.bucket())) {
        return "is triggered by bucket '" + s.trigger().bucket() + "', not '" + e.bucket() + "'";
      }
      if (!s.trigger().kinds().contains(e.kind())) {
        return "is not triggered by " + e.kind() + " events";
      }
      if (!e.key().startsWith(s.trigger().prefix()) || !e.key().endsWith(s.trigger().suffix())) {
        return "is triggered by keys " + keyFilter(s.trigger()) + " only";
      }
      return null;
    }
    if (fn instanceof FunctionDefinition.Topic t && event instanceof TopicMessage m) {
      return t.trigger().topic().equals(m.topic()) ? null
          : "is subscribed to topic '" + t.trigger().topic() + "', not '" + m.topic() + "'";
    }
    if (event instanceof QueueMessage m && fn.trigger() instanceof dev.faas4j.trigger.QueueTrigger q) {
      return q.queue().equals(m.queue()) ? null : "consumes queue '" + q.queue() + "', not '" + m.queue() + "'";
    }
    if (fn instanceof FunctionDefinition.CloudEvents c && event instanceof CloudEvent e) {
      return c.trigger().matches(e.type(), e.source()) ? null : "is triggered by " + c.trigger().describe() + " only";
    }
    if (fn instanceof FunctionDefinition.Schedule && event instanceof ScheduleEvent e) {
      return fn.name().equals(e.schedule()) ? null : "is not schedule '" + e.schedule() + "'";
    }
    return "does not take this kind of event";
  }

  private static String keyFilter(dev.faas4j.trigger.ObjectTrigger t) {
    return (t.prefix().isEmpty() ? "" : "starting with '" + t.prefix() + "'")
        + (t.prefix().isEmpty() || t.suffix().isEmpty() ? "" : " and ")
        + (t.suffix().isEmpty() ? "" : "ending with '" + t.suffix() + "'");
  }

  /** Logs, once, that an event was not for this deployment. Resource names are shown, keys and payloads never. */
  private Outcome skip(Invocation invocation, Event event, String reason) {
    runtimeLog.info("Event skipped: " + reason, "invocationId", invocation.invocationId(), "eventId", event.id(),
        "eventType", event.type());
    return Outcome.skipped(reason);
  }

  // ---------------------------------------------------------------- shared policy

  /** How an exception is classified everywhere: bad input, transient, or a server failure. */
  public static Outcome.Status classify(Throwable t) {
    if (t instanceof InvalidEventException) {
      return Outcome.Status.CLIENT_ERROR;
    }
    if (t instanceof RetryableException) {
      return Outcome.Status.RETRYABLE_ERROR;
    }
    if (t instanceof PortException p) {
      if (p.retryable()) {
        return Outcome.Status.RETRYABLE_ERROR;
      }
      if (p.reason() == PortException.Reason.INVALID_ARGUMENT) {
        return Outcome.Status.CLIENT_ERROR;
      }
    }
    return Outcome.Status.SERVER_ERROR;
  }

  /** Logs a failure once, as structured fields, and turns it into an outcome. */
  private Outcome report(InvocationContext ctx, Throwable t) {
    Outcome.Status status = classify(t);
    String message = status == Outcome.Status.CLIENT_ERROR && t.getMessage() != null
        ? t.getMessage() : t.getClass().getSimpleName();
    if (status == Outcome.Status.CLIENT_ERROR) {
      // Structured like server errors (error.type, error.message, error.stack[]), but without the cause chain:
      // a parser's cause message can quote the payload, which must stay out of logs.
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", t.getClass().getName());
      error.put("message", message);
      error.put("stack", Arrays.stream(t.getStackTrace()).limit(CLIENT_ERROR_FRAMES).map(String::valueOf).toList());
      ctx.logger().warn("Invocation rejected: " + message, "error", error);
    } else {
      ctx.logger().error("Invocation failed", t, "outcome", status.name());
    }
    return Outcome.failure(status, message, t);
  }

  private Outcome misconfigured(String name, String wanted, Invocation invocation) {
    String message = registry.find(name).isPresent()
        ? "Function '" + name + "' is not " + wanted
        : "Function '" + name + "' is not registered";
    runtimeLog.error(message, "invocationId", invocation.invocationId());
    return new Outcome(Outcome.Status.SERVER_ERROR, message, Optional.empty());
  }

  /** An HTTP function found by its name, and whether its route has path parameters to match. */
  private record NamedHttp(FunctionDefinition.Http function, boolean withParameters) {}

  /** The context of a call to {@code functionName}, whose trace continues {@code caller}'s (null: the invocation's). */
  private DefaultInvocationContext context(String functionName, Invocation invocation) {
    return new DefaultInvocationContext(invocation, functionName, this, coldStart());
  }

  /** Whether this is the first invocation: only it flips the flag; a plain read keeps later ones off the write. */
  private boolean coldStart() {
    return cold.get() && cold.getAndSet(false);
  }

  /**
   * Whose trace an event continues: the producer's, from the message's portable attributes; else the platform's
   * own field for this record; else the invocation's.
   */
  static Optional<TraceContext> caller(Event event, Optional<TraceContext> nativeTrace,
      Invocation invocation) {
    Optional<TraceContext> sent = TraceAttributes.of(event);
    if (sent.isPresent()) {
      return sent;
    }
    return nativeTrace.isPresent() ? nativeTrace : invocation.trace();
  }

  /** Errors the JVM cannot recover from are not an invocation's outcome. */
  private static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
      throw e;
    }
  }
}
