package dev.faas4j.maven;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The Lambda Runtime API on 127.0.0.1 for one invocation, enough for the real Runtime Interface Client: the first
 * {@code /next} returns the event, later ones wait until {@link #stop()}, which ends the client. The response or
 * error it posts back completes {@link #result}.
 */
final class FakeRuntimeApi implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime/";

  final CompletableFuture<String> result = new CompletableFuture<>();
  private final HttpServer server;
  private final String event;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean served;

  FakeRuntimeApi(String event) throws IOException {
    this.event = event;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(BASE, this::handle);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(BASE.length());
    try (exchange) {
      if (path.equals("invocation/next")) {
        synchronized (this) {
          if (!served) {
            served = true;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "req-1");
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:hello");
            respond(exchange, 200, event);
            return;
          }
        }
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      result.complete((path.endsWith("/error") || path.equals("init/error") ? "ERROR " : "") + body);
      respond(exchange, 202, "{\"status\":\"OK\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  void stop() {
    stopped.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  @Override
  public void close() {
    stop();
  }
}
