package dev.faas4j.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import org.jspecify.annotations.Nullable;

/**
 * The entry methods that Azure functions delegate to, one per trigger kind: the static form of
 * {@link AzureEntryPoints}. Each annotated method (written by {@code dev.faas4j.azure.deploy.AzureEntryGenerator}, or
 * by hand) is one line:
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
 * <p>Queue, Blob and Service Bus entries take the trigger metadata the method binds as name/value pairs after the
 * context, e.g. {@code AzureFunctions.queue(message, context, "Id", id, "DequeueCount", dequeueCount)}.
 *
 * <p>The {@code @FunctionName} is the faas4j function's registered name: it selects the function. An Azure function
 * named otherwise (a catch-all HTTP proxy, one Event Grid webhook or trigger for every bucket function) lets the
 * dispatcher choose by route or trigger; queue, Service Bus and timer entries need the faas4j name, since their
 * payloads do not say which queue, topic or schedule the function binds. The application is loaded once per worker, on the first invocation ({@code FAAS4J_APP} or
 * {@code META-INF/services/dev.faas4j.FunctionApp}); if it cannot start, every invocation fails with the reason.
 * Event entries throw when the function fails, which makes the host retry (queue messages go to
 * {@code <queue>-poison} after {@code maxDequeueCount} attempts).
 */
public final class AzureFunctions {
  private AzureFunctions() {}

  private static final class Holder {
    static final @Nullable AzureHandler HANDLER;
    static final @Nullable RuntimeException FAILURE;

    static {
      AzureHandler handler = null;
      RuntimeException failure = null;
      try {
        handler = AzureHandler.fromEnvironment();
      } catch (RuntimeException e) {
        failure = e;
      }
      HANDLER = handler;
      FAILURE = failure;
    }
  }

  /** The instance's entries, loaded on first use. */
  static AzureEntryPoints entries() {
    AzureHandler handler = Holder.HANDLER;
    if (handler == null) {
      RuntimeException failure = Holder.FAILURE;
      throw new IllegalStateException("The faas4j application did not start: "
          + (failure == null ? "unknown reason" : failure.getMessage()), failure);
    }
    return handler;
  }

  // One static method per AzureEntryPoints method, same signature (AzureEntryPointsTest keeps them in step).

  /** See {@link AzureEntryPoints#http}. */
  public static HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context) {
    return entries().http(request, context);
  }

  /** See {@link AzureEntryPoints#eventGridWebhook}. */
  public static HttpResponseMessage eventGridWebhook(HttpRequestMessage<?> request, ExecutionContext context) {
    return entries().eventGridWebhook(request, context);
  }

  /** See {@link AzureEntryPoints#queue(byte[], ExecutionContext, String...)}. */
  public static void queue(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    entries().queue(message, context, metadata);
  }

  /** See {@link AzureEntryPoints#queue(byte[], String, String, String, ExecutionContext)}. */
  public static void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    entries().queue(message, id, dequeueCount, insertionTime, context);
  }

  /** See {@link AzureEntryPoints#queue(String, String, String, String, ExecutionContext)}. */
  public static void queue(String message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    entries().queue(message, id, dequeueCount, insertionTime, context);
  }

  /** See {@link AzureEntryPoints#blob(byte[], ExecutionContext, String...)}. */
  public static void blob(byte @Nullable [] content, ExecutionContext context, @Nullable String... metadata) {
    entries().blob(content, context, metadata);
  }

  /** See {@link AzureEntryPoints#blob(byte[], String, String, ExecutionContext)}. */
  public static void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    entries().blob(content, blobTrigger, properties, context);
  }

  /** See {@link AzureEntryPoints#eventGrid}. */
  public static void eventGrid(@Nullable String event, ExecutionContext context) {
    entries().eventGrid(event, context);
  }

  /** See {@link AzureEntryPoints#timer}. */
  public static void timer(@Nullable String timerInfo, ExecutionContext context) {
    entries().timer(timerInfo, context);
  }

  /** See {@link AzureEntryPoints#serviceBusTopic(byte[], ExecutionContext, String...)}. */
  public static void serviceBusTopic(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    entries().serviceBusTopic(message, context, metadata);
  }

  /** See {@link AzureEntryPoints#serviceBusQueue(byte[], ExecutionContext, String...)}. */
  public static void serviceBusQueue(byte[] message, ExecutionContext context, @Nullable String... metadata) {
    entries().serviceBusQueue(message, context, metadata);
  }

  /** See {@link AzureEntryPoints#serviceBusTopic(byte[], String, String, String, String, ExecutionContext)}. */
  public static void serviceBusTopic(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    entries().serviceBusTopic(message, messageId, deliveryCount, applicationProperties, enqueuedTime, context);
  }

  /** See {@link AzureEntryPoints#serviceBusQueue(byte[], String, String, String, String, ExecutionContext)}. */
  public static void serviceBusQueue(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    entries().serviceBusQueue(message, messageId, deliveryCount, applicationProperties, enqueuedTime, context);
  }
}
