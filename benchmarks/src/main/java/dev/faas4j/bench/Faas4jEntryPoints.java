package dev.faas4j.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.cloud.functions.CloudEventsFunction;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.aws.AwsPlatform;
import dev.faas4j.aws.LambdaHandler;
import dev.faas4j.azure.AzureFunctions;
import dev.faas4j.bench.app.BenchApp;
import dev.faas4j.gcp.GcpEventFunction;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The faas4j entry point of each platform, built the way the platform builds it, serving {@code BenchApp}. An
 * adapter that has not landed on main yet throws {@link UnsupportedOperationException}: its benchmark fails alone
 * and its figures are reported as not measured.
 */
public final class Faas4jEntryPoints {
  /** What Lambda's environment holds that faas4j reads. */
  static final Map<String, String> LAMBDA_ENV = Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", "fn",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");

  private Faas4jEntryPoints() {}

  /** An Azure HTTP entry method. */
  @FunctionalInterface
  public interface AzureHttpEntry {
    HttpResponseMessage run(HttpRequestMessage<Optional<String>> request, ExecutionContext context);
  }

  /** {@code dev.faas4j.aws.LambdaHandler} over {@code BenchApp}. */
  public static RequestStreamHandler lambda() {
    return new LambdaHandler(new BenchApp(), new AwsPlatform(LAMBDA_ENV::get, Clock.systemUTC()), LAMBDA_ENV::get);
  }

  /**
   * {@code dev.faas4j.gcp.GcpEventFunction} over {@code BenchApp}, built as the invoker builds it (no-argument
   * constructor; the app from {@code META-INF/services}).
   */
  public static CloudEventsFunction gcpEvents() {
    return new GcpEventFunction(); // loads BenchApp from META-INF/services, as on Cloud Functions
  }

  /** {@code dev.faas4j.azure.AzureFunctions.http}, the HTTP entry method generated entry classes call. */
  public static AzureHttpEntry azureHttp() {
    return AzureFunctions::http; // the app from META-INF/services, as in the Java worker
  }

  /** Whether an adapter's entry point is available in this build. */
  public static boolean available(String adapter) {
    return adapter.equals("adapter-aws") || adapter.equals("adapter-gcp") || adapter.equals("adapter-azure");
  }

  private static UnsupportedOperationException notLanded(String adapter) {
    return new UnsupportedOperationException(adapter + " has not landed on main yet; its faas4j side is not measured");
  }
}
