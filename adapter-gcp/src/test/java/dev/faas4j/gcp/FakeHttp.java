package dev.faas4j.gcp;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Functions Framework request and response objects as the invoker builds them: case-insensitive multimaps. */
final class FakeHttp {
  private FakeHttp() {}

  private static final InputStream BROKEN_IN = new InputStream() {
    @Override public int read() throws IOException {
      throw new IOException("connection reset");
    }
  };
  private static final OutputStream BROKEN_OUT = new OutputStream() {
    @Override public void write(int b) throws IOException {
      throw new IOException("broken pipe");
    }
  };

  static final class Request implements HttpRequest {
    final String method;
    final String uri;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byte[] body = new byte[0];
    boolean bodyFails;

    Request(String method, String uri) {
      this.method = method;
      this.uri = uri;
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Request body(byte[] body) {
      this.body = body;
      return this;
    }

    /** The connection breaks while the body is read. */
    Request failingBody() {
      this.bodyFails = true;
      return this;
    }

    Request json(String json) {
      header("Content-Type", "application/json");
      this.body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    @Override public String getMethod() { return method; }
    @Override public String getUri() { return "http://localhost:8080" + uri; }
    @Override public String getPath() {
      int q = uri.indexOf('?');
      return q < 0 ? uri : uri.substring(0, q);
    }
    @Override public Optional<String> getQuery() {
      int q = uri.indexOf('?');
      return q < 0 ? Optional.empty() : Optional.of(uri.substring(q + 1));
    }
    @Override public Map<String, List<String>> getQueryParameters() { return Map.of(); }
    @Override public Map<String, HttpPart> getParts() { return Map.of(); }
    @Override public Optional<String> getContentType() { return getFirstHeader("Content-Type"); }
    @Override public long getContentLength() { return body.length; }
    @Override public Optional<String> getCharacterEncoding() { return Optional.empty(); }
    @Override public InputStream getInputStream() { return bodyFails ? BROKEN_IN : new ByteArrayInputStream(body); }
    @Override public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
  }

  static final class Response implements HttpResponse {
    int status = 200;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean writesFail;

    /** The connection breaks while the body is written. */
    Response failingWrites() {
      writesFail = true;
      return this;
    }

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
    @Override public OutputStream getOutputStream() { return writesFail ? BROKEN_OUT : body; }
    @Override public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
