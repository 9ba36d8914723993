package dev.faas4j.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The entry methods an {@code @FunctionName} method delegates to, one per Azure trigger. {@link AzureHandler}
 * implements them for an application given in code; {@link AzureFunctions} exposes the same list as static methods
 * for the generated (or hand-written) entry class. Declared once here so the two cannot drift: a test compares
 * {@code AzureFunctions}' static methods with this interface.
 *
 * <p>The Azure function's name selects the faas4j function. Event entries throw when the function fails, which makes
 * the host retry; events the function's trigger does not cover (another container, key or event kind) are
 * acknowledged without running it.
 */
public interface AzureEntryPoints {

  /** An HTTP trigger ({@code Optional<String>} or {@code Optional<byte[]>} body); never throws for bad input. */
  HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context);

  /**
   * Blob events delivered by an Event Grid subscription to an HTTP-triggered function (webhook); answers the
   * subscription-validation handshakes itself. 2xx when every event was handled or skipped, else the answer to the
   * aggregate outcome (400 is not redelivered by Event Grid, 500 and 503 are).
   */
  HttpResponseMessage eventGridWebhook(HttpRequestMessage<?> request, ExecutionContext context);

  /**
   * A Queue Storage message, bound with {@code dataType = "binary"}, with the trigger metadata it binds as name/value
   * pairs ({@code "DequeueCount", dequeueCount, ...}; values may be null): {@code Id}, {@code DequeueCount},
   * {@code InsertionTime}, {@code ExpirationTime}, {@code NextVisibleTime}, {@code PopReceipt}.
   */
  void queue(byte[] message, ExecutionContext context, @Nullable String... metadata);

  /** A Queue Storage message with its {@code Id}, {@code DequeueCount} and {@code InsertionTime} only. */
  default void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    queue(message, context, "Id", id, "DequeueCount", dequeueCount, "InsertionTime", insertionTime);
  }

  /** A Queue Storage message bound as a string. */
  default void queue(String message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    queue(message.getBytes(StandardCharsets.UTF_8), id, dequeueCount, insertionTime, context);
  }

  /**
   * A blob written to a container: the content (the origin's payload; read large blobs through the port instead),
   * and the metadata pairs {@code BlobTrigger} ({@code container/name}), {@code Properties}, {@code Metadata},
   * {@code Uri}.
   */
  void blob(byte @Nullable [] content, ExecutionContext context, @Nullable String... metadata);

  /** A blob with its {@code BlobTrigger} and {@code Properties} metadata only. */
  default void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    blob(content, context, "BlobTrigger", blobTrigger, "Properties", properties);
  }

  /**
   * One event from the Event Grid trigger, in the Event Grid or CloudEvents schema: a Blob Storage event for a
   * bucket function, any event for a CloudEvent function.
   */
  void eventGrid(@Nullable String event, ExecutionContext context);

  /** A timer firing, with the timer's JSON ({@code IsPastDue}, {@code ScheduleStatus}). */
  void timer(@Nullable String timerInfo, ExecutionContext context);

  /**
   * A Service Bus topic message for a faas4j topic function, with the metadata pairs it binds: {@code MessageId},
   * {@code DeliveryCount}, {@code EnqueuedTimeUtc} (or {@code EnqueuedTime}), {@code ApplicationProperties} (or
   * {@code UserProperties}), {@code ContentType}, {@code CorrelationId}, {@code Subject} (or {@code Label}),
   * {@code SequenceNumber}, {@code SessionId}, {@code ReplyTo}, {@code ReplyToSessionId}, {@code To},
   * {@code TimeToLive}, {@code ExpiresAtUtc} (or {@code ExpiresAt}), {@code ScheduledEnqueueTimeUtc},
   * {@code DeadLetterSource}.
   */
  void serviceBusTopic(byte[] message, ExecutionContext context, @Nullable String... metadata);

  /** A Service Bus queue message for a faas4j queue function; the metadata as for {@link #serviceBusTopic}. */
  void serviceBusQueue(byte[] message, ExecutionContext context, @Nullable String... metadata);

  /** A Service Bus topic message with {@code MessageId}, {@code DeliveryCount}, properties and enqueued time only. */
  default void serviceBusTopic(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    serviceBusTopic(message, context, "MessageId", messageId, "DeliveryCount", deliveryCount,
        "ApplicationProperties", applicationProperties, "EnqueuedTime", enqueuedTime);
  }

  /** A Service Bus queue message with {@code MessageId}, {@code DeliveryCount}, properties and enqueued time only. */
  default void serviceBusQueue(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    serviceBusQueue(message, context, "MessageId", messageId, "DeliveryCount", deliveryCount,
        "ApplicationProperties", applicationProperties, "EnqueuedTime", enqueuedTime);
  }
}
