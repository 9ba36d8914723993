package dev.faas4j.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API on 127.0.0.1, enough for the real Runtime Interface Client: {@code /next} long-polls for
 * the events a test queues (always 200 with {@code Content-Type: application/json}: anything else crashes the
 * client's native layer), and responses and errors are recorded per request id. Stopping the server ends the
 * client ("Failed to get next").
 */
final class RuntimeApiServer {
  private static final String BASE = "/2018-06-01/runtime/";

  /** What the client posted back for one invocation. */
  record Result(boolean error, String body, String errorType) {}

  private record Pending(String requestId, String event, String traceHeader) {}

  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Result>> results = new ConcurrentHashMap<>();
  final CompletableFuture<String> initError = new CompletableFuture<>();
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private volatile boolean stopped;

  RuntimeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext(BASE, this::handle);
    server.start();
  }

  /**
   * The real Runtime Interface Client in its own JVM (this test class path, Lambda's C1-only compilation plus
   * {@code jvmOptions}) serving {@code handler} against this API, with a clean Lambda environment plus
   * {@code environment}, its output in {@code log}.
   */
  Process startClient(String handler, Path taskRoot, List<String> jvmOptions, Map<String, String> environment,
      Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Emulators.java(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", "/tmp");
    env.put("AWS_LAMBDA_RUNTIME_API", address());
    env.put("_HANDLER", handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("AWS_REGION", "us-east-1");
    env.putAll(environment);
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an event; the future completes with what the client posts back for it. */
  CompletableFuture<Result> invoke(String requestId, String event, String traceHeader) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    results.put(requestId, result);
    pending.add(new Pending(requestId, event, traceHeader));
    return result;
  }

  void stop() {
    stopped = true;
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(BASE.length());
    try {
      if (path.equals("invocation/next")) {
        next(exchange);
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("init/error")) {
        initError.complete(body);
      } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
        complete(path, "/response", new Result(false, body, null));
      } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
        complete(path, "/error",
            new Result(true, body, exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
      }
      respond(exchange, 202, "{\"status\":\"OK\"}");
    } finally {
      exchange.close();
    }
  }

  private void complete(String path, String suffix, Result result) {
    String id = path.substring("invocation/".length(), path.length() - suffix.length());
    CompletableFuture<Result> f = results.get(id);
    if (f != null) {
      f.complete(result);
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    Pending p = null;
    while (p == null && !stopped) {
      try {
        p = pending.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // closing without an answer: the client sees the server go away
      }
    }
    if (p == null) {
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", p.requestId());
    exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
        Long.toString(System.currentTimeMillis() + 60_000));
    exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
        "arn:aws:lambda:us-east-1:123456789012:function:fn");
    exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", p.traceHeader());
    respond(exchange, 200, p.event());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
