package dev.faas4j.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.log.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one Lambda handler for every faas4j function: {@code dev.faas4j.aws.LambdaHandler::handleRequest}.
 *
 * <p>The application ({@code FAAS4J_APP} or {@code META-INF/services/dev.faas4j.FunctionApp}) is loaded once per
 * instance, when the runtime creates the handler (Lambda's init phase); {@code FAAS4J_FUNCTION} names the function
 * a deployment serves (optional for single-function apps and HTTP routing). The event kind is told from the event's
 * shape. HTTP events always get an HTTP response (400 for a malformed request); SQS, Kinesis and DynamoDB Streams
 * batches answer {@code batchItemFailures}; other events that fail throw {@link dev.faas4j.spi.FunctionFailedException}
 * so that Lambda retries them. An event that cannot be read at all throws
 * {@link dev.faas4j.event.InvalidEventException}.
 */
public final class LambdaHandler implements RequestStreamHandler {
  private static final Object LOCK = new Object();
  private static volatile @Nullable LambdaEngine shared;

  private final LambdaEngine engine;

  /** Used by the Lambda runtime: the instance's app, from the environment, on {@link AwsPlatform}. */
  public LambdaHandler() {
    this.engine = shared();
  }

  /**
   * A handler for {@code app} on {@code platform}, reading settings from {@code config}: for tests that feed
   * Lambda payloads to an application, and for custom bootstraps.
   */
  public LambdaHandler(FunctionApp app, Platform platform, Function<String, String> config) {
    this(app, platform, config, LogSink.stdout());
  }

  /** Like {@link #LambdaHandler(FunctionApp, Platform, Function)}, logging to {@code sink} (tests). */
  LambdaHandler(FunctionApp app, Platform platform, Function<String, String> config, LogSink sink) {
    this.engine = new LambdaEngine(FunctionHost.start(app, platform, LambdaLogFormat.create(), sink, config), config,
        platform.clock());
  }

  /**
   * Handles one invocation; safe to call concurrently. Throws only Lambda's failure signals (see the class
   * comment); an {@link IOException} can come only from writing to the runtime's own stream.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    engine.handle(input, context).writeTo(output);
  }

  /**
   * Where the function's classes are: the runtime client's loader of the task root, which it makes the thread's
   * context class loader; the handler's own loader sees the task root only when faas4j's jars are in it too (with
   * the start-up launcher they are on the JVM's class path, and the app's classes at the root are not).
   */
  private static ClassLoader functionLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LambdaHandler.class.getClassLoader();
  }

  private static LambdaEngine shared() {
    LambdaEngine e = shared;
    if (e == null) {
      synchronized (LOCK) {
        e = shared;
        if (e == null) {
          Function<String, String> env = FunctionHost.ENVIRONMENT;
          AwsPlatform platform = AwsPlatform.fromEnvironment();
          ClassLoader loader = functionLoader();
          e = new LambdaEngine(FunctionHost.start(platform, LambdaLogFormat.create(), env, loader), env,
              platform.clock());
          shared = e;
          String init = env.apply("AWS_LAMBDA_INITIALIZATION_TYPE");
          if (init == null || init.equals("snap-start")) {
            // A snapshot is taken only for SnapStart (or a CRaC JVM off Lambda): on-demand and provisioned cold
            // starts skip even the class probe.
            primeIfAvailable(e.host(), env, loader);
          }
        }
      }
    }
    return e;
  }

  /**
   * Registers SnapStart priming when {@code org.crac} is on {@code loader}'s class path; else does nothing. The
   * probe is here, not in {@link Priming}: a packaged function without {@code org.crac} ships no priming classes
   * ({@code META-INF/faas4j/requires.properties}), so {@code Priming} may be named only once the probe passed.
   */
  static boolean primeIfAvailable(FunctionHost host, Function<String, String> config, ClassLoader loader) {
    try {
      Class.forName("org.crac.Resource", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    return Priming.register(host, config);
  }
}
