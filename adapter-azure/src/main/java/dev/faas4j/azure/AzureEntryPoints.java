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
   * A Queue Storage message, bound with {@code dataType = "binary"}, with its {@code Id}, {@code DequeueCount} and
   * {@code InsertionTime} metadata (each may be null).
   */
  void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount, @Nullable String insertionTime,
      ExecutionContext context);

  /** A Queue Storage message bound as a string. */
  default void queue(String message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    queue(message.getBytes(StandardCharsets.UTF_8), id, dequeueCount, insertionTime, context);
  }

  /**
   * A blob written to a container: the content (unused: read it through the port), and the {@code BlobTrigger}
   * ({@code container/name}) and {@code Properties} metadata.
   */
  default void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    blob(content, blobTrigger, properties, null, context);
  }

  /**
   * A blob written to a container, with its {@code Metadata} (a JSON object), which carries the writer's trace
   * context ({@code traceparent}); entries generated before it was bound call the method above.
   */
  void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      @Nullable String metadata, ExecutionContext context);

  /** One Blob Storage event from the Event Grid trigger (Event Grid or CloudEvents schema). */
  void eventGrid(@Nullable String event, ExecutionContext context);

  /** A timer firing, with the timer's JSON ({@code IsPastDue}, {@code ScheduleStatus}). */
  void timer(@Nullable String timerInfo, ExecutionContext context);

  /**
   * A Service Bus topic message with its {@code MessageId}, {@code DeliveryCount}, {@code ApplicationProperties} and
   * {@code EnqueuedTime} metadata, for a faas4j topic function.
   */
  void serviceBusTopic(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context);

  /** A Service Bus queue message, for a faas4j queue function. */
  void serviceBusQueue(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context);
}
