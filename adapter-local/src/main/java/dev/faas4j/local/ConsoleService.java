package dev.faas4j.local;

import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.local.internal.LocalEngine;
import dev.faas4j.local.internal.LocalPlatform;
import dev.faas4j.local.internal.Replays;
import dev.faas4j.local.store.DurableQueue;
import dev.faas4j.local.store.LocalDatabase;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.PortException;
import dev.faas4j.spi.CloudEventsHttp;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.DeliveryResult;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The local console's operations, served as JSON under {@link #PREFIX} on the runtime's own server (loopback
 * callers only; the server checks) and used by {@link LocalConsole} on the command line. Resource names are looked
 * up among the ones that exist (an unknown one is a 404 listing them), keys go through the ports' own validation
 * (a hostile key is a 400), so nothing a caller sends becomes a path or a query of its own.
 *
 * <pre>
 * GET    /_faas4j/functions                                functions and their triggers
 * POST   /_faas4j/schedules/{function}/fire               run a schedule function now
 * GET    /_faas4j/queues                                   depth, in-flight and dead-letter counts
 * GET    /_faas4j/queues/{queue}/dead-letters             peek: id, reason, attempts, body
 * POST   /_faas4j/queues/{queue}/dead-letters/redrive     put them back on the queue (?id= for one)
 * DELETE /_faas4j/queues/{queue}/dead-letters             purge (?id= for one)
 * GET    /_faas4j/tables  /_faas4j/tables/{table}[?key=]  key-value tables, entries, one entry
 * GET    /_faas4j/buckets /_faas4j/buckets/{bucket}[?key=] buckets, objects, one object
 * POST   /_faas4j/replay?cloud=&amp;queue=&amp;function=          run a cloud's dead-lettered message (the body)
 * POST   /_faas4j/cloudevents[?function=]                  deliver CloudEvents (binary, structured or batch mode)
 *                                                          to the CloudEvent functions, answered like a push
 *                                                          receiver: 204, 400 (not retried), 503 or 500
 * </pre>
 */
final class ConsoleService {
  /** The reserved path prefix: no user route may start with it. */
  static final String PREFIX = "/_faas4j";
  private static final int MAX_ITEMS = 1000;

  private final Dispatcher dispatcher;
  private final LocalEngine engine;
  private final LocalPlatform platform;
  private final LocalDatabase db;
  private final Path bucketsDir;
  private final Function<String, String> config;
  private final Clock clock;

  ConsoleService(Dispatcher dispatcher, LocalEngine engine, LocalPlatform platform, LocalDatabase db,
      Path bucketsDir, Function<String, String> config, Clock clock) {
    this.dispatcher = dispatcher;
    this.engine = engine;
    this.platform = platform;
    this.db = db;
    this.bucketsDir = bucketsDir;
    this.config = config;
    this.clock = clock;
  }

