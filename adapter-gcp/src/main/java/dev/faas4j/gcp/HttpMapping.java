package dev.faas4j.gcp;

import dev.faas4j.event.Headers;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.Origin;
import dev.faas4j.spi.HttpBodies;
import dev.faas4j.spi.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions Framework requests and responses to and from portable ones (platform-payloads.md §3.1). The framework
 * gives true multimaps and raw bytes, so nothing is joined or re-encoded: the path is decoded once from the raw
 * URI, the query stays raw for the portable parser, headers keep every occurrence.
 */
final class HttpMapping {
  /** The deployment's entry point as the invoker was started with it ({@code FUNCTION_TARGET}). */
  static final String TARGET = "gcp.functions.target";
  static final String EXECUTION_ID = "gcp.functions.executionId";
  static final String TRACE_CONTEXT = "gcp.functions.traceContext";

  private HttpMapping() {}

  /**
   * The portable request, whose origin holds {@code base} (the deployment's facts), the execution id and Cloud
   * Trace header when sent, the body as received and every header.
   */
  static HttpRequest request(com.google.cloud.functions.HttpRequest in, Map<String, String> base)
      throws IOException {
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> e : in.getHeaders().entrySet()) {
      for (String v : e.getValue()) {
        headers.add(e.getKey(), v);
      }
    }
    Headers h = headers.build();
    byte[] body;
    try (InputStream stream = in.getInputStream()) {
      body = stream.readAllBytes();
    }
    // no lambdas or method references here: each would be linked on every cold start (Java 17)
    String executionId = h.first("Function-Execution-Id").orElse(null);
    String traceContext = h.first("X-Cloud-Trace-Context").orElse(null);
    Map<String, String> attributes = base;
    if (executionId != null || traceContext != null) {
      Map<String, String> withHeaders = new HashMap<>(base);
      if (executionId != null) {
        withHeaders.put(EXECUTION_ID, executionId);
      }
      if (traceContext != null) {
        withHeaders.put(TRACE_CONTEXT, traceContext);
      }
      attributes = withHeaders;
    }
    String query = in.getQuery().orElse(null);
    String forwardedFor = h.first("X-Forwarded-For").orElse(null);
    return HttpRequest.builder(in.getMethod(), path(in))
        .rawQuery(query == null || query.isEmpty() ? null : query)
        .headers(h)
        .body(body)
        .origin(Origin.of("gcp", attributes, body, h))
        .sourceIp(forwardedFor == null ? null : firstHop(forwardedFor))
        .build();
  }

  /** The client of {@code X-Forwarded-For: client, proxy1, proxy2}. */
  private static String firstHop(String forwardedFor) {
    int comma = forwardedFor.indexOf(',');
    return (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
  }

  /** The path decoded exactly once from the raw request URI; the framework's own decoded path as a fallback. */
  static String path(com.google.cloud.functions.HttpRequest in) {
    String raw = rawPath(in.getUri());
    if (raw.startsWith("/")) {
      return Wire.percentDecode(raw, "path");
    }
    String p = in.getPath();
    return p.startsWith("/") ? p : "/" + p;
  }

  /** The path of a request URI as sent: after {@code scheme://authority}, before {@code ?} or {@code #}. */
  static String rawPath(String uri) {
    int start = 0;
    int scheme = uri.indexOf("://");
    if (scheme >= 0 && scheme < uri.indexOf('/') + 1) {
      int slash = uri.indexOf('/', scheme + 3);
      start = slash < 0 ? uri.length() : slash;
    }
    int end = uri.length();
    for (char c : new char[] {'?', '#'}) {
      int i = uri.indexOf(c, start);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String path = uri.substring(start, end);
    return path.isEmpty() ? "/" : path;
  }

  static void write(HttpResponse response, com.google.cloud.functions.HttpResponse out) throws IOException {
    out.setStatusCode(response.status());
    for (Map.Entry<String, List<String>> e : response.headers().asMap().entrySet()) {
      if (e.getKey().equalsIgnoreCase("Content-Type")) {
        out.setContentType(e.getValue().get(0));
        continue;
      }
      if (e.getKey().equalsIgnoreCase("Content-Length")) {
        continue; // the server frames the body itself
      }
      for (String v : e.getValue()) {
        out.appendHeader(e.getKey(), v);
      }
    }
    for (String cookie : response.cookies()) {
      out.appendHeader("Set-Cookie", cookie);
    }
    byte[] body = HttpBodies.of(response); // the response's own array: only written out
    if (body.length > 0) {
      try (OutputStream stream = out.getOutputStream()) {
        stream.write(body);
      }
    }
  }
}
