package dev.faas4j.aws.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API on 127.0.0.1 for a training run: hands out the events in order, counts the responses and
 * errors, and holds {@code /next} once they are spent (an error answer would crash the client's native part); the
 * client exits when the server stops.
 */
final class RuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faas4j-training-runtime-api");
    t.setDaemon(true);
    return t;
  });
  private final List<byte[]> events;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final CountDownLatch answered;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean initFailed;
  private volatile String lastResponse = "";

  RuntimeApi(List<byte[]> events) throws IOException {
    this.events = events;
    this.answered = new CountDownLatch(events.size());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(pool);
    server.createContext(PREFIX + "invocation/next", this::next);
    server.createContext(PREFIX, this::post);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Waits until every event was answered (or the handler failed to start); false on timeout. */
  boolean await(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (initFailed || answered.await(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  boolean initFailed() {
    return initFailed;
  }

  int failures() {
    return failures.get();
  }

  /** The body of the last {@code /response}. */
  String lastResponse() {
    return lastResponse;
  }

  private void next(HttpExchange ex) throws IOException {
    drain(ex);
    int i = next.getAndIncrement();
    if (i < events.size()) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "training-" + i);
      ex.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
      ex.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
          "arn:aws:lambda:us-east-1:123456789012:function:training");
      // as Lambda sends it: the trace context's path is trained too
      ex.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
          "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1");
      respond(ex, 200, events.get(i));
      return;
    }
    try {
      stopped.await(); // held until close(): the client then exits
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }

  private void post(HttpExchange ex) throws IOException {
    byte[] body = drain(ex);
    String path = ex.getRequestURI().getPath();
    respond(ex, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    if (path.endsWith("/init/error")) {
      initFailed = true;
    } else if (path.endsWith("/response") || path.endsWith("/error")) {
      if (path.endsWith("/response")) {
        lastResponse = new String(body, StandardCharsets.UTF_8);
      }
      if (path.endsWith("/error")) {
        failures.incrementAndGet(); // a function that rejects a sample event still trained its path
      }
      answered.countDown();
    }
  }

  private static byte[] drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Lets held {@code /next} calls go and stops serving: the client exits. */
  void stop() {
    stopped.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
