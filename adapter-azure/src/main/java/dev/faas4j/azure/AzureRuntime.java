package dev.faas4j.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.log.LogFormat;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import dev.faas4j.trigger.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One function app instance: the host (app, registry, dispatcher, logging) and the translation of each trigger's
 * payload. Every entry runs with the invocation's logger bound to {@link AzureLogSink}, dispatches by the
 * {@code @FunctionName} the worker reports, and turns a failed outcome into an exception so the host retries
 * (Queue Storage: up to maxDequeueCount, then {@code <queue>-poison}; Service Bus: up to MaxDeliveryCount, then
 * the dead-letter queue).
 */
@SuppressWarnings("try") // the log binding is used for its scope only
final class AzureRuntime {
  static final String ROUTE_PREFIX_SETTING = "FAAS4J_AZURE_ROUTE_PREFIX";
  static final String QUEUE_DECODE_SETTING = "FAAS4J_AZURE_QUEUE_DECODE";

  private final FunctionHost host;
  private final AzureLogSink sink;
  private final Function<String, String> config;
  private final Clock clock;
  private final Supplier<Function<String, byte[]>> overflow;

  AzureRuntime(FunctionHost host, AzureLogSink sink, Function<String, String> config, Clock clock,
      Supplier<Function<String, byte[]>> overflow) {
    this.host = host;
    this.sink = sink;
    this.config = config;
    this.clock = clock;
    this.overflow = overflow;
  }

  /** Loads the app named by {@code FAAS4J_APP} (or META-INF/services) on the Azure platform. */
  static AzureRuntime fromEnvironment() {
    AzurePlatform platform = AzurePlatform.fromEnvironment();
    AzureLogSink sink = AzureLogSink.create();
    FunctionHost host = FunctionHost.start(platform, LogFormat.json(), sink, System::getenv,
        AzureRuntime.class.getClassLoader());
    // One blob client for every overflowing message, built only when the first one arrives.
    return new AzureRuntime(host, sink, System::getenv, platform.clock(),
        dev.faas4j.spi.Lazy.of(() -> overflowReader(platform)));
  }

  private static Function<String, byte[]> overflowReader(AzurePlatform platform) {
    BlobObjectStorage storage = BlobObjectStorage.create(platform.storageConnection(), platform.overflowContainer());
    return name -> storage.get(name).orElseThrow(() -> new IllegalStateException(
        "The overflow blob of a large queue message is gone")).content();
  }

  Dispatcher dispatcher() {
    return host.dispatcher();
  }

  // ---------------------------------------------------------------- HTTP

  HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context) {
    Invocation invocation = invocation(context);
    try (AzureLogSink.Binding b = sink.bind(context.getLogger())) {
      HttpResponse response;
      try {
        HttpMapping.Mapped mapped = HttpMapping.request(request, routePrefix());
        if (mapped.bodyDecodedAsText()) {
          host.dispatcher().runtimeLogger().warn("The Functions host read this binary body as text, which can "
              + "corrupt it; send binary content as application/octet-stream", "invocationId",
              invocation.invocationId(), "contentType", mapped.contentType());
        }
        response = host.dispatcher().http(context.getFunctionName(), mapped.request(), invocation);
      } catch (InvalidEventException e) {
        rejected(context, invocation, e);
        response = Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
      }
      return write(request, response, invocation);
    }
  }

  /**
   * Event Grid over an HTTP webhook: answers the subscription-validation handshake (Event Grid schema:
   * {@code {"validationResponse": code}}; CloudEvents schema: the {@code OPTIONS} abuse-protection request), and
   * otherwise hands each blob event to the function. The response is 200 when every event succeeded, else the
   * status of the worst outcome (400 is not retried by Event Grid, 500 and 503 are).
   */
  HttpResponseMessage eventGridWebhook(HttpRequestMessage<?> request, ExecutionContext context) {
    Invocation invocation = invocation(context);
    try (AzureLogSink.Binding b = sink.bind(context.getLogger())) {
      HttpResponse response;
      try {
        HttpMapping.Mapped mapped = HttpMapping.request(request, routePrefix());
        if (mapped.request().method().equals("OPTIONS")) {
          String origin = mapped.request().header("WebHook-Request-Origin").orElse("*");
          response = HttpResponse.ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*")
              .empty();
        } else {
          response = eventGridDelivery(mapped.request().text(), context, invocation);
        }
      } catch (InvalidEventException e) {
        rejected(context, invocation, e);
        response = Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
      }
      return write(request, response, invocation);
    }
  }

  private HttpResponse eventGridDelivery(String body, ExecutionContext context, Invocation invocation) {
    List<JsonNode> events = EventMapping.eventGridEvents(body);
    for (JsonNode event : events) {
      if (EventMapping.eventType(event).equals(EventMapping.VALIDATION_EVENT)) {
        return HttpResponse.ok().json(Map.of("validationResponse", EventMapping.validationCode(event)));
      }
    }
    ObjectTrigger trigger = trigger(context, ObjectTrigger.class);
    List<ObjectEvent> mapped = new ArrayList<>();
    for (JsonNode event : events) {
      mapped.add(EventMapping.blobEvent(event, trigger.bucket(), clock.instant()));
    }
    Outcome worst = Outcome.success();
    for (ObjectEvent event : mapped) {
      Outcome o = objectIfMatching(context, trigger, event, invocation);
      if (rank(o) > rank(worst)) {
        worst = o;
      }
    }
    return worst.isSuccess() ? HttpResponse.ok().empty() : Dispatcher.failure(worst, invocation);
  }

  private static int rank(Outcome o) {
    return switch (o.status()) {
      case SUCCESS -> 0;
      case RETRYABLE_ERROR -> 1;
      case SERVER_ERROR -> 2;
      case CLIENT_ERROR -> 3;
    };
  }

  private HttpResponseMessage write(HttpRequestMessage<?> request, HttpResponse response, Invocation invocation) {
    HttpMapping.Written written = HttpMapping.response(request, response);
    if (written.droppedCookies() > 0) {
      host.dispatcher().runtimeLogger().warn("The Azure Java worker sends one Set-Cookie header per response; "
          + "later cookies were dropped", "invocationId", invocation.invocationId(), "header", "Set-Cookie", "droppedValues",
          written.droppedCookies());
    }
    return written.message();
  }

  // ---------------------------------------------------------------- events

  void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount, @Nullable String insertionTime,
      ExecutionContext context) {
    run(context, invocation -> {
      QueueTrigger trigger = trigger(context, QueueTrigger.class);
      byte[] payload = message;
      if ("base64".equalsIgnoreCase(setting(QUEUE_DECODE_SETTING, "none"))) {
        payload = dev.faas4j.spi.Wire.base64(new String(message, StandardCharsets.US_ASCII).trim(), "Queue message");
      }
      QueueEnvelope.Content content = QueueEnvelope.unwrap(payload, name -> overflow.get().apply(name));
      return host.dispatcher().queueMessage(context.getFunctionName(), EventMapping.queueMessage(content.body(),
          content.attributes(), trigger.queue(), id, dequeueCount, insertionTime, invocation.invocationId(),
          clock.instant()), invocation);
    });
  }

  void serviceBusQueue(byte[] body, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    run(context, invocation -> {
      QueueTrigger trigger = trigger(context, QueueTrigger.class);
      return host.dispatcher().queueMessage(context.getFunctionName(), EventMapping.serviceBusQueueMessage(body,
          trigger.queue(), messageId, deliveryCount, applicationProperties, enqueuedTime, invocation.invocationId(),
          clock.instant()), invocation);
    });
  }

  void serviceBusTopic(byte[] body, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    run(context, invocation -> {
      TopicTrigger trigger = trigger(context, TopicTrigger.class);
      return host.dispatcher().topic(context.getFunctionName(), EventMapping.topicMessage(body, trigger.topic(),
          messageId, deliveryCount, applicationProperties, enqueuedTime, invocation.invocationId(), clock.instant()),
          invocation);
    });
  }

  void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    run(context, invocation -> {
      ObjectTrigger trigger = trigger(context, ObjectTrigger.class);
      ObjectEvent event = EventMapping.blobCreated(trigger.bucket(), blobTrigger, content == null ? 0 : content.length,
          properties, invocation.invocationId(), clock.instant());
      return objectIfMatching(context, trigger, event, invocation);
    });
  }

  void eventGrid(@Nullable String event, ExecutionContext context) {
    run(context, invocation -> {
      ObjectTrigger trigger = trigger(context, ObjectTrigger.class);
      List<JsonNode> events = EventMapping.eventGridEvents(event == null ? "" : event);
      if (events.size() != 1) {
        throw new InvalidEventException("The Event Grid trigger delivers one event per invocation; got "
            + events.size());
      }
      return objectIfMatching(context, trigger,
          EventMapping.blobEvent(events.get(0), trigger.bucket(), clock.instant()), invocation);
    });
  }

  void timer(@Nullable String timerInfo, ExecutionContext context) {
    run(context, invocation -> {
      ScheduleTrigger trigger = trigger(context, ScheduleTrigger.class);
      return host.dispatcher().schedule(context.getFunctionName(), EventMapping.schedule(timerInfo,
          context.getFunctionName(), trigger.cron(), trigger.zone(), clock.instant()), invocation);
    });
  }

  /** Event subscriptions can deliver more than the function asked for (other kinds, other keys): those are acked. */
  private Outcome objectIfMatching(ExecutionContext context, ObjectTrigger trigger, ObjectEvent event,
      Invocation invocation) {
    if (!trigger.matches(event.kind(), event.key())) {
      host.dispatcher().runtimeLogger().debug("Event does not match the function's trigger; acknowledged",
          "invocationId", invocation.invocationId(), "kind", event.kind().name());
      return Outcome.success();
    }
    return host.dispatcher().object(context.getFunctionName(), event, invocation);
  }

  @FunctionalInterface
  private interface Mapped {
    Outcome dispatch(Invocation invocation);
  }

  /** Maps and dispatches an event; any failure becomes an exception, the host's signal to retry. */
  private void run(ExecutionContext context, Mapped body) {
    Invocation invocation = invocation(context);
    Outcome outcome;
    try (AzureLogSink.Binding b = sink.bind(context.getLogger())) {
      try {
        outcome = body.dispatch(invocation);
      } catch (InvalidEventException e) {
        rejected(context, invocation, e);
        outcome = Outcome.failure(Outcome.Status.CLIENT_ERROR, e.getMessage(), e);
      }
    }
    if (!outcome.isSuccess()) {
      // Already logged once, with its stack, by the dispatcher (or above); the cause is left off so the host does
      // not log the same failure again. A client error is thrown too: Azure has no "dead-letter now" signal, so the
      // message reaches the poison queue after maxDequeueCount attempts.
      throw new FunctionFailedException(context.getFunctionName(), outcome);
    }
  }

  private void rejected(ExecutionContext context, Invocation invocation, InvalidEventException e) {
    host.dispatcher().runtimeLogger().warn("Invocation rejected: " + e.getMessage(), "invocationId",
        invocation.invocationId(), "function", String.valueOf(context.getFunctionName()), "error",
        Map.of("type", e.getClass().getName(), "message", String.valueOf(e.getMessage())));
  }

  private <T extends Trigger> T trigger(ExecutionContext context, Class<T> type) {
    String name = context.getFunctionName();
    Optional<FunctionDefinition> fn = name == null ? Optional.empty() : host.dispatcher().registry().find(name);
    if (fn.isEmpty() || !type.isInstance(fn.get().trigger())) {
      throw new IllegalStateException("Function '" + name + "' is not registered with a "
          + type.getSimpleName() + "; the @FunctionName must be the faas4j function's name");
    }
    return type.cast(fn.get().trigger());
  }

  private Invocation invocation(ExecutionContext context) {
    String id = context.getInvocationId();
    Optional<TraceContext> trace = Optional.empty();
    try {
      com.microsoft.azure.functions.TraceContext tc = context.getTraceContext();
      if (tc != null && tc.getTraceparent() != null) {
        trace = TraceContext.fromTraceparent(tc.getTraceparent());
      }
    } catch (RuntimeException e) {
      // an ExecutionContext without trace support
    }
    Instant now = clock.instant();
    return new Invocation(id == null || id.isBlank() ? "unknown" : id, host.deadlineFrom(now), trace);
  }

  private String routePrefix() {
    return setting(ROUTE_PREFIX_SETTING, "api");
  }

  private String setting(String name, String fallback) {
    String v = config.apply(name);
    return v == null ? fallback : v.trim();
  }
}
