package dev.faas4j.examples.clouds;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.azure.AzureHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Azure entry methods ({@link AzureHandler}, which the generated {@code @FunctionName} methods reach through
 * {@code AzureFunctions}) fed HTTP, Queue Storage, Blob, Timer and Service Bus bindings as the Java worker passes
 * them. An event entry that throws is a failure the host retries.
 */
public final class AzureCloud implements Cloud {
  private final Platform platform;
  private final AzureHandler handler;

  public AzureCloud(Supplier<FunctionApp> app, Platform platform) {
    this.platform = platform;
    // One function app hosts every function; the worker names the function of each invocation.
    this.handler = new AzureHandler(app.get(), platform, Map.<String, String>of()::get);
  }

  @Override
  public String name() {
    return "azure";
  }

  @Override
  public Reply http(String function, String method, String path, String body) {
    HttpResponseMessage r = handler.http(new Request(HttpMethod.valueOf(method),
        "https://examples.azurewebsites.net/api" + path, Optional.of(body)), new Context(function));
    Object b = r.getBody();
    String text = b == null ? "" : b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : b.toString();
    return new Reply(r.getStatusCode(), text);
  }

  @Override
  public Set<String> queue(String function, String queue, List<Message> messages) {
    // the Queue Storage trigger delivers one message per invocation
    Set<String> failed = new LinkedHashSet<>();
    for (Message m : messages) {
      if (!succeeds(() -> handler.queue(m.body(), m.id(), "1", "\"" + platform.clock().instant() + "\"",
          new Context(function)))) {
        failed.add(m.id());
      }
    }
    return failed;
  }

  @Override
  public boolean topic(String function, String topic, Message message) {
    return succeeds(() -> handler.serviceBusTopic(message.body(), message.id(), "1", "{}",
        "\"" + platform.clock().instant() + "\"", new Context(function)));
  }

  @Override
  public boolean objectCreated(String function, String bucket, String key, long size) {
    String properties = "{\"ETag\":\"\\\"0x8DC0123456789AB\\\"\",\"ContentType\":\"image/png\",\"Length\":" + size
        + ",\"LastModified\":\"" + platform.clock().instant() + "\"}";
    return succeeds(() -> handler.blob(new byte[(int) size], bucket + "/" + key, properties, new Context(function)));
  }

  @Override
  public boolean schedule(String function, Instant due) {
    // the timer carries no due time: the adapter takes the latest cron match at or before the platform's clock
    return succeeds(() -> handler.timer("{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,"
        + "\"IsPastDue\":false}", new Context(function)));
  }

  private static boolean succeeds(Runnable entry) {
    try {
      entry.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The worker's execution context: invocation id, function name, a quiet logger. */
  static final class Context implements ExecutionContext {
    private static final Logger LOGGER = quiet();
    private final String function;
    private final String invocationId = UUID.randomUUID().toString();

    Context(String function) {
      this.function = function;
    }

    private static Logger quiet() {
      Logger logger = Logger.getLogger("faas4j.examples.azure");
      logger.setUseParentHandlers(false);
      logger.setLevel(Level.OFF);
      return logger;
    }

    @Override public Logger getLogger() { return LOGGER; }
    @Override public String getInvocationId() { return invocationId; }
    @Override public String getFunctionName() { return function; }
    @Override public TraceContext getTraceContext() {
      return new TraceContext() {
        @Override public String getTraceparent() { return "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"; }
        @Override public String getTracestate() { return ""; }
        @Override public Map<String, String> getAttributes() { return Map.of(); }
      };
    }
  }

  /** An HTTP request as the worker builds it: lower-cased header names. */
  static final class Request implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Optional<String> body;

    Request(HttpMethod method, String url, Optional<String> body) {
      this.method = method;
      this.uri = URI.create(url);
      this.body = body;
    }

    @Override public URI getUri() { return uri; }
    @Override public HttpMethod getHttpMethod() { return method; }
    @Override public Map<String, String> getHeaders() { return Map.of("content-type", "application/json"); }
    @Override public Map<String, String> getQueryParameters() { return Map.of(); }
    @Override public Optional<String> getBody() { return body; }
    @Override public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) { return new Builder(status); }
    @Override public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) { return new Builder(status); }
  }

  /** The worker's response builder: one value per header name. */
  static final class Builder implements HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final Map<String, String> headers = new HashMap<>();
    private Object body;

    Builder(HttpStatusType status) {
      this.status = status;
    }

    @Override public HttpResponseMessage.Builder status(HttpStatusType s) { status = s; return this; }
    @Override public HttpResponseMessage.Builder header(String key, String value) { headers.put(key, value); return this; }
    @Override public HttpResponseMessage.Builder body(Object b) { body = b; return this; }
    @Override public HttpResponseMessage build() {
      HttpStatusType s = status;
      Map<String, String> h = Map.copyOf(headers);
      Object b = body;
      return new HttpResponseMessage() {
        @Override public HttpStatusType getStatus() { return s; }
        @Override public String getHeader(String key) { return h.get(key); }
        @Override public Object getBody() { return b; }
      };
    }
  }
}
