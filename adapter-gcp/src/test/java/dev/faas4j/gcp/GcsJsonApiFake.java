package dev.faas4j.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server for the part of the GCS JSON API that {@link GcsObjectStorage} uses: multipart upload with
 * {@code ifGenerationMatch}, object metadata, media download, delete and prefix listing with page tokens. It is our
 * own model of GCS, not GCS: it records every request line so tests can check the exact preconditions the real
 * client library sends, and applies the precondition semantics GCS documents (412 when {@code ifGenerationMatch}
 * does not hold; 0 means "no live object").
 */
final class GcsJsonApiFake implements AutoCloseable {
  private record Stored(byte[] content, long generation, String contentType, Map<String, String> metadata,
      Instant updated) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final TreeMap<String, Stored> objects = new TreeMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
  final List<String> requests = new CopyOnWriteArrayList<>();

  GcsJsonApiFake() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void clear() {
    objects.clear();
    requests.clear();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      handleOrFail(x);
    } catch (RuntimeException | IOException e) {
      failures.add(e);
      throw e;
    }
  }

  final List<Throwable> failures = new CopyOnWriteArrayList<>();

  private void handleOrFail(HttpExchange x) throws IOException {
    {
      String path = x.getRequestURI().getRawPath();
      Map<String, String> q = query(x.getRequestURI().getRawQuery());
      requests.add(x.getRequestMethod() + " " + path + (x.getRequestURI().getRawQuery() == null ? ""
          : "?" + x.getRequestURI().getRawQuery()));
      byte[] body = x.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
      }
      synchronized (this) {
        if (path.matches("/upload/storage/v1/b/[^/]+/o") && x.getRequestMethod().equals("POST")) {
          upload(x, q, body);
        } else if (path.matches("/storage/v1/b/[^/]+/o") && x.getRequestMethod().equals("GET")) {
          list(x, q);
        } else if (path.matches("(/download)?/storage/v1/b/[^/]+/o/.+")) {
          String name = URLDecoder.decode(path.substring(path.indexOf("/o/") + 3).replace("+", "%2B"),
              StandardCharsets.UTF_8);
          object(x, q, name);
        } else {
          error(x, 400, "unsupported by the fake: " + x.getRequestMethod() + " " + path);
        }
      }
    }
  }

  private void upload(HttpExchange x, Map<String, String> q, byte[] body) throws IOException {
    String type = x.getRequestHeaders().getFirst("Content-Type");
    String boundary = type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
    List<byte[]> parts = multipart(body, boundary);
    if (parts.size() < 2) {
      throw new IllegalStateException("multipart not understood: " + type + " / "
          + new String(body, 0, Math.min(400, body.length), StandardCharsets.ISO_8859_1));
    }
    JsonNode meta = JSON.readTree(parts.get(0));
    String name = meta.get("name").asText();
    if (!precondition(x, q, name)) {
      return;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (meta.has("metadata") && meta.get("metadata").isObject()) {
      meta.get("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }
    String contentType = meta.has("contentType") ? meta.get("contentType").asText() : "application/octet-stream";
    Stored s = new Stored(parts.get(1), generations.incrementAndGet(), contentType, metadata, Instant.now());
    objects.put(name, s);
    json(x, 200, resource(name, s));
  }

  private boolean precondition(HttpExchange x, Map<String, String> q, String name) throws IOException {
    String match = q.get("ifGenerationMatch");
    if (match == null) {
      return true;
    }
    Stored current = objects.get(name);
    long expected = Long.parseLong(match);
    boolean holds = expected == 0 ? current == null : current != null && current.generation() == expected;
    if (!holds) {
      error(x, 412, "At least one of the pre-conditions you specified did not hold.");
    }
    return holds;
  }

  private void object(HttpExchange x, Map<String, String> q, String name) throws IOException {
    Stored s = objects.get(name);
    if (x.getRequestMethod().equals("DELETE")) {
      if (s == null) {
        error(x, 404, "No such object");
      } else {
        objects.remove(name);
        x.sendResponseHeaders(204, -1);
      }
      return;
    }
    if (s == null) {
      error(x, 404, "No such object: " + name);
      return;
    }
    if (q.containsKey("generation") && Long.parseLong(q.get("generation")) != s.generation()
        || q.containsKey("ifGenerationMatch") && Long.parseLong(q.get("ifGenerationMatch")) != s.generation()) {
      error(x, q.containsKey("ifGenerationMatch") ? 412 : 404, "generation changed");
      return;
    }
    if ("media".equals(q.get("alt"))) {
      x.getResponseHeaders().add("Content-Type", s.contentType());
      x.sendResponseHeaders(200, s.content().length == 0 ? -1 : s.content().length);
      x.getResponseBody().write(s.content());
      return;
    }
    json(x, 200, resource(name, s));
  }

  private void list(HttpExchange x, Map<String, String> q) throws IOException {
    String prefix = q.getOrDefault("prefix", "");
    int max = Integer.parseInt(q.getOrDefault("maxResults", "1000"));
    String after = q.get("pageToken");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode items = out.putArray("items");
    String last = null;
    boolean more = false;
    for (Map.Entry<String, Stored> e : (after == null ? objects : objects.tailMap(after, false)).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      if (items.size() == max) {
        more = true;
        break;
      }
      items.add(resource(e.getKey(), e.getValue()));
      last = e.getKey();
    }
    if (more) {
      out.put("nextPageToken", last);
    }
    json(x, 200, out);
  }

  private ObjectNode resource(String name, Stored s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", "storage#object");
    o.put("name", name);
    o.put("bucket", "test-bucket");
    o.put("generation", Long.toString(s.generation()));
    o.put("metageneration", "1");
    o.put("contentType", s.contentType());
    o.put("size", Long.toString(s.content().length));
    o.put("updated", s.updated().toString());
    o.put("timeCreated", s.updated().toString());
    o.put("etag", "CK" + s.generation() + "EAE=");
    if (!s.metadata().isEmpty()) {
      ObjectNode m = o.putObject("metadata");
      s.metadata().forEach(m::put);
    }
    return o;
  }

  private static void json(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }

  private static void error(HttpExchange x, int status, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode err = body.putObject("error");
    err.put("code", status);
    err.put("message", message);
    json(x, status, body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String p : raw.split("&")) {
        int eq = p.indexOf('=');
        q.put(URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  /** The bodies of a multipart/related payload, in order. */
  private static List<byte[]> multipart(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new CopyOnWriteArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      int contentEnd = next - 2; // the CRLF before the next delimiter
      parts.add(Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, contentEnd)));
      pos = next;
    }
    return parts;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
