package dev.faas4j.local.http;

import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.HttpBodies;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.spi.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Serves HTTP functions locally, on a small HTTP/1.1 server of its own (java.nio, no dependency).
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver} any more: it reads request heads and bodies on its worker
 * threads with no timeout, so four slow or stalled clients stopped every other request; and it answers requests it
 * cannot parse with its own HTML pages naming Java exceptions. Here one I/O thread reads every request to its end
 * without blocking ({@link ConnectionLoop}, parsed by {@link RequestParser}), so a worker only ever sees a complete
 * request; a request not complete within its timeout is answered 408, an idle connection closed after its idle
 * timeout, and at the connection cap the connection idle longest makes room. Every request the server refuses
 * itself (malformed request line, header, length or chunk; a TLS handshake on the plain port) gets a JSON error
 * body like the dispatcher's. Requests run on a bounded pool (two threads per core, at least 4, as measured: more
 * threads switched more and served less), with no further hop: the worker writes its response to the socket.
 *
 * <p>Each request is mapped to a portable {@link HttpRequest} (path decoded once; malformed percent-encoding or a
 * control character is a 400), served by {@link Dispatcher#http}, and written back with every {@code Set-Cookie} as
 * its own header and an {@code X-Faas4j-Invocation-Id} header. Bodies over the limit are answered 413 without being
 * read. A function that throws anything, an {@link Error} included, is a 500 JSON body and one log line; no
 * response ever carries a stack trace.
 */
public final class LocalHttpServer implements AutoCloseable {
  /** The response header that names the invocation, to find its log lines. */
  public static final String INVOCATION_ID_HEADER = "X-Faas4j-Invocation-Id";

  /**
   * Connection limits: at most {@code maxConnections} open; a request must arrive whole within
   * {@code requestTimeout} of its first byte (and its response be read within as long); an idle connection closes
   * after {@code idleTimeout}; a request line and headers of at most {@code maxHeaderBytes}.
   */
  record Limits(int maxConnections, Duration requestTimeout, Duration idleTimeout, int maxHeaderBytes) {
    static final Limits DEFAULT = new Limits(10_000, Duration.ofSeconds(30), Duration.ofSeconds(30), 64 * 1024);
  }

  private final ConnectionLoop loop;
  private final ExecutorService executor;
  private final Handler handler;

  private LocalHttpServer(ConnectionLoop loop, ExecutorService executor, Handler handler) {
    this.loop = loop;
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
    return start(dispatcher, host, port, maxBodyBytes, timeout, clock, Limits.DEFAULT, null);
  }

  /**
   * Operations served on the runtime's own port under a reserved path, before any route: only to loopback
   * callers, whatever address the server binds.
   */
  public interface Console {
    boolean owns(String path);

    HttpResponse handle(HttpRequest request, Invocation invocation);
  }

  /** As {@link #start(Dispatcher, String, int, long, Duration, Clock)}, with the local console. */
  public static LocalHttpServer start(Dispatcher dispatcher, String host, int port, long maxBodyBytes,
      Duration timeout, Clock clock, Console console) {
    return start(dispatcher, host, port, maxBodyBytes, timeout, clock, Limits.DEFAULT, console);
  }

  static LocalHttpServer start(Dispatcher dispatcher, String host, int port, long maxBodyBytes, Duration timeout,
      Clock clock, Limits limits) {
    return start(dispatcher, host, port, maxBodyBytes, timeout, clock, limits, null);
  }

  private static LocalHttpServer start(Dispatcher dispatcher, String host, int port, long maxBodyBytes,
      Duration timeout, Clock clock, Limits limits, @Nullable Console console) {
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
    Handler handler = new Handler(dispatcher, maxBodyBytes, timeout, clock, console);
    ConnectionLoop loop;
    try {
      loop = new ConnectionLoop(new InetSocketAddress(host, port), executor, handler, limits, maxBodyBytes);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    loop.start();
    return new LocalHttpServer(loop, executor, handler);
  }

  /** The bound address, with the actual port. */
  public InetSocketAddress address() {
    return loop.address();
  }

  /**
   * Stops serving: new requests get a 503, requests in progress have up to {@code grace} to finish, then every
   * connection is closed.
   */
  public void stop(Duration grace) {
    handler.awaitIdle(grace);
    loop.close();
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

  /** One request: map, dispatch, encode. */
  private static final class Handler implements ConnectionLoop.RequestHandler {
    private final Dispatcher dispatcher;
    private final long maxBodyBytes;
    private final Duration timeout;
    private final Clock clock;
    private final FunctionLogger log;
    private final @Nullable Console console;
    private final Object idle = new Object();
    private int inFlight;
    private boolean stopping;

    Handler(Dispatcher dispatcher, long maxBodyBytes, Duration timeout, Clock clock, @Nullable Console console) {
      this.dispatcher = dispatcher;
      this.console = console;
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

    @Override
    public void handle(ConnectionLoop.Connection connection, RequestParser.Request request) {
      long started = System.nanoTime();
      Invocation invocation = Invocation.of(UUID.randomUUID().toString(), clock.instant().plus(timeout));
      boolean refused;
      synchronized (idle) {
        refused = stopping;
        inFlight += refused ? 0 : 1;
      }
      try {
        HttpResponse response;
        if (refused) {
          response = Dispatcher.problem(503, "Service Unavailable", "The runtime is shutting down", invocation);
        } else {
          try {
            response = serve(connection, request, invocation);
          } catch (Throwable t) {
            // The edge catches everything once (an OutOfMemoryError included, which the dispatcher rethrows): one
            // structured log line, a JSON 500, and the connection stays usable.
            log.error("HTTP request failed", t, "invocationId", invocation.invocationId());
            response = Dispatcher.problem(500, "Internal Server Error", "The request could not be served",
                invocation);
          }
        }
        boolean close = refused || !request.keepAlive();
        connection.respond(encode(response, invocation.invocationId(), request.method().equals("HEAD"),
            close), close);
        // The access line: path without the query, which may carry tokens.
        int query = request.target().indexOf('?');
        log.info(request.method() + " " + (query < 0 ? request.target() : request.target().substring(0, query))
            + " " + response.status(), "status", response.status(), "durationMs",
            (System.nanoTime() - started) / 1_000_000, "invocationId", invocation.invocationId());
      } finally {
        if (!refused) {
          synchronized (idle) {
            inFlight--;
            idle.notifyAll();
          }
        }
      }
    }

    @Override
    public byte[] rejection(RequestParser.Rejection rejection) {
      Invocation invocation = Invocation.of(UUID.randomUUID().toString(), clock.instant());
      log.info("Refused a request the server could not accept", "status", rejection.status, "reason",
          rejection.getMessage(), "invocationId", invocation.invocationId());
      HttpResponse response = Dispatcher.problem(rejection.status, Wire.reasonPhrase(rejection.status),
          rejection.getMessage(), invocation);
      ByteBuffer[] encoded = encode(response, invocation.invocationId(), false, true);
      byte[] out = new byte[encoded[0].remaining() + encoded[1].remaining()];
      encoded[0].get(out, 0, encoded[0].remaining());
      encoded[1].get(out, out.length - encoded[1].remaining(), encoded[1].remaining());
      return out;
    }

    private HttpResponse serve(ConnectionLoop.Connection connection, RequestParser.Request raw,
        Invocation invocation) {
      String target = raw.target();
      int q = target.indexOf('?');
      String rawPath = q < 0 ? target : target.substring(0, q);
      Optional<String> path = decodePath(rawPath.isEmpty() ? "/" : rawPath);
      if (path.isEmpty()) {
        return Dispatcher.problem(400, "Bad Request", "The request path has malformed percent-encoding",
            invocation);
      }
      Headers.Builder headers = Headers.builder();
      for (String[] h : raw.headers()) {
        headers.add(h[0], h[1]);
      }
      InetSocketAddress remote = connection.remote();
      HttpRequest request;
      try {
        request = HttpRequest.builder(raw.method().toUpperCase(Locale.ROOT), path.get())
            .rawQuery(q < 0 ? null : target.substring(q + 1))
            .headers(headers.build())
            .body(raw.body())
            .sourceIp(remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress())
            .build();
      } catch (InvalidEventException e) {
        // A path with a control character (/x%0a) and the like: the message names the rule, never the input.
        return Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
      }
      if (console != null && console.owns(request.path())) {
        // Loopback only, even on a runtime bound to 0.0.0.0: the console reads data and replays messages.
        if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
          return Dispatcher.problem(403, "Forbidden", "The local console answers loopback callers only",
              invocation);
        }
        return console.handle(request, invocation);
      }
      return dispatcher.http(null, request,
          new Invocation(invocation.invocationId(), invocation.deadline(), TraceAttributes.of(request)));
    }

    /** Status line and headers, and the body (none for HEAD, 1xx, 204 and 304). */
    private static ByteBuffer[] encode(HttpResponse response, String invocationId, boolean head, boolean close) {
      int status = response.status();
      byte[] body = HttpBodies.of(response); // the response's own array: only written out
      boolean noContent = status == 204 || status == 304 || status < 200;
      StringBuilder out = new StringBuilder(256);
      out.append("HTTP/1.1 ").append(status).append(' ').append(Wire.reasonPhrase(status)).append("\r\n");
      response.headers().asMap().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
            && !name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase(INVOCATION_ID_HEADER)) {
          for (String v : values) {
            out.append(name).append(": ").append(v).append("\r\n");
          }
        }
      });
      for (String cookie : response.cookies()) {
        out.append("Set-Cookie: ").append(cookie).append("\r\n");
      }
      out.append(INVOCATION_ID_HEADER).append(": ").append(invocationId).append("\r\n");
      out.append("Date: ").append(HttpDate.now()).append("\r\n");
      if (!noContent) {
        out.append("Content-Length: ").append(body.length).append("\r\n");
      }
      if (close) {
        out.append("Connection: close\r\n");
      }
      out.append("\r\n");
      ByteBuffer headBytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.ISO_8859_1));
      return new ByteBuffer[] {headBytes, ByteBuffer.wrap(head || noContent ? new byte[0] : body)};
    }
  }

  /** The Date header value, formatted at most once a second. */
  private static final class HttpDate {
    private static volatile String[] cached = {"", ""};

    static String now() {
      long second = System.currentTimeMillis() / 1000;
      String[] c = cached;
      if (!c[0].equals(Long.toString(second))) {
        c = new String[] {Long.toString(second), DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC))};
        cached = c;
      }
      return c[1];
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
