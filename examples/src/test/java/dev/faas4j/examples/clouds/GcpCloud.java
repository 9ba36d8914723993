package dev.faas4j.examples.clouds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.gcp.GcpHttpFunction;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link GcpHttpFunction} (the entry point every generated deployment uses) fed HTTP requests, Eventarc storage
 * and Pub/Sub CloudEvents (binary mode), Pub/Sub push envelopes and Cloud Scheduler calls. Only 2xx acknowledge.
 */
public final class GcpCloud implements Cloud {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT = "examples-project";

  private final Supplier<FunctionApp> app;
  private final Platform platform;
  private final Map<String, GcpHttpFunction> functions = new ConcurrentHashMap<>();

  public GcpCloud(Supplier<FunctionApp> app, Platform platform) {
    this.app = app;
    this.platform = platform;
  }

  @Override
  public String name() {
    return "gcp";
  }

  private Response call(String function, Request request) {
    GcpHttpFunction fn = functions.computeIfAbsent(function, f -> new GcpHttpFunction(app.get(), platform,
        Map.of("FAAS4J_FUNCTION", f, "GOOGLE_CLOUD_PROJECT", PROJECT)::get));
    Response response = new Response();
    try {
      fn.service(request, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response;
  }

  @Override
  public Reply http(String function, String method, String path, String body) {
    Response r = call(function, new Request(method, path).header("Content-Type", "application/json")
        .body(body.getBytes(StandardCharsets.UTF_8)));
    return new Reply(r.status, r.body.toString(StandardCharsets.UTF_8));
  }

  @Override
  public Set<String> queue(String function, String queue, List<Message> messages) {
    // a push subscription delivers one message per request
    Set<String> failed = new LinkedHashSet<>();
    for (Message m : messages) {
      ObjectNode envelope = JSON.createObjectNode()
          .put("subscription", "projects/" + PROJECT + "/subscriptions/" + queue + "-" + function)
          .put("deliveryAttempt", 1);
      envelope.putObject("message").put("data", Base64.getEncoder().encodeToString(m.body()))
          .put("messageId", m.id()).put("publishTime", platform.clock().instant().toString()).putObject("attributes");
      if (!acknowledged(call(function, new Request("POST", "/").header("Content-Type", "application/json")
          .body(bytes(envelope))))) {
        failed.add(m.id());
      }
    }
    return failed;
  }

  @Override
  public boolean topic(String function, String topic, Message message) {
    ObjectNode data = JSON.createObjectNode().put("subscription", "projects/" + PROJECT + "/subscriptions/eventarc-"
        + function);
    data.putObject("message").put("data", Base64.getEncoder().encodeToString(message.body()))
        .put("messageId", message.id()).put("publishTime", platform.clock().instant().toString());
    return acknowledged(call(function, cloudEvent(message.id(), "google.cloud.pubsub.topic.v1.messagePublished",
        "//pubsub.googleapis.com/projects/" + PROJECT + "/topics/" + topic, null).body(bytes(data))));
  }

  @Override
  public boolean objectCreated(String function, String bucket, String key, long size) {
    ObjectNode data = JSON.createObjectNode().put("kind", "storage#object").put("bucket", bucket).put("name", key)
        .put("generation", "1700000000000001").put("metageneration", "1").put("contentType", "image/png")
        .put("size", String.valueOf(size)).put("etag", "CNHZkbuF/ugCEAE=")
        .put("timeCreated", platform.clock().instant().toString()).put("updated", platform.clock().instant().toString());
    String subject = "objects/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("%2F", "/");
    return acknowledged(call(function, cloudEvent("gcs-" + key, "google.cloud.storage.object.v1.finalized",
        "//storage.googleapis.com/projects/_/buckets/" + bucket, subject).body(bytes(data))));
  }

  @Override
  public boolean schedule(String function, Instant due) {
    return acknowledged(call(function, new Request("POST", "/").header("X-CloudScheduler", "true")
        .header("X-CloudScheduler-JobName", "projects/" + PROJECT + "/locations/us-central1/jobs/" + function)
        .header("X-CloudScheduler-ScheduleTime", due.toString()).header("User-Agent", "Google-Cloud-Scheduler")));
  }

  private Request cloudEvent(String id, String type, String source, String subject) {
    Request r = new Request("POST", "/").header("Content-Type", "application/json").header("ce-specversion", "1.0")
        .header("ce-id", id).header("ce-type", type).header("ce-source", source)
        .header("ce-time", platform.clock().instant().toString());
    return subject == null ? r : r.header("ce-subject", subject);
  }

  private static boolean acknowledged(Response r) {
    return r.status >= 200 && r.status < 300;
  }

  private static byte[] bytes(Object tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request as the Functions Framework invoker builds it: case-insensitive multimap headers. */
  static final class Request implements HttpRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Request body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    @Override public String getMethod() { return method; }
    @Override public String getUri() { return "https://examples-abc.a.run.app" + path; }
    @Override public String getPath() { return path; }
    @Override public Optional<String> getQuery() { return Optional.empty(); }
    @Override public Map<String, List<String>> getQueryParameters() { return Map.of(); }
    @Override public Map<String, HttpPart> getParts() { return Map.of(); }
    @Override public Optional<String> getContentType() { return getFirstHeader("Content-Type"); }
    @Override public long getContentLength() { return body.length; }
    @Override public Optional<String> getCharacterEncoding() { return Optional.empty(); }
    @Override public InputStream getInputStream() { return new ByteArrayInputStream(body); }
    @Override public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
  }

  /** A response that records what the function wrote. */
  static final class Response implements HttpResponse {
    int status = 200;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override public void setStatusCode(int code) { status = code; }
    @Override public void setStatusCode(int code, String message) { status = code; }
    @Override public void setContentType(String contentType) { headers.put("Content-Type", List.of(contentType)); }
    @Override public Optional<String> getContentType() {
      return Optional.ofNullable(headers.get("Content-Type")).map(l -> l.get(0));
    }
    @Override public void appendHeader(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
    @Override public OutputStream getOutputStream() { return body; }
    @Override public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
  }
}
