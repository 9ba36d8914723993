package dev.faas4j.bench.support;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * What the Azure Functions Java worker hands an entry method (an HTTP request, or a Queue Storage message with its
 * trigger metadata) and the response objects it gets back.
 */
public final class AzureHttp {
  private AzureHttp() {}

  /** The greeting request as the worker builds it. */
  public static Request greetRequest() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept", "application/json");
    headers.put("content-type", "application/json");
    headers.put("content-length", "14");
    headers.put("host", "fn-app.azurewebsites.net");
    headers.put("user-agent", "curl/8.5.0");
    headers.put("x-forwarded-for", "203.0.113.7:52314");
    headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    return new Request(HttpMethod.POST, URI.create("https://fn-app.azurewebsites.net/api/greet?lang=en"), headers,
        Map.of("lang", "en"), "{\"name\":\"Ada\"}");
  }

  /**
   * A Queue Storage message as the worker hands it to a {@code @QueueTrigger} method with {@code dataType = "binary"}:
   * the body the host already base64-decoded, and the {@code Id}, {@code DequeueCount} and {@code InsertionTime}
   * trigger metadata as the worker passes them (JSON text: the time arrives quoted).
   */
  public record QueueInput(byte[] body, String id, String dequeueCount, String insertionTime) {}

  /** One order for the {@code orders} queue function, delivered a second time. */
  public static QueueInput orderMessage() {
    return new QueueInput("{\"orderId\":\"order-7\",\"amount\":107}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "b7d4a2c1-5e6f-4a3b-9c8d-7e6f5a4b3c2d", "2", "\"2025-03-10T13:40:52+00:00\"");
  }

  /** {@code HttpRequestMessage<Optional<String>>}, the body type of an HTTP trigger with a string body. */
  public record Request(HttpMethod method, URI uri, Map<String, String> headers, Map<String, String> query,
      @Nullable String body) implements HttpRequestMessage<Optional<String>> {
    @Override
    public URI getUri() {
      return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
      return method;
    }

    @Override
    public Map<String, String> getHeaders() {
      return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
      return query;
    }

    @Override
    public Optional<String> getBody() {
      return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
      return new Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
      return new Builder(status);
    }
  }

  /** The worker's response builder. */
  public static final class Builder implements HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable Object body;

    Builder(HttpStatusType status) {
      this.status = status;
    }

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType status) {
      this.status = status;
      return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
      headers.put(key, value);
      return this;
    }

    @Override
    public HttpResponseMessage.Builder body(@Nullable Object body) {
      this.body = body;
      return this;
    }

    @Override
    public HttpResponseMessage build() {
      return new Response(status, Map.copyOf(headers), body);
    }
  }

  /** A built response. */
  public record Response(HttpStatusType status, Map<String, String> headers, @Nullable Object body)
      implements HttpResponseMessage {
    @Override
    public HttpStatusType getStatus() {
      return status;
    }

    @Override
    public @Nullable String getHeader(String key) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(key)) {
          return e.getValue();
        }
      }
      return null;
    }

    @Override
    public @Nullable Object getBody() {
      return body;
    }
  }

  /** The worker's execution context; the function name is how Azure tells faas4j which function runs. */
  public static final class Context implements ExecutionContext {
    private final String functionName;
    private final Logger log;

    /** The context of the {@code greet} HTTP function. */
    public Context() {
      this("greet");
    }

    public Context(String functionName) {
      this.functionName = functionName;
      this.log = Logger.getLogger("Function." + functionName);
    }

    @Override
    public Logger getLogger() {
      return log;
    }

    @Override
    public String getInvocationId() {
      return "5f3e1c2a-9b8d-4e7f-a6b5-c4d3e2f1a0b9";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }
  }
}
