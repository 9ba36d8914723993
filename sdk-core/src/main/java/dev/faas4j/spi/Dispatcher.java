package dev.faas4j.spi;

import dev.faas4j.BatchResult;
import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.RetryableException;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.log.LogConfig;
import dev.faas4j.log.LogContext;
import dev.faas4j.port.PortException;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Routes an invocation to its function and applies the policy every adapter shares: the batch loop with partial
 * failures and stop-at-first-failure for ordered sources, the mapping of exceptions to neutral outcomes and HTTP
 * statuses, the per-invocation log context and cold-start flag, and logging each failure once.
 *
 * <p>An adapter parses its wire format into portable events, calls one method here, and writes the result back in
 * its wire format. Function selection: the name the deployment gives ({@code FAAS4J_FUNCTION} on the clouds) if
 * any; otherwise the function whose trigger matches the event (HTTP routes by method and path); otherwise the only
 * function of that kind.
 *
 * <p>Thread-safe; create one per application instance.
 */
public final class Dispatcher {
  private static final int CLIENT_ERROR_FRAMES = 10;
  private final FunctionRegistry registry;
  private final String platform;
  private final LogConfig logConfig;
  private final Clock clock;
  private final FunctionLogger runtimeLog;
  private final AtomicBoolean cold = new AtomicBoolean(true);
  private final List<FunctionDefinition> routes;
  /** The registry is frozen once configured, so its list is taken once, not per invocation. */
  private final List<FunctionDefinition> all;

  public Dispatcher(FunctionRegistry registry, String platform, LogConfig logConfig) {
    this.registry = registry;
    this.platform = platform;
    this.logConfig = logConfig;
    this.clock = logConfig.clock();
    this.runtimeLog = logConfig.logger(LogContext.none(), "faas4j");
    List<FunctionDefinition> http = new ArrayList<>(registry.withTrigger(HttpRoute.class));
    http.sort(Comparator.comparingInt((FunctionDefinition d) -> ((HttpRoute) d.trigger()).specificity()).reversed());
    this.routes = List.copyOf(http);
    this.all = registry.definitions();
  }

  public FunctionRegistry registry() {
    return registry;
  }

  /** A logger for the adapter's own messages, outside any invocation. */
  public FunctionLogger runtimeLogger() {
    return runtimeLog;
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Serves an HTTP request. Never throws: routing failures are 404/405, bad input a 400 with the reason, transient
   * failures a 503, anything else a 500 whose body holds only the invocation id.
   */
  public HttpResponse http(@Nullable String functionName, HttpRequest request, Invocation invocation) {
    FunctionDefinition fn;
    HttpRequest routed = request;
    if (functionName != null) {
      Optional<FunctionDefinition> named = registry.find(functionName);
      if (named.isEmpty() || !(named.get().handler() instanceof HttpFunction)) {
        return misconfigured(functionName, "an HTTP function", invocation);
      }
      fn = named.get();
      HttpRoute route = (HttpRoute) fn.trigger();
      Optional<Map<String, String>> params = route.match(request.path());
      routed = request.withPathParameters(params.orElse(Map.of()));
    } else {
      Set<String> allowed = new LinkedHashSet<>();
      fn = null;
      Map<String, String> fnParams = Map.of();
      for (FunctionDefinition d : routes) {
        HttpRoute route = (HttpRoute) d.trigger();
        if (fn != null && route.specificity() < ((HttpRoute) fn.trigger()).specificity()) {
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
          allowed.addAll(route.methods());
        }
      }
      if (fn != null) {
        routed = request.withPathParameters(fnParams);
      } else {
        if (!allowed.isEmpty()) {
          return problem(HttpResponse.status(405).header("Allow", String.join(", ", allowed)), "Method Not Allowed",
              request.method() + " is not allowed on " + request.path(), invocation);
        }
        return problem(404, "Not Found", "No function serves " + request.path(), invocation);
      }
    }
    InvocationContext ctx = context(fn.name(), invocation);
    try {
      HttpResponse response = ((HttpFunction) fn.handler()).handle(routed, ctx);
      if (response == null) {
        throw new IllegalStateException("HTTP function returned null instead of a response");
      }
      return response;
    } catch (Throwable t) {
      rethrowFatal(t);
      Outcome outcome = report(ctx, t);
      return failure(outcome, invocation);
    }
  }

  /**
   * The HTTP answer to a failed outcome, the same on every platform: 400 with the reason for bad input, 503 with
   * {@code Retry-After} for a transient failure, 500 carrying only the invocation id otherwise. Adapters that
   * deliver events over HTTP (push subscriptions, webhooks) answer failures with it.
   */
  public static HttpResponse failure(Outcome outcome, Invocation invocation) {
    return switch (outcome.status()) {
      case SUCCESS -> throw new IllegalArgumentException("not a failure: " + outcome);
      case CLIENT_ERROR -> problem(400, "Bad Request", outcome.message(), invocation);
      case RETRYABLE_ERROR -> problem(HttpResponse.status(503).header("Retry-After", "1"), "Service Unavailable",
          "Try again later", invocation);
      case SERVER_ERROR -> problem(500, "Internal Server Error", "The function failed", invocation);
    };
  }

  /** A JSON error body: {@code {"error": ..., "message": ..., "invocationId": ...}}. */
  public static HttpResponse problem(int status, String error, String message, Invocation invocation) {
    return problem(HttpResponse.status(status), error, message, invocation);
  }

  private static HttpResponse problem(HttpResponse.Builder response, String error, String message,
      Invocation invocation) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    body.put("invocationId", invocation.invocationId());
    return response.json(body);
  }

