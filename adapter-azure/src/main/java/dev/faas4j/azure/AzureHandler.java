package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.event.Event;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionDefinition.Kind;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.InvocationHook;
import dev.faas4j.spi.Lazy;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.Wire;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Azure entry methods ({@link AzureEntryPoints}) for one application: maps each trigger's payload to a
 * {@link Delivery} (or an HTTP request), dispatches it through sdk-core's {@link Dispatcher}, which selects the
 * function, applies its trigger's filters and runs it, and maps the outcome back: an HTTP response, or for event
 * triggers an exception when the outcome is a failure, so the host retries (Queue Storage: up to maxDequeueCount,
 * then {@code <queue>-poison}; Service Bus: up to MaxDeliveryCount, then the dead-letter queue).
 *
 * <p>Construct one for an application and platform given in code (tests, custom bootstraps); deployed functions
 * reach the one of {@link AzureFunctions}, loaded from the environment. Thread-safe: the Java worker runs concurrent
 * invocations on one instance, each on its own thread, and nothing per invocation is kept here.
 */
@SuppressWarnings("try") // the log binding is used for its scope only
public final class AzureHandler implements AzureEntryPoints {
  static final String ROUTE_PREFIX_SETTING = "FAAS4J_AZURE_ROUTE_PREFIX";
  static final String QUEUE_DECODE_SETTING = "FAAS4J_AZURE_QUEUE_DECODE";

  private final FunctionHost host;
  private final Dispatcher dispatcher;
  private final AzureLogSink sink;
  private final Clock clock;
  private final Supplier<Function<String, byte[]>> overflow;
  private final LogicalNames names;
  private final HttpMapping.RoutePrefix routePrefix;
  private final boolean base64Queue;
  /** The host's queue retry limit, which the worker does not pass: see {@link #maxDequeueCount}. */
  private final int maxDequeueCount;
  /** The registry's functions by name, looked up without an Optional per invocation (the registry is frozen). */
  private final Map<String, FunctionDefinition> functions;

  /** Registers {@code app} on {@code platform}, reading settings from {@code config}. */
  public AzureHandler(FunctionApp app, Platform platform, Function<String, String> config) {
    this(app, platform, config, AzureLogSink.create());
  }

  private AzureHandler(FunctionApp app, Platform platform, Function<String, String> config, AzureLogSink sink) {
    this(FunctionHost.start(app, platform, LogFormat.json(OPERATION_ID), sink, config), sink, config, platform.clock(),
        () -> name -> {
          throw new IllegalStateException("Large queue messages are read from Blob Storage, which this platform "
              + "lacks");
        });
  }

  AzureHandler(FunctionHost host, AzureLogSink sink, Function<String, String> config, Clock clock,
      Supplier<Function<String, byte[]>> overflow) {
    this.host = host;
    this.dispatcher = host.dispatcher();
    this.sink = sink;
    this.clock = clock;
    this.overflow = overflow;
    this.overflowBlobs = name -> overflow.get().apply(name);
    // Settings are read once per instance, not per invocation.
    this.names = LogicalNames.of(dispatcher.registry(), config);
    this.routePrefix = HttpMapping.routePrefix(setting(config, ROUTE_PREFIX_SETTING, "api"));
    this.base64Queue = setting(config, QUEUE_DECODE_SETTING, "none").toLowerCase(Locale.ROOT).equals("base64");
    this.maxDequeueCount = maxDequeueCount(config);
    Map<String, FunctionDefinition> byName = new HashMap<>();
    dispatcher.registry().definitions().forEach(d -> byName.put(d.name(), d));
    this.functions = Map.copyOf(byName);
  }

  /** Loads the app named by {@code FAAS4J_APP} (or META-INF/services) on the Azure platform. */
  static AzureHandler fromEnvironment() {
    AzurePlatform platform = AzurePlatform.fromEnvironment();
    AzureLogSink sink = AzureLogSink.create();
    FunctionHost host = FunctionHost.start(platform, LogFormat.json(OPERATION_ID), sink, FunctionHost.ENVIRONMENT,
        AzureHandler.class.getClassLoader());
    // One blob client for every overflowing message, built only when the first one arrives.
    return new AzureHandler(host, sink, FunctionHost.ENVIRONMENT, platform.clock(), Lazy.of(() -> overflowReader(platform)));
  }

