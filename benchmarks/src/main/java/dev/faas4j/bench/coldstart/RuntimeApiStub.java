package dev.faas4j.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda Runtime API on 127.0.0.1, enough for one invocation per run: the first {@code /next} gets the event
 * (with {@code Content-Type: application/json}, which the RIC's native client needs), the {@code /response} POST
 * completes the run with its arrival time, and later {@code /next} calls are held (never answered with an error,
 * which crashes the native client) until the harness has killed the child and {@link Run#release}s them.
 */
public final class RuntimeApiStub implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "runtime-api-stub");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<@Nullable Run> current = new AtomicReference<>();

  /** One invocation: the event to deliver and what came back. */
  public static final class Run {
    final byte[] event;
    final String requestId;
    final AtomicBoolean delivered = new AtomicBoolean();
    final CompletableFuture<Result> result = new CompletableFuture<>();
    final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch polledAgain = new CountDownLatch(1);
    volatile @Nullable Supplier<double[]> probe;

    Run(byte[] event, String requestId) {
      this.event = event;
      this.requestId = requestId;
    }

    public CompletableFuture<Result> result() {
      return result;
    }

    /**
     * Something to read when the response arrives, before it is acknowledged: the child is then blocked on the
     * acknowledgement, so what it has spent so far is what it spent to respond (its CPU counters, say).
     */
    public void atResponse(Supplier<double[]> probe) {
      this.probe = probe;
    }

    /**
     * Waits until the child polls {@code /next} again after its response. Kill it only then: a poll still in
     * flight when the next run is prepared would otherwise take that run's event to the dead child.
     */
    public boolean awaitNextPoll(long millis) throws InterruptedException {
      return polledAgain.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Lets held {@code /next} calls go (after the child is dead). */
    public void release() {
      released.countDown();
    }
  }

  /**
   * The response's arrival ({@link System#nanoTime}), its body, and what the run's {@link Run#atResponse} probe
   * read then (empty without one).
   */
  public record Result(long arrivedNanos, String body, double[] probed) {}

  public RuntimeApiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext(PREFIX + "invocation/next", this::next);
    server.createContext(PREFIX, this::post);
    server.createContext("/warm", ex -> respond(ex, 200, "ok".getBytes(StandardCharsets.UTF_8), null));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Its own first requests cost ~100 ms: make them before anything is timed. */
  public void warm() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 50; i++) {
      client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/warm")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  public Run prepare(byte[] event, String requestId) {
    Run run = new Run(event, requestId);
    Run previous = current.getAndSet(run);
    if (previous != null) {
      previous.release();
    }
    return run;
  }

  private void next(HttpExchange ex) throws IOException {
    drain(ex);
    Run run = current.get();
    if (run != null && run.delivered.compareAndSet(false, true)) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", run.requestId);
      ex.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
      ex.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
          "arn:aws:lambda:us-east-1:123456789012:function:fn");
      ex.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
          "Root=1-65f0c1a2-3b4c5d6e7f8091a2b3c4d5e6;Parent=53995c3f42cd8ad8;Sampled=0");
      respond(ex, 200, run.event, null);
      return;
    }
    try {
      if (run != null) {
        run.polledAgain.countDown();
        run.released.await(120, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }

  private void post(HttpExchange ex) throws IOException {
    String body = new String(drain(ex), StandardCharsets.UTF_8);
    long now = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    Run run = current.get();
    Supplier<double[]> probe = run != null && path.endsWith("/response") ? run.probe : null;
    double[] probed = probe != null ? probe.get() : new double[0];
    respond(ex, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    if (run == null) {
      return;
    }
    if (path.endsWith("/response")) {
      run.result.complete(new Result(now, body, probed));
    } else {
      run.result.completeExceptionally(new IllegalStateException("The function failed (" + path + "): " + body));
    }
  }

  private static byte[] drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body, @Nullable String contentType)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    Run run = current.getAndSet(null);
    if (run != null) {
      run.release();
    }
    server.stop(0);
    pool.shutdownNow();
  }
}
