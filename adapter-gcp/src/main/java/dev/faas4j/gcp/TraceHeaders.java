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
    Optional<TraceContext> w3c = header.apply("traceparent").flatMap(TraceContext::fromTraceparent);
    if (w3c.isPresent()) {
      return w3c;
    }
    return header.apply("X-Cloud-Trace-Context").flatMap(TraceHeaders::cloudTraceContext);
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
    if (span.isEmpty() || span.length() > 20 || !span.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    try {
      long spanId = Long.parseUnsignedLong(span);
      return Optional.of(new TraceContext(traceId, String.format("%016x", spanId), sampled));
    } catch (IllegalArgumentException e) { // NumberFormatException included: out of the unsigned 64-bit range
      return Optional.empty();
    }
  }
}
