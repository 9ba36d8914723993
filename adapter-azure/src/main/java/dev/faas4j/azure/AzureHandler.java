package dev.faas4j.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.log.LogFormat;
import dev.faas4j.spi.FunctionHost;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry methods of {@link AzureFunctions} for an application and platform given in code instead of loaded from
 * the environment: for tests that feed worker payloads to an application on in-memory ports, and for custom
 * bootstraps. Deployed functions use {@link AzureFunctions}, whose methods behave the same.
 */
public final class AzureHandler {
  private final AzureRuntime runtime;

  /** Registers {@code app} on {@code platform}, reading settings from {@code config}. */
  public AzureHandler(FunctionApp app, Platform platform, Function<String, String> config) {
    AzureLogSink sink = AzureLogSink.create();
    FunctionHost host = FunctionHost.start(app, platform, LogFormat.json(), sink, config);
    this.runtime = new AzureRuntime(host, sink, config, platform.clock(), () -> name -> {
      throw new IllegalStateException("Large queue messages are read from Blob Storage, which this platform lacks");
    });
  }

  /** See {@link AzureFunctions#http}. */
  public HttpResponseMessage http(HttpRequestMessage<?> request, ExecutionContext context) {
    return runtime.http(request, context);
  }

  /** See {@link AzureFunctions#queue(byte[], String, String, String, ExecutionContext)}. */
  public void queue(byte[] message, @Nullable String id, @Nullable String dequeueCount,
      @Nullable String insertionTime, ExecutionContext context) {
    runtime.queue(message, id, dequeueCount, insertionTime, context);
  }

  /** See {@link AzureFunctions#blob}. */
  public void blob(byte @Nullable [] content, @Nullable String blobTrigger, @Nullable String properties,
      ExecutionContext context) {
    runtime.blob(content, blobTrigger, properties, context);
  }

  /** See {@link AzureFunctions#eventGrid}. */
  public void eventGrid(@Nullable String event, ExecutionContext context) {
    runtime.eventGrid(event, context);
  }

  /** See {@link AzureFunctions#timer}. */
  public void timer(@Nullable String timerInfo, ExecutionContext context) {
    runtime.timer(timerInfo, context);
  }

  /** See {@link AzureFunctions#serviceBusTopic}. */
  public void serviceBusTopic(byte[] message, @Nullable String messageId, @Nullable String deliveryCount,
      @Nullable String applicationProperties, @Nullable String enqueuedTime, ExecutionContext context) {
    runtime.serviceBusTopic(message, messageId, deliveryCount, applicationProperties, enqueuedTime, context);
  }
}
