package dev.faas4j.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.cloud.functions.CloudEventsFunction;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.aws.LambdaHandler;
import dev.faas4j.azure.AzureHandler;
import dev.faas4j.bench.app.BenchApp;
import dev.faas4j.gcp.GcpEventFunction;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The faas4j entry point of each platform serving {@code BenchApp}. Only the adapters' public entry points
 * ({@code LambdaHandler}, {@code AzureHandler}, {@code GcpEventFunction}) and sdk-core's public API are used, so
 * the harness survives rewrites of the adapters' internals. The platform is sdk-core's in-memory one: the trivial
 * functions use no ports, and the adapters' own platform classes are internals that may change.
 */
public final class Faas4jEntryPoints {
  /** What Lambda's environment holds that faas4j reads. */
  static final Map<String, String> LAMBDA_ENV = Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", "fn",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
  /** The faas4j settings of the Azure function app: none, so the defaults apply, as in a plain deployment. */
  static final Map<String, String> AZURE_SETTINGS = Map.of();

  private Faas4jEntryPoints() {}

  /** An Azure HTTP entry method. */
  @FunctionalInterface
  public interface AzureHttpEntry {
    HttpResponseMessage run(HttpRequestMessage<Optional<String>> request, ExecutionContext context);
  }

  /** An Azure Queue Storage entry method: body, {@code Id}, {@code DequeueCount}, {@code InsertionTime}. */
  @FunctionalInterface
  public interface AzureQueueEntry {
    void run(byte[] message, String id, String dequeueCount, String insertionTime, ExecutionContext context);
  }

  /** {@code dev.faas4j.aws.LambdaHandler} over {@code BenchApp}. */
  public static RequestStreamHandler lambda() {
    return new LambdaHandler(new BenchApp(), new InMemoryPlatform(Clock.systemUTC(), LAMBDA_ENV), LAMBDA_ENV::get);
  }

  /**
   * {@code dev.faas4j.gcp.GcpEventFunction} over {@code BenchApp}, built as the invoker builds it (no-argument
   * constructor; the app from {@code META-INF/services}).
   */
  public static CloudEventsFunction gcpEvents() {
    return new GcpEventFunction(); // loads BenchApp from META-INF/services, as on Cloud Functions
  }

  /** {@code AzureHandler.http} over {@code BenchApp}: what the generated entry classes' HTTP methods run. */
  public static AzureHttpEntry azureHttp() {
    return azure()::http;
  }

  /** {@code AzureHandler.queue} over {@code BenchApp}: what a generated {@code @QueueTrigger} method runs. */
  public static AzureQueueEntry azureQueue() {
    return azure()::queue;
  }

  private static AzureHandler azure() {
    return new AzureHandler(new BenchApp(), new InMemoryPlatform(Clock.systemUTC(), AZURE_SETTINGS),
        AZURE_SETTINGS::get);
  }

  /** Whether an adapter's entry point is available in this build. */
  public static boolean available(String adapter) {
    return adapter.equals("adapter-aws") || adapter.equals("adapter-gcp") || adapter.equals("adapter-azure");
  }
}