  /** Whether {@code path} is the console's. */
  static boolean owns(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /** Refuses, at start, an app whose route would be hidden behind the console's prefix. */
  static void checkRoutes(List<FunctionDefinition> definitions) {
    for (FunctionDefinition d : definitions) {
      if (d instanceof FunctionDefinition.Http h && owns(h.trigger().path())) {
        throw new IllegalStateException("Function '" + d.name() + "' has route '" + h.trigger().describe()
            + "', under " + PREFIX + "/, which the local runtime reserves for its console; choose another path");
      }
    }
  }

  HttpResponse handle(HttpRequest request, Invocation invocation) {
    String[] p = request.path().substring(PREFIX.length()).replaceAll("^/+|/+$", "").split("/", -1);
    String method = request.method();
    try {
      return switch (p[0]) {
        case "functions" -> p.length == 1 ? get(method, invocation, this::functions) : notFound(request, invocation);
        case "schedules" -> p.length == 3 && p[2].equals("fire") ? post(method, invocation, () -> fire(p[1]))
            : notFound(request, invocation);
        case "queues" -> queues(request, p, invocation);
        case "tables" -> get(method, invocation, () -> p.length == 1 ? Map.of("tables", db.keyValueTables())
            : table(p[1], request.query().first("key")));
        case "buckets" -> get(method, invocation, () -> p.length == 1 ? Map.of("buckets", buckets())
            : bucket(p[1], request.query().first("key")));
        case "replay" -> p.length == 1 ? post(method, invocation, () -> replay(request, invocation))
            : notFound(request, invocation);
        case "cloudevents" -> p.length != 1 ? notFound(request, invocation)
            : method.equals("POST") ? cloudEvents(request, invocation) : notAllowed("POST", invocation);
        default -> notFound(request, invocation);
      };
    } catch (Missing e) {
      return Dispatcher.problem(404, "Not Found", e.getMessage(), invocation);
    } catch (InvalidEventException | IllegalArgumentException e) {
      return Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
    } catch (PortException e) {
      if (e.reason() == PortException.Reason.INVALID_ARGUMENT) {
        return Dispatcher.problem(400, "Bad Request", e.getMessage(), invocation);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- operations

  private Object functions() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FunctionDefinition d : dispatcher.registry().definitions()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", d.name());
      f.put("kind", d.kind().name());
      f.put("trigger", d.trigger().describe());
      out.add(f);
    }
    return Map.of("functions", out);
  }

  private Object fire(String function) {
    try {
      return Map.of("function", function, "eventId", engine.fireNow(function));
    } catch (IllegalArgumentException e) {
      throw new Missing(e.getMessage() + "; schedule functions: " + dispatcher.registry()
          .ofKind(FunctionDefinition.Kind.SCHEDULE).stream().map(FunctionDefinition::name).toList());
    }
  }

  private HttpResponse queues(HttpRequest request, String[] p, Invocation invocation) {
    String method = request.method();
    if (p.length == 1) {
      return get(method, invocation, () -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : engine.consumedQueues()) {
          DurableQueue q = engine.queue(name);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("queue", name);
          m.put("function", engine.consumerOf(name).map(FunctionDefinition::name).orElse(null));
          m.put("depth", q.depth());
          m.put("inFlight", q.inFlight());
          m.put("deadLetters", q.deadLetters().size());
          out.add(m);
        }
        return Map.of("queues", out);
      });
    }
    if (p.length < 3 || !p[2].equals("dead-letters") || p.length > 4) {
      return notFound(request, invocation);
    }
    DurableQueue q = queue(p[1]);
    String id = request.query().first("id").orElse(null);
    if (p.length == 4) {
      return p[3].equals("redrive") ? post(method, invocation, () -> {
        int n = q.redriveDeadLetters(id);
        if (n > 0) {
          engine.enqueued(q.queue());
        }
        return Map.of("queue", q.queue(), "redriven", n);
      }) : notFound(request, invocation);
    }
    return switch (method) {
      case "GET" -> json(200, Map.of("queue", q.queue(), "deadLetters", q.deadLetters().stream().limit(MAX_ITEMS)
          .map(d -> deadLetter(q, d)).toList()));
      case "DELETE" -> json(200, Map.of("queue", q.queue(), "purged", q.purgeDeadLetters(id)));
      default -> notAllowed("GET, DELETE", invocation);
    };
  }

  private static Map<String, Object> deadLetter(DurableQueue q, DurableQueue.Delivery d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("reason", q.deadLetterReason(d.id()).orElse(""));
    m.put("deliveryAttempts", d.deliveryAttempt());
    m.put("sentAt", d.sentAt().toString());
    m.put("attributes", d.attributes());
    d.groupKey().ifPresent(g -> m.put("groupKey", g));
    body(m, d.body());
    return m;
  }

  private DurableQueue queue(String name) {
    if (!engine.consumedQueues().contains(name)) {
      throw new Missing("No queue '" + name + "'; queues: " + engine.consumedQueues());
    }
    return engine.queue(name);
  }

  private Object table(String table, Optional<String> key) {
    List<String> tables = db.keyValueTables();
    if (!tables.contains(table)) {
      throw new Missing("No key-value table '" + table + "' holds anything; tables: " + tables);
    }
    var store = platform.keyValueStore(table);
    if (key.isPresent()) {
      KeyValueEntry e = store.get(key.get()).orElseThrow(() -> new Missing("No key '" + key.get() + "' in table '"
          + table + "'"));
      return entry(e);
    }
    var page = store.scan("", null, MAX_ITEMS);
    return Map.of("table", table, "entries", page.entries().stream().map(ConsoleService::entry).toList(),
        "more", page.nextPageToken().isPresent());
  }

