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

/** What the Azure Functions Java worker hands an HTTP entry method, and the response objects it gets back. */
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

  /** The worker's execution context. */
  public static final class Context implements ExecutionContext {
    private static final Logger LOG = Logger.getLogger("Function.greet");

    @Override
    public Logger getLogger() {
      return LOG;
    }

    @Override
    public String getInvocationId() {
      return "5f3e1c2a-9b8d-4e7f-a6b5-c4d3e2f1a0b9";
    }

    @Override
    public String getFunctionName() {
      return "greet";
    }
  }
}
