package dev.faas4j.gcp;

import dev.faas4j.TraceContext;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the caller's trace: W3C {@code traceparent} first, else Google's {@code X-Cloud-Trace-Context:
 * TRACE_ID/SPAN_ID;o=OPTIONS}, whose span id is a decimal unsigned 64-bit number. A malformed header restarts the
 * trace rather than failing the request.
 */
final class TraceHeaders {
  private TraceHeaders() {}

  /** The trace of a request whose first header values {@code header} looks up (case-insensitively). */
  static Optional<TraceContext> from(Function<String, Optional<String>> header) {
    // no flatMap(TraceContext::fromTraceparent): a method reference is linked on every cold start (Java 17)
    String traceparent = header.apply("traceparent").orElse(null);
    Optional<TraceContext> w3c = traceparent == null ? Optional.empty() : TraceContext.fromTraceparent(traceparent);
    if (w3c.isPresent()) {
      return w3c;
    }
    String cloud = header.apply("X-Cloud-Trace-Context").orElse(null);
    return cloud == null ? Optional.empty() : cloudTraceContext(cloud);
  }

  static Optional<TraceContext> cloudTraceContext(String header) {
    String h = header.trim();
    int slash = h.indexOf('/');
    if (slash != 32) {
      return Optional.empty();
    }
    String traceId = h.substring(0, slash);
    String rest = h.substring(slash + 1);
    int semi = rest.indexOf(';');
    String span = semi < 0 ? rest : rest.substring(0, semi);
    boolean sampled = semi >= 0 && rest.substring(semi + 1).trim().equals("o=1");
    if (span.isEmpty() || span.length() > 20 || !digits(span)) {
      return Optional.empty();
    }
    try {
      String hex = Long.toHexString(Long.parseUnsignedLong(span));
      return Optional.of(new TraceContext(traceId, "0000000000000000".substring(hex.length()) + hex, sampled));
    } catch (IllegalArgumentException e) { // NumberFormatException included: out of the unsigned 64-bit range
      return Optional.empty();
    }
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