  private static Function<String, byte[]> overflowReader(AzurePlatform platform) {
    BlobObjectStorage storage = BlobObjectStorage.create(platform.storageConnection(), platform.overflowContainer());
    return name -> storage.get(name).orElseThrow(() -> new IllegalStateException(
        "The overflow blob of a large queue message is gone")).content();
  }

  // ---------------------------------------------------------------- HTTP

  @Override
  public HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context) {
    return serveHttp(request, context, false);
  }

  /**
   * Event Grid over an HTTP webhook: answers the subscription-validation handshake (Event Grid schema:
   * {@code {"validationResponse": code}}; CloudEvents schema: the {@code OPTIONS} abuse-protection request), and
   * otherwise delivers the batch's blob events, answering with the aggregate outcome.
   */
  @Override
  public HttpResponseMessage eventGridWebhook(HttpRequestMessage<?> request, ExecutionContext context) {
    return serveHttp(request, context, true);
  }

  private HttpResponse eventGridWebhook(HttpRequest mapped, Invocation invocation, ExecutionContext context) {
    if (mapped.method().equals("OPTIONS")) {
      String origin = mapped.header("WebHook-Request-Origin").orElse("*");
      return HttpResponse.ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*")
          .empty();
    }
    byte[] payload = mapped.body(); // one copy, shared by the batch's events
    List<JsonNode> events = EventMapping.eventGridEvents(payload);
    for (JsonNode event : events) {
      if (EventMapping.isValidation(event)) {
        return HttpResponse.ok().json(Map.of("validationResponse", EventMapping.validationCode(event)));
      }
    }
    String function = named(context);
    Delivery.Builder delivery = Delivery.builder(invocation).function(function);
    for (int i = 0; i < events.size(); i++) {
      addEventGridEvent(delivery, function, events.get(i), i, payload, mapped.headers());
    }
    return Dispatcher.httpResponse(dispatcher.deliver(delivery.build()).aggregate(), invocation);
  }

  /** Reads a large message's overflow blob; the reader is built when the first such message arrives. */
  private final Function<String, byte[]> overflowBlobs;

  /**
   * Maps, serves ({@code webhook}: as the Event Grid webhook) and writes an HTTP invocation inside the dispatcher's
   * guard: every failure is an answer.
   */
  private HttpResponseMessage serveHttp(HttpRequestMessage<?> request, ExecutionContext context, boolean webhook) {
    Invocation invocation = invocation(context);
    try (InvocationHook.Scope b = sink.bind(context.getLogger())) {
      HttpResponse response;
      try { // Dispatcher.guard's policy, caught here: a guard would allocate two lambdas per request
        // only a function's own request warns that the host read a binary body as text
        HttpRequest mapped = HttpMapping.request(request, routePrefix, webhook ? null : dispatcher.runtimeLogger(),
            invocation.invocationId());
        response = webhook ? eventGridWebhook(mapped, invocation, context)
            : dispatcher.http(named(context), mapped, invocation);
        return write(request, response, invocation);
      } catch (Throwable t) {
        response = Dispatcher.httpResponse(dispatcher.failure(invocation, t), invocation);
      }
      return write(request, response, invocation);
    }
  }

  private HttpResponseMessage write(HttpRequestMessage<?> request, HttpResponse response, Invocation invocation) {
    HttpResponseMessage message = HttpMapping.response(request, response);
    int dropped = HttpMapping.droppedCookies(response);
    if (dropped > 0) {
      dispatcher.runtimeLogger().warn("The Azure Java worker sends one Set-Cookie header per response; later "
          + "cookies were dropped", "invocationId", invocation.invocationId(), "header", "Set-Cookie",
          "droppedValues", dropped);
    }
    return message;
  }

  // ---------------------------------------------------------------- events

  /**
   * As {@link #deliver(ExecutionContext, Supplier, EventBody)} does for the other triggers, written out for the
   * commonest one: its lambdas over the entry method's arguments would be allocated per message.
   */
  @Override
  public void queue(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    queue(message, context, true, metadata, null, null, null);
  }

  /** The common binding, without the array of pairs and their checks: the names are this method's own. */
  @Override
  public void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    queue(message, context, false, null, id, dequeueCount, insertionTime);
  }

  /** A message with its metadata as pairs ({@code paired}: {@code metadata}), or as the common binding's values. */
  private void queue(byte[] message, ExecutionContext context, boolean paired, @Nullable String[] metadata,
      @Nullable String id, @Nullable String dequeueCount, @Nullable String insertionTime) {
    Invocation invocation = invocation(context);
    Outcome outcome;
    try (InvocationHook.Scope b = sink.bind(context.getLogger())) {
      try { // Dispatcher.guard's policy, caught here
        FunctionDefinition fn = function(context);
        String named = fn != null ? fn.name() : null;
        QueueMessage mapped = null;
        Delivery rejected = null;
        try {
          mapped = queueMessage(message, context, fn, paired, metadata, id, dequeueCount, insertionTime, invocation);
        } catch (InvalidEventException e) {
          String itemId = paired ? firstValue(metadata, "Id") : EventMapping.present(id).orElse(null);
          rejected = Delivery.builder(invocation).function(named)
              .rejected(itemId != null ? itemId : invocation.invocationId(), e).build();
        }
        // one message: no delivery, list or result to build for it
        outcome = mapped != null ? dispatcher.deliverOne(named, invocation, mapped)
            : dispatcher.deliver(rejected).aggregate();
      } catch (Throwable t) {
        outcome = dispatcher.failure(invocation, t);
      }
    }
    if (!outcome.isSuccess()) {
      throw new FunctionFailedException(String.valueOf(context.getFunctionName()), outcome);
    }
  }

  private QueueMessage queueMessage(byte[] message, ExecutionContext context, @Nullable FunctionDefinition fn,
      boolean paired, @Nullable String[] metadata, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, Invocation invocation) {
    String[] md = paired ? EventMapping.pairs(metadata, EventMapping.QUEUE_METADATA, "queue") : null;
    // The host names no queue in the message: it is the one the function's trigger binds.
    String queue = ((QueueTrigger) definition(context, fn, Kind.QUEUE).trigger()).queue();
    byte[] payload = base64Queue
        ? Wire.base64(new String(message, StandardCharsets.US_ASCII).trim(), "Queue message") : message;
    QueueEnvelope.Content content = QueueEnvelope.unwrap(payload, overflowBlobs);
    return paired
        ? EventMapping.queueMessage(content.body(), content.attributes(), queue, md, invocation.invocationId(),
            maxDequeueCount, message)
        : EventMapping.queueMessage(content.body(), content.attributes(), queue, id, dequeueCount, insertionTime,
            invocation.invocationId(), maxDequeueCount, message);
  }

  @Override
  public void serviceBusQueue(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    deliver(context, () -> firstValue(metadata, "MessageId"), (delivery, invocation) -> {
      String[] md = EventMapping.pairs(metadata, EventMapping.SERVICE_BUS_METADATA, "Service Bus");
      String queue = ((QueueTrigger) definition(context, Kind.QUEUE).trigger()).queue();
      delivery.event(EventMapping.serviceBusQueueMessage(message, queue, md, invocation.invocationId()));
    });
  }

  @Override
  public void serviceBusTopic(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    deliver(context, () -> firstValue(metadata, "MessageId"), (delivery, invocation) -> {
      String[] md = EventMapping.pairs(metadata, EventMapping.SERVICE_BUS_METADATA, "Service Bus");
      String topic = ((TopicTrigger) definition(context, Kind.TOPIC).trigger()).topic();
      delivery.event(EventMapping.topicMessage(message, topic, md, invocation.invocationId()));
    });
  }

  @Override
  public void blob(byte @Nullable [] content, ExecutionContext context, @Nullable String... metadata) {
    deliver(context, () -> firstValue(metadata, "BlobTrigger"), (delivery, invocation) -> delivery.event(
        EventMapping.blobCreated(names, content, EventMapping.pairs(metadata, EventMapping.BLOB_METADATA, "blob"),
            invocation.invocationId())));
  }

  @Override
  public void eventGrid(@Nullable String event, ExecutionContext context) {
    deliver(context, () -> null, (delivery, invocation) -> {
      byte[] payload = event == null ? new byte[0] : event.getBytes(StandardCharsets.UTF_8);
      List<JsonNode> events = EventMapping.eventGridEvents(payload);
      if (events.size() != 1) {
        throw new InvalidEventException("The Event Grid trigger delivers one event per invocation; got "
            + events.size());
      }
      addEventGridEvent(delivery, named(context), events.get(0), 0, payload, Headers.empty());
    });
  }

  @Override
  public void timer(@Nullable String timerInfo, ExecutionContext context) {
    deliver(context, () -> null, (delivery, invocation) -> {
      FunctionDefinition fn = definition(context, Kind.SCHEDULE);
      delivery.event(EventMapping.schedule(timerInfo, fn.name(), invocation.invocationId()));
    });
  }

  /** Adds one Event Grid event, or its rejection: a bad event fails alone. */
  private void addEventGridEvent(Delivery.Builder delivery, @Nullable String function, JsonNode event, int position,
      byte[] payload, Headers headers) {
    try {
      delivery.event(eventGridEvent(function, event, payload, headers));
    } catch (InvalidEventException e) {
      delivery.rejected(EventMapping.idForLog(event, position), e);
    }
  }

  /**
   * A Blob Storage event as an object event, unless a CloudEvent function takes it (the named one is, or one declares
   * its type); any other event as a CloudEvent, except for a named bucket function, which rejects it.
   */
  private Event eventGridEvent(@Nullable String function, JsonNode event, byte[] payload, Headers headers) {
    String type = EventMapping.eventType(event);
    String source = EventMapping.eventSource(event);
    FunctionDefinition named = function == null ? null : functions.get(function);
    boolean asCloudEvent = dispatcher.takesAsCloudEvent(function, type, source == null ? "" : source)
        || !type.startsWith("Microsoft.Storage.") && (named == null || named.kind() != Kind.STORAGE);
    return asCloudEvent ? EventMapping.cloudEvent(event, payload, headers)
        : EventMapping.blobEvent(event, names, payload, headers);
  }

  /** The value of one metadata pair, for naming a rejected item; null if absent. */
  private static @Nullable String firstValue(@Nullable String[] pairs, String name) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (name.equals(pairs[i])) {
        return EventMapping.present(pairs[i + 1]).orElse(null);
      }
    }
    return null;
  }

  @FunctionalInterface
  private interface EventBody {
    /** Adds the invocation's event to {@code delivery}; throws {@link InvalidEventException} if it cannot. */
    void map(Delivery.Builder delivery, Invocation invocation);
  }

  /**
   * Maps and delivers an event inside the dispatcher's guard. Wire input that cannot be mapped becomes a rejected
   * item (logged once by the dispatcher, with the function and {@code itemId}); any failed outcome is thrown as
   * {@link FunctionFailedException}, the host's signal to retry. A client error is thrown too: Azure has no
   * "dead-letter now" signal, so the message reaches the poison queue after maxDequeueCount attempts.
   */
  private void deliver(ExecutionContext context, Supplier<@Nullable String> itemId, EventBody body) {
    Invocation invocation = invocation(context);
    Outcome outcome;
    try (InvocationHook.Scope b = sink.bind(context.getLogger())) {
      outcome = dispatcher.guard(invocation, () -> {
        Delivery.Builder delivery = Delivery.builder(invocation).function(named(context));
        try {
          body.map(delivery, invocation);
        } catch (InvalidEventException e) {
          String id = itemId.get();
          delivery.rejected(id != null ? id : invocation.invocationId(), e);
        }
        return dispatcher.deliver(delivery.build()).aggregate();
      }, failure -> failure);
    }
    if (!outcome.isSuccess()) {
      throw new FunctionFailedException(String.valueOf(context.getFunctionName()), outcome);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The faas4j function the Azure function's name selects, or null for an Azure function that is not one (a
   * catch-all HTTP proxy, one Event Grid webhook for every bucket function): the dispatcher then chooses by route or
   * trigger.
   */
  private @Nullable String named(ExecutionContext context) {
    String name = context.getFunctionName();
    if (name == null) {
      return null;
    }
    if (name == lastNamed) { // the worker passes a function's name as one string, invocation after invocation
      return name;
    }
    if (functions.containsKey(name)) {
      lastNamed = name; // a benign race: any registered name is right for its own string
      return name;
    }
    return null;
  }

  /** The last name {@link #named} found registered, or null. */
  private @Nullable String lastNamed;

  /** The faas4j function the Azure function's name selects, or null (see {@link #named}). */
  private @Nullable FunctionDefinition function(ExecutionContext context) {
    String name = context.getFunctionName();
    return name == null ? null : functions.get(name);
  }

  /** The named function, for triggers whose payload does not say what the function binds (queue, topic, cron). */
  private FunctionDefinition definition(ExecutionContext context, Kind kind) {
    return definition(context, function(context), kind);
  }

  /** {@link #definition(ExecutionContext, Kind)} of the function {@link #function} found already. */
  private static FunctionDefinition definition(ExecutionContext context, @Nullable FunctionDefinition fn,
      Kind kind) {
    String name = context.getFunctionName();
    if (fn == null || fn.kind() != kind) {
      throw new IllegalStateException("Function '" + name + "' is not a registered faas4j "
          + kind.name().toLowerCase(Locale.ROOT) + " function; the @FunctionName must be the faas4j function's name");
    }
    return fn;
  }

  /** Application Insights groups an operation's telemetry by this id, which for W3C tracing is the trace id. */
  static final String OPERATION_ID = "operationId";

  private Invocation invocation(ExecutionContext context) {
    String id = context.getInvocationId();
    Optional<TraceContext> trace = Optional.empty();
    try {
      com.microsoft.azure.functions.TraceContext tc = context.getTraceContext();
      if (tc != null && tc.getTraceparent() != null) {
        trace = TraceContext.fromTraceparent(tc.getTraceparent(), tc.getTracestate());
      }
    } catch (RuntimeException e) {
      // an ExecutionContext without trace support
    }
    // in milliseconds: the deadline's Instant is made only if the function reads it
    return Invocation.until(id == null || id.isBlank() ? "unknown" : id, host.deadlineFrom(clock.millis()), trace,
        Map.of());
  }

  static final String MAX_DEQUEUE_SETTING = "AzureFunctionsJobHost__extensions__queues__maxDequeueCount";

  /**
   * The host's {@code extensions.queues.maxDequeueCount}: the app setting that overrides host.json, else host.json in
   * the script root ({@code AzureWebJobsScriptRoot}, which the host sets), else the host's default, 5.
   */
  static int maxDequeueCount(Function<String, String> config) {
    String setting = config.apply(MAX_DEQUEUE_SETTING);
    if (setting != null && !setting.isBlank()) {
      return positive(setting.trim(), MAX_DEQUEUE_SETTING);
    }
    String root = config.apply("AzureWebJobsScriptRoot");
    if (root != null && !root.isBlank()) {
      java.nio.file.Path hostJson = java.nio.file.Path.of(root.trim(), "host.json");
      if (java.nio.file.Files.isRegularFile(hostJson)) {
        JsonNode value;
        try {
          value = dev.faas4j.spi.WireJson.tree(java.nio.file.Files.readAllBytes(hostJson), "host.json")
              .path("extensions").path("queues").path("maxDequeueCount");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("Cannot read host.json", e);
        }
        if (!value.isMissingNode() && !value.isNull()) {
          return positive(value.asText(), "host.json extensions.queues.maxDequeueCount");
        }
      }
    }
    return 5;
  }

  private static int positive(String value, String what) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " must be a whole number of at least 1; got '" + value + "'");
  }

  private static String setting(Function<String, String> config, String name, String fallback) {
    String v = config.apply(name);
    return v == null ? fallback : v.trim();
  }
}
