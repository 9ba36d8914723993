package dev.faas4j.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The library's interfaces implemented the way the Java worker does (RpcHttpRequestDataSource, RpcHttpDataTarget):
 * lower-cased, comma-joined headers, a decoded query map without empty values, a response builder that keeps one
 * value per header name in a HashMap.
 */
final class FakeWorker {
  private FakeWorker() {}

  static final class Context implements ExecutionContext {
    final String invocationId = UUID.randomUUID().toString();
    final String functionName;
    final List<LogRecord> logs = new ArrayList<>();
    private final Logger logger;
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    Context(String functionName) {
      this.functionName = functionName;
      logger = Logger.getAnonymousLogger();
      logger.setUseParentHandlers(false);
      logger.setLevel(Level.ALL);
      logger.addHandler(new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logs) {
            logs.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      });
    }

    @Override
    public Logger getLogger() {
      return logger;
    }

    @Override
    public String getInvocationId() {
      return invocationId;
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
      return new TraceContext() {
        @Override
        public String getTraceparent() {
          return traceparent;
        }

        @Override
        public String getTracestate() {
          return "";
        }

        @Override
        public Map<String, String> getAttributes() {
          return Map.of();
        }
      };
    }

    List<String> lines() {
      synchronized (logs) {
        return logs.stream().map(LogRecord::getMessage).toList();
      }
    }
  }

  static final class Request<T> implements HttpRequestMessage<T> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new HashMap<>();
    private final T body;

    Request(HttpMethod method, String url, T body, String... headerPairs) {
      this(true, method, url, body, headerPairs);
    }

    /** A request whose header names keep their case: a map some other caller than the host built. */
    static <T> Request<T> namesAsGiven(HttpMethod method, String url, T body, String... headerPairs) {
      return new Request<>(false, method, url, body, headerPairs);
    }

    private Request(boolean host, HttpMethod method, String url, T body, String... headerPairs) {
      this.method = method;
      this.uri = URI.create(url);
      this.body = body;
      for (int i = 0; i < headerPairs.length; i += 2) {
        // the host lower-cases names and joins repeated values with ","
        String name = host ? headerPairs[i].toLowerCase(Locale.ROOT) : headerPairs[i];
        headers.merge(name, headerPairs[i + 1], (a, b) -> a + "," + b);
      }
    }

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
      // decoded, repeated keys comma-joined, empty values dropped (what the host sends)
      Map<String, String> q = new LinkedHashMap<>();
      String raw = uri.getQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv.length == 2 && !kv[1].isEmpty()) {
            q.merge(kv[0], kv[1], (a, b) -> a + "," + b);
          }
        }
      }
      return q;
    }

    @Override
    public T getBody() {
      return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
      return new ResponseBuilder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
      return new ResponseBuilder(status);
    }
  }

  static final class ResponseBuilder implements HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final Map<String, String> headers = new HashMap<>();
    private Object body;

    ResponseBuilder(HttpStatusType status) {
      this.status = status;
    }

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType status) {
      this.status = status;
      return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
      headers.put(key, value); // RpcHttpDataTarget: a HashMap, so a second value replaces the first
      return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object body) {
      this.body = body;
      return this;
    }

    @Override
    public HttpResponseMessage build() {
      Map<String, String> h = Map.copyOf(headers);
      HttpStatusType s = status;
      Object b = body;
      return new HttpResponseMessage() {
        @Override
        public HttpStatusType getStatus() {
          return s;
        }

        @Override
        public String getHeader(String key) {
          return h.get(key);
        }

        @Override
        public Object getBody() {
          return b;
        }
      };
    }
  }
}