  private static Map<String, Object> entry(KeyValueEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", e.key());
    m.put("version", e.version());
    e.expiresAt().ifPresent(t -> m.put("expiresAt", t.toString()));
    body(m, e.value());
    return m;
  }

  private List<String> buckets() {
    try (Stream<Path> dirs = Files.list(bucketsDir)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object bucket(String bucket, Optional<String> key) {
    List<String> buckets = buckets();
    if (!buckets.contains(bucket)) {
      throw new Missing("No bucket '" + bucket + "'; buckets: " + buckets);
    }
    var store = platform.objectStorage(bucket);
    if (key.isPresent()) {
      var object = store.get(key.get()).orElseThrow(() -> new Missing("No object '" + key.get() + "' in bucket '"
          + bucket + "'"));
      Map<String, Object> m = info(object.info());
      body(m, object.content());
      return m;
    }
    var page = store.list("", null, MAX_ITEMS);
    return Map.of("bucket", bucket, "objects", page.objects().stream().map(ConsoleService::info).toList(),
        "more", page.nextPageToken().isPresent());
  }

  private static Map<String, Object> info(ObjectInfo i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", i.key());
    m.put("size", i.size());
    m.put("etag", i.etag());
    i.contentType().ifPresent(t -> m.put("contentType", t));
    m.put("lastModified", i.lastModified().toString());
    return m;
  }

  /** Runs a cloud's dead-lettered message (the request body) through its adapter's mapping and this app. */
  private Object replay(HttpRequest request, Invocation invocation) {
    Delivery delivery = Replays.map(request.query().first("cloud").orElse(null), request.body(),
        request.query().first("queue").orElse(null), request.query().first("function").orElse(null), dispatcher,
        config, clock, invocation);
    DeliveryResult result = dispatcher.deliver(delivery);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < delivery.items().size(); i++) {
      Outcome o = result.outcomes().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", delivery.items().get(i).id());
      m.put("status", o.status().name());
      m.put("message", o.message());
      o.error().ifPresent(t -> m.put("error", Map.of("type", t.getClass().getName(),
          "message", String.valueOf(t.getMessage()))));
      out.add(m);
    }
    return Map.of("invocationId", invocation.invocationId(), "outcomes", out);
  }

  /** CloudEvents pushed to the runtime, as Eventarc, Event Grid, Knative or Dapr push them to a function. */
  private HttpResponse cloudEvents(HttpRequest request, Invocation invocation) {
    Delivery.Builder delivery = Delivery.builder(invocation).function(request.query().first("function").orElse(null));
    for (CloudEvent e : CloudEventsHttp.read(request.headers(), request.body(), "local")) {
      delivery.event(e);
    }
    return Dispatcher.httpResponse(dispatcher.deliver(delivery.build()).aggregate(), invocation);
  }

  // ---------------------------------------------------------------- HTTP

  private static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message, null, false, false);
    }
  }

  private static HttpResponse get(String method, Invocation invocation, java.util.function.Supplier<Object> body) {
    return method.equals("GET") || method.equals("HEAD") ? json(200, body.get()) : notAllowed("GET", invocation);
  }

  private static HttpResponse post(String method, Invocation invocation, java.util.function.Supplier<Object> body) {
    return method.equals("POST") ? json(200, body.get()) : notAllowed("POST", invocation);
  }

  private static HttpResponse json(int status, Object body) {
    return HttpResponse.status(status).json(body);
  }

  private static HttpResponse notAllowed(String allowed, Invocation invocation) {
    return HttpResponse.problem(HttpResponse.status(405).header("Allow", allowed), "Method Not Allowed",
        "Use " + allowed, invocation.invocationId());
  }

  private static HttpResponse notFound(HttpRequest request, Invocation invocation) {
    return Dispatcher.problem(404, "Not Found", "No console operation at " + request.path()
        + "; see the local runtime's README", invocation);
  }

  /** A body as text when it is UTF-8, else as base64. */
  private static void body(Map<String, Object> m, byte[] bytes) {
    @Nullable String text = utf8(bytes);
    if (text != null) {
      m.put("body", text);
    } else {
      m.put("bodyBase64", Base64.getEncoder().encodeToString(bytes));
    }
  }

  private static @Nullable String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
