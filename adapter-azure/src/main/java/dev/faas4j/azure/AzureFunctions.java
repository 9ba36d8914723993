package dev.faas4j.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The entry methods that Azure functions delegate to, one per trigger kind. Each annotated method (written by
 * {@link AzureEntryGenerator}, or by hand) is one line:
 *
 * <pre>{@code
 * @FunctionName("createUser")
 * public HttpResponseMessage createUser(
 *     @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "users",
 *         authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
 *     ExecutionContext context) {
 *   return AzureFunctions.http(request, context);
 * }
 * }</pre>
 *
 * <p>The {@code @FunctionName} must be the faas4j function's registered name: it selects the function. The
 * application is loaded once per worker, on the first invocation ({@code FAAS4J_APP} or
 * {@code META-INF/services/dev.faas4j.FunctionApp}); if it cannot start, every invocation fails with the reason.
 * Event entries throw when the function fails, which makes the host retry (queue messages go to
 * {@code <queue>-poison} after {@code maxDequeueCount} attempts).
 */
public final class AzureFunctions {
  private AzureFunctions() {}

  private static final class Holder {
    static final @Nullable AzureRuntime RUNTIME;
    static final @Nullable RuntimeException FAILURE;

    static {
      AzureRuntime runtime = null;
      RuntimeException failure = null;
      try {
        runtime = AzureRuntime.fromEnvironment();
      } catch (RuntimeException e) {
        failure = e;
      }
      RUNTIME = runtime;
      FAILURE = failure;
    }
  }

  static AzureRuntime runtime() {
    AzureRuntime runtime = Holder.RUNTIME;
    if (runtime == null) {
      RuntimeException failure = Holder.FAILURE;
      throw new IllegalStateException("The faas4j application did not start: "
          + (failure == null ? "unknown reason" : failure.getMessage()), failure);
    }
    return runtime;
  }

  /** An HTTP trigger ({@code Optional<String>} or {@code Optional<byte[]>} body); never throws for bad input. */
  public static HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context) {
    return runtime().http(request, context);
  }

  /**
   * Blob events delivered by an Event Grid subscription to an HTTP-triggered function (webhook), for a faas4j
   * bucket function; answers the subscription-validation handshake itself.
   */
  public static HttpResponseMessage eventGridWebhook(HttpRequestMessage<?> request, ExecutionContext context) {
    return runtime().eventGridWebhook(request, context);
  }

  /**
   * A Queue Storage message, bound with {@code dataType = "binary"}, with its {@code Id}, {@code DequeueCount} and
   * {@code InsertionTime} metadata (each may be null).
   */
  public static void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    runtime().queue(message, id, dequeueCount, insertionTime, context);
  }

  /** A Queue Storage message bound as a string. */
  public static void queue(String message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    queue(message.getBytes(StandardCharsets.UTF_8), id, dequeueCount, insertionTime, context);
  }

  /** A blob written to a container: the content (unused: read it through the port), and the {@code BlobTrigger}
   * ({@code container/name}) and {@code Properties} metadata. */
  public static void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    runtime().blob(content, blobTrigger, properties, context);
  }

  /** One Blob Storage event from the Event Grid trigger (Event Grid or CloudEvents schema). */
  public static void eventGrid(@Nullable String event, ExecutionContext context) {
    runtime().eventGrid(event, context);
  }

  /** A timer firing, with the timer's JSON ({@code IsPastDue}, {@code ScheduleStatus}). */
  public static void timer(@Nullable String timerInfo, ExecutionContext context) {
    runtime().timer(timerInfo, context);
  }

  /** A Service Bus topic message with its {@code MessageId}, {@code DeliveryCount}, {@code ApplicationProperties}
   * and {@code EnqueuedTime} metadata, for a faas4j topic function. */
  public static void serviceBusTopic(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    runtime().serviceBusTopic(message, messageId, deliveryCount, applicationProperties, enqueuedTime, context);
  }

  /** A Service Bus queue message, for a faas4j queue function. */
  public static void serviceBusQueue(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    runtime().serviceBusQueue(message, messageId, deliveryCount, applicationProperties, enqueuedTime, context);
  }

}
