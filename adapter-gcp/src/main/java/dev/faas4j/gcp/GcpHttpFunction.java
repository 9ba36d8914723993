package dev.faas4j.gcp;

import com.google.cloud.functions.HttpFunction;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Functions Framework target for everything that arrives over HTTP: HTTP functions, and events delivered as
 * HTTP requests, which this class parses itself so that bad input gets a clear 4xx instead of the invoker's 500:
 * Eventarc CloudEvents (binary and structured), legacy background events, Pub/Sub push envelopes and Cloud
 * Scheduler HTTP targets. Deploy with {@code --entry-point dev.faas4j.gcp.GcpHttpFunction}; {@code FAAS4J_FUNCTION}
 * names the function when the app has several.
 *
 * <p>Events answer as {@link Dispatcher#httpResponse} says: 204 when handled or not for this function (outside its
 * trigger's filters: Cloud Storage notifies a whole bucket), 400 for a malformed event or a client error, 503 for a
 * retryable failure and 500 for any other, none of which Pub/Sub acknowledges (see the README for why a bad
 * message is not acknowledged). One instance serves concurrent requests: it keeps no per-request state.
 */
public final class GcpHttpFunction implements HttpFunction {
  private final @Nullable GcpAdapter adapter;

  /** Used by the Functions Framework: the app loads on the first request and stays for the instance's life. */
  public GcpHttpFunction() {
    this(null);
  }

  /**
   * A function for {@code app} on {@code platform}, reading settings from {@code config}: for tests that feed
   * Functions Framework requests to an application, and for custom bootstraps.
   */
  public GcpHttpFunction(FunctionApp app, Platform platform, Function<String, String> config) {
    this(new GcpAdapter(FunctionHost.start(app, platform, GcpLogFormat.fromEnvironment(config), config), config,
        platform.clock()));
  }

  GcpHttpFunction(@Nullable GcpAdapter adapter) {
    this.adapter = adapter;
  }

  /**
   * Maps, dispatches and answers under the dispatcher's guard policy: whatever fails on the way (a request that
   * cannot be mapped, a failure while writing the response) is logged once and answered with its status. Nothing is
   * thrown; {@code IOException} stays declared as the Functions Framework's interface declares it.
   */
  @Override
  public void service(com.google.cloud.functions.HttpRequest request, com.google.cloud.functions.HttpResponse response)
      throws IOException {
    GcpAdapter a = adapter != null ? adapter : GcpHost.adapter();
    Invocation invocation = a.invocation(new FirstHeader(request));
    // Dispatcher.guard's policy, caught here: its two lambdas would be linked on every cold start (Java 17)
    try {
      HttpMapping.write(a.serve(HttpMapping.request(request, a.httpAttributes()), invocation), response);
    } catch (Throwable t) {
      Outcome failure = a.dispatcher().failure(invocation, t);
      try {
        HttpMapping.write(Dispatcher.httpResponse(failure, invocation), response);
      } catch (IOException e) {
        // the connection is gone: nothing can be answered, and the failure is logged already
      }
    }
  }

  /** A request's first header values, as a class rather than {@code request::getFirstHeader} (see above). */
  private record FirstHeader(com.google.cloud.functions.HttpRequest request)
      implements Function<String, Optional<String>> {
    @Override
    public Optional<String> apply(String name) {
      return request.getFirstHeader(name);
    }
  }
}
