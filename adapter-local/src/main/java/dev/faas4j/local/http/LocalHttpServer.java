package dev.faas4j.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Serves HTTP functions locally on the JDK's built-in {@code com.sun.net.httpserver.HttpServer}.
 *
 * <p>Why this server: it adds no dependency (the local runtime stays a small jar), starts in milliseconds, and
 * with {@code TCP_NODELAY} on ({@code sun.net.httpserver.nodelay=true}, which {@link #start} sets when unset,
 * before the server class loads) its throughput is comparable to the Jetty inside Google's Functions Framework
 * invoker; without it, Nagle's algorithm makes it about 100 times slower under load. Requests run on a bounded pool
 * ({@code 2 × cores + 8} threads: functions block on I/O, and Java 17 has no virtual threads).
 *
 * <p>Each request is mapped to a portable {@link HttpRequest} (path decoded once; malformed percent-encoding is a
 * 400), served by {@link Dispatcher#http}, and written back with every {@code Set-Cookie} as its own header and an
 * {@code X-Faas4j-Invocation-Id} header. Bodies over the limit are answered 413 without being read into memory.
 * No response ever carries a stack trace.
 */
public final class LocalHttpServer implements AutoCloseable {
  /** The response header that names the invocation, to find its log lines. */
  public static final String INVOCATION_ID_HEADER = "X-Faas4j-Invocation-Id";
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Handler handler;

  private LocalHttpServer(HttpServer server, ExecutorService executor, Handler handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @param timeout each invocation's deadline from its arrival
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static LocalHttpServer start(Dispatcher dispatcher, String host, int port, long maxBodyBytes,
      Duration timeout, Clock clock) {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    // Two per core (at least 4): measured on 2 cores, 4 threads served 14 % more than 12 (less switching); raise it
    // with -Dfaas4j.http.threads for functions that wait on slow backends.
    int threads = Integer.getInteger("faas4j.http.threads", Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "faas4j-http-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    Handler handler = new Handler(dispatcher, maxBodyBytes, timeout, clock);
    server.createContext("/", handler::handle);
    server.setExecutor(executor);
    server.start();
    return new LocalHttpServer(server, executor, handler);
  }

  /** The bound address, with the actual port. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops serving: new requests get a 503, requests in progress have up to {@code grace} to finish, then every
   * connection is closed. (The JDK 17 server's own {@code stop(delay)} always waits the whole delay, even when
   * idle, so the waiting is done here.)
   */
  public void stop(Duration grace) {
    handler.awaitIdle(grace);
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  /** One exchange: map, dispatch, write. Package-private for nothing but clarity of the class above. */
  private static final class Handler {
    private final Dispatcher dispatcher;
    private final long maxBodyBytes;
    private final Duration timeout;
    private final Clock clock;
    private final FunctionLogger log;
    private final Object idle = new Object();
    private int inFlight;
    private boolean stopping;

    Handler(Dispatcher dispatcher, long maxBodyBytes, Duration timeout, Clock clock) {
      this.dispatcher = dispatcher;
      this.maxBodyBytes = maxBodyBytes;
      this.timeout = timeout;
      this.clock = clock;
      this.log = dispatcher.runtimeLogger();
    }

    /** Refuses new requests, then waits until none is in progress or {@code grace} has passed. */
    void awaitIdle(Duration grace) {
      long deadline = System.nanoTime() + grace.toNanos();
      synchronized (idle) {
        stopping = true;
        try {
          while (inFlight > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
              return;
            }
            idle.wait(left);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void handle(HttpExchange exchange) {
      long started = System.nanoTime();
      Invocation invocation = Invocation.of(UUID.randomUUID().toString(), clock.instant().plus(timeout));
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      boolean refused;
      synchronized (idle) {
        refused = stopping;
        inFlight += refused ? 0 : 1;
      }
      try {
        HttpResponse response;
        if (refused) {
          exchange.getResponseHeaders().set("Connection", "close");
          response = Dispatcher.problem(503, "Service Unavailable", "The runtime is shutting down", invocation);
        } else {
          try {
            response = serve(exchange, invocation);
          } catch (RuntimeException | StackOverflowError e) {
            log.error("Local HTTP server failed to serve a request", e, "invocationId",
                invocation.invocationId());
            response = Dispatcher.problem(500, "Internal Server Error", "The request could not be served",
                invocation);
          }
        }
        write(exchange, response, invocation, head);
        // The access line: path without the query, which may carry tokens.
        log.info(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + response.status(),
            "status", response.status(), "durationMs", (System.nanoTime() - started) / 1_000_000,
            "invocationId", invocation.invocationId());
      } catch (IOException e) {
        log.debug("Client went away before the response was written", "invocationId", invocation.invocationId(),
            "error", e.getClass().getSimpleName());
      } finally {
        exchange.close();
        if (!refused) {
          synchronized (idle) {
            inFlight--;
            idle.notifyAll();
          }
        }
      }
    }

    private HttpResponse serve(HttpExchange exchange, Invocation invocation) throws IOException {
      String rawPath = exchange.getRequestURI().getRawPath();
      Optional<String> path = decodePath(rawPath == null || rawPath.isEmpty() ? "/" : rawPath);
      if (path.isEmpty()) {
        return Dispatcher.problem(400, "Bad Request", "The request path has malformed percent-encoding",
            invocation);
      }
      String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
      long declared = contentLength == null ? -1 : parseLength(contentLength);
      if (declared > maxBodyBytes) {
        return tooLarge(exchange, invocation);
      }
      byte[] body = readBody(exchange.getRequestBody(), declared);
      if (body == null) {
        return tooLarge(exchange, invocation);
      }
      Headers.Builder headers = Headers.builder();
      for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
        for (String v : e.getValue()) {
          headers.add(e.getKey(), v);
        }
      }
      HttpRequest request = HttpRequest.builder(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path.get())
          .rawQuery(exchange.getRequestURI().getRawQuery())
          .headers(headers.build())
          .body(body)
          .sourceIp(exchange.getRemoteAddress() == null || exchange.getRemoteAddress().getAddress() == null ? null
              : exchange.getRemoteAddress().getAddress().getHostAddress())
          .build();
      return dispatcher.http(null, request, invocation);
    }

    private HttpResponse tooLarge(HttpExchange exchange, Invocation invocation) {
      // The rest of the body stays unread: the connection is closed rather than drained.
      exchange.getResponseHeaders().set("Connection", "close");
      return Dispatcher.problem(413, "Payload Too Large", "The request body is larger than " + maxBodyBytes
          + " bytes", invocation);
    }

    /**
     * The body, or null once it passes the limit (stops reading there: a chunked body has no length up front). A
     * declared length is read into an array of exactly that size: the common small JSON request allocates nothing
     * else.
     */
    private byte @Nullable [] readBody(InputStream in, long declared) throws IOException {
      if (declared >= 0) {
        return in.readNBytes((int) declared); // the server's stream ends at the declared length
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBodyBytes) {
          return null;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }

    private static long parseLength(String value) {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        return -1; // the server itself rejects a malformed length; let it
      }
    }

    private void write(HttpExchange exchange, HttpResponse response, Invocation invocation, boolean head)
        throws IOException {
      com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
      response.headers().asMap().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
          out.put(name, values);
        }
      });
      if (!response.cookies().isEmpty()) {
        out.put("Set-Cookie", response.cookies());
      }
      out.set(INVOCATION_ID_HEADER, invocation.invocationId());
      byte[] body = response.body();
      int status = response.status();
      boolean noBody = head || status == 204 || status == 304 || status < 200 || body.length == 0;
      exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(body);
        }
      }
    }
  }

  /**
   * Decodes a raw path once, strictly: every {@code %} must start two hex digits and the bytes must be UTF-8.
   * {@code +} stays a plus sign (it means a space only in queries).
   */
  static Optional<String> decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        int end = raw.indexOf('%', i);
        end = end < 0 ? raw.length() : end;
        bytes.put(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      } else {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      }
    }
    bytes.flip();
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