  // ---------------------------------------------------------------- single events

  public Outcome object(@Nullable String functionName, ObjectEvent event, Invocation invocation) {
    return single(functionName, event, invocation, ObjectFunction.class,
        d -> d.trigger() instanceof ObjectTrigger o && o.bucket().equals(event.bucket()) && o.matches(event.kind(), event.key()),
        (fn, ctx) -> ((ObjectFunction) fn).handle(event, ctx));
  }

  public Outcome topic(@Nullable String functionName, TopicMessage message, Invocation invocation) {
    return single(functionName, message, invocation, TopicFunction.class,
        d -> d.trigger() instanceof TopicTrigger tt && tt.topic().equals(message.topic()),
        (fn, ctx) -> ((TopicFunction) fn).handle(message, ctx));
  }

  public Outcome schedule(@Nullable String functionName, ScheduleEvent event, Invocation invocation) {
    return single(functionName, event, invocation, ScheduleFunction.class,
        d -> d.trigger() instanceof ScheduleTrigger && d.name().equals(event.schedule()),
        (fn, ctx) -> ((ScheduleFunction) fn).handle(event, ctx));
  }

  /** One queue message (platforms that deliver them singly: Azure Queue, Pub/Sub push, Service Bus). */
  public Outcome queueMessage(@Nullable String functionName, QueueMessage message, Invocation invocation) {
    BatchOutcome batch = queueBatch(functionName, List.of(message), invocation, false);
    return batch.outcomes().get(message.id());
  }

  // ---------------------------------------------------------------- batches

  /**
   * Runs a batch through a {@link QueueBatchFunction} or, one message at a time, a {@link QueueFunction}.
   *
   * @param ordered the source is ordered (FIFO queue, stream): stop at the first failure and report it and every
   *     later message as failed. A queue trigger registered with {@code fifo()} is always treated so.
   */
  public BatchOutcome queueBatch(@Nullable String functionName, List<QueueMessage> messages, Invocation invocation,
      boolean ordered) {
    if (messages.isEmpty()) {
      return new BatchOutcome(Map.of(), List.of());
    }
    String queue = messages.get(0).queue();
    // Single-message and batch functions are one kind here: with one of each on different queues, the fallback
    // "the only function of that kind" must not hand a batch to the function registered for the other queue.
    Optional<FunctionDefinition> found = select(functionName,
        d -> d.handler() instanceof QueueFunction || d.handler() instanceof QueueBatchFunction,
        d -> d.trigger() instanceof QueueTrigger q && q.queue().equals(queue));
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    if (found.isEmpty()) {
      Outcome o = notFound(functionName, "a queue function for " + queue, invocation);
      messages.forEach(m -> outcomes.put(m.id(), o));
      return new BatchOutcome(outcomes, messages.stream().map(QueueMessage::id).toList());
    }
    FunctionDefinition fn = found.get();
    boolean stopAtFirst = ordered || ((QueueTrigger) fn.trigger()).ordered();
    InvocationContext batchCtx = context(fn.name(), invocation);
    List<String> failed = new ArrayList<>();
    if (fn.handler() instanceof QueueBatchFunction batchFn) {
      runBatchFunction(batchFn, messages, batchCtx, stopAtFirst, outcomes, failed);
    } else {
      QueueFunction single = (QueueFunction) fn.handler();
      Outcome skipped = null;
      for (QueueMessage m : messages) {
        if (skipped != null) {
          outcomes.put(m.id(), skipped);
          failed.add(m.id());
          continue;
        }
        InvocationContext ctx = messageContext(batchCtx, m);
        Outcome o;
        try {
          single.handle(m, ctx);
          o = Outcome.success();
        } catch (Throwable t) {
          rethrowFatal(t);
          o = report(ctx, t);
        }
        outcomes.put(m.id(), o);
        if (!o.isSuccess()) {
          failed.add(m.id());
          if (stopAtFirst) {
            skipped = new Outcome(Outcome.Status.RETRYABLE_ERROR,
                "not processed: an earlier message of this ordered batch failed", Optional.empty());
          }
        }
      }
    }
    return new BatchOutcome(outcomes, failed);
  }

