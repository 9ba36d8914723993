package dev.faas4j.gcp;

import com.google.cloud.functions.HttpFunction;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Functions Framework target for everything that arrives over HTTP: HTTP functions, and events delivered as
 * HTTP requests, which this class parses itself so that bad input gets a clear 4xx instead of the invoker's 500:
 * Eventarc CloudEvents (binary and structured), legacy background events, Pub/Sub push envelopes and Cloud
 * Scheduler HTTP targets. Deploy with {@code --entry-point dev.faas4j.gcp.GcpHttpFunction}; {@code FAAS4J_FUNCTION}
 * names the function when the app has several.
 *
 * <p>Events answer 204 when handled; 400 for a malformed event or a client error, 503 for a retryable failure and
 * 500 for any other, none of which Pub/Sub acknowledges (see the README for why a bad message is not acknowledged).
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

  @Override
  public void service(com.google.cloud.functions.HttpRequest request, com.google.cloud.functions.HttpResponse response)
      throws IOException {
    GcpAdapter a = adapter != null ? adapter : GcpHost.adapter();
    Invocation invocation = a.invocation(headers(request));
    HttpResponse out;
    try {
      HttpRequest portable;
      try {
        portable = HttpMapping.request(request);
      } catch (InvalidEventException e) {
        a.dispatcher().runtimeLogger().warn("Rejected a malformed request: " + e.getMessage(), "invocationId",
            invocation.invocationId());
        out = Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
        HttpMapping.write(out, response);
        return;
      }
      out = a.serve(portable, invocation);
    } catch (IOException e) {
      throw e; // the connection failed: nothing can be written back
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) {
        throw v;
      }
      a.dispatcher().runtimeLogger().error("Request failed in the adapter", t, "invocationId",
          invocation.invocationId());
      out = Dispatcher.problem(500, "Internal Server Error", "The request could not be served", invocation);
    }
    HttpMapping.write(out, response);
  }

  private static Headers headers(com.google.cloud.functions.HttpRequest request) {
    Headers.Builder b = Headers.builder();
    for (Map.Entry<String, List<String>> e : request.getHeaders().entrySet()) {
      for (String v : e.getValue()) {
        try {
          b.add(e.getKey(), v);
        } catch (InvalidEventException ignored) {
          // an illegal header name: HttpMapping rejects the request with a 400 right after
        }
      }
    }
    return b.build();
  }
}