  private void runBatchFunction(QueueBatchFunction fn, List<QueueMessage> messages, InvocationContext ctx,
      boolean stopAtFirst, Map<String, Outcome> outcomes, List<String> failed) {
    BatchResult result;
    try {
      result = fn.handle(List.copyOf(messages), ctx);
      if (result == null) {
        throw new IllegalStateException("Batch function returned null instead of a BatchResult");
      }
    } catch (Throwable t) {
      rethrowFatal(t);
      Outcome o = report(ctx, t);
      messages.forEach(m -> {
        outcomes.put(m.id(), o);
        failed.add(m.id());
      });
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    messages.forEach(m -> ids.add(m.id()));
    for (String unknown : result.failedMessageIds()) {
      if (!ids.contains(unknown)) {
        ctx.logger().warn("Batch function reported a failed message id that is not in the batch; ignored",
            "messageId", unknown);
      }
    }
    boolean failing = false;
    for (QueueMessage m : messages) {
      boolean thisFailed = result.failedMessageIds().contains(m.id());
      if (thisFailed || failing) {
        outcomes.put(m.id(), new Outcome(Outcome.Status.SERVER_ERROR,
            thisFailed ? "reported failed by the function" : "not processed: an earlier message failed",
            Optional.empty()));
        failed.add(m.id());
        failing = stopAtFirst;
      } else {
        outcomes.put(m.id(), Outcome.success());
      }
    }
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

  private <T extends Event> Outcome single(@Nullable String functionName, T event, Invocation invocation,
      Class<?> kind, Predicate<FunctionDefinition> matches, Handler handler) {
    Optional<FunctionDefinition> fn = select(functionName, d -> kind.isInstance(d.handler()), matches);
    if (fn.isEmpty()) {
      return notFound(functionName, "a " + kind.getSimpleName() + " for " + event.source(), invocation);
    }
    InvocationContext ctx = context(fn.get().name(), invocation);
    try {
      handler.handle(fn.get().handler(), ctx);
      return Outcome.success();
    } catch (Throwable t) {
      rethrowFatal(t);
      return report(ctx, t);
    }
  }

  @FunctionalInterface
  private interface Handler {
    void handle(Object function, InvocationContext context) throws Exception;
  }

  private Optional<FunctionDefinition> select(@Nullable String name, Predicate<FunctionDefinition> kind,
      Predicate<FunctionDefinition> matches) {
    if (name != null) {
      return registry.find(name).filter(kind);
    }
    List<FunctionDefinition> ofKind = new ArrayList<>();
    for (FunctionDefinition d : all) {
      if (kind.test(d)) {
        ofKind.add(d);
      }
    }
    List<FunctionDefinition> matching = ofKind.stream().filter(matches).toList();
    if (matching.size() == 1) {
      return Optional.of(matching.get(0));
    }
    return ofKind.size() == 1 ? Optional.of(ofKind.get(0)) : Optional.empty();
  }

  private Outcome notFound(@Nullable String name, String wanted, Invocation invocation) {
    String message = name != null
        ? "Function '" + name + "' is not registered as " + wanted
        : "No single function matches this event (wanted " + wanted + "); set FAAS4J_FUNCTION to choose one";
    runtimeLog.error(message, "invocationId", invocation.invocationId());
    return new Outcome(Outcome.Status.SERVER_ERROR, message, Optional.empty());
  }

  private HttpResponse misconfigured(String name, String wanted, Invocation invocation) {
    runtimeLog.error("Function '" + name + "' is not registered as " + wanted, "invocationId",
        invocation.invocationId());
    return problem(500, "Internal Server Error", "The function is misconfigured", invocation);
  }

  private InvocationContext context(String functionName, Invocation invocation) {
    boolean coldStart = cold.getAndSet(false);
    Optional<TraceContext> trace = invocation.trace();
    LogContext logContext = new LogContext(Optional.of(functionName), Optional.of(invocation.invocationId()),
        trace.map(TraceContext::traceId), trace.map(TraceContext::spanId), coldStart);
    return new DefaultInvocationContext(invocation.invocationId(), functionName, platform, invocation.deadline(),
        trace, logConfig.logger(logContext), clock, coldStart, invocation.platformAttributes());
  }

  private static InvocationContext messageContext(InvocationContext batch, QueueMessage m) {
    return new DefaultInvocationContext(batch.invocationId(), batch.functionName(), batch.platform(),
        batch.deadline(), batch.trace(), batch.logger().with("messageId", m.id()), batch.clock(),
        batch.coldStart(), batch.platformAttributes());
  }

  /** Errors the JVM cannot recover from are not an invocation's outcome. */
  private static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError e && !(t instanceof StackOverflowError)) {
      throw e;
    }
  }
}
