package dev.faas4j;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context of an invocation. An invocation's context {@linkplain #child() continues} its caller's: the
 * same trace id, a span id of its own, and the caller's span (an HTTP client, or the function that sent the message)
 * as parent. Messages and objects the invocation writes carry it on, so one trace follows a request across hops.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits
 * @param sampled whether the caller records this trace
 * @param parentSpanId the caller's span id; empty where the context was read off the wire
 * @param traceState the W3C {@code tracestate} passed on unchanged; empty when there is none
 */
public record TraceContext(String traceId, String spanId, boolean sampled, Optional<String> parentSpanId,
    String traceState) {
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  /** The W3C spec lets a vendor drop a tracestate longer than this rather than pass it on. */
  static final int MAX_TRACE_STATE = 512;

  /** A context as read off the wire: no parent known, no tracestate. */
  public TraceContext(String traceId, String spanId, boolean sampled) {
    this(traceId, spanId, sampled, Optional.empty(), "");
  }

  public TraceContext {
    if (!isHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
      throw new IllegalArgumentException("traceId must be 32 hex digits, not all zero");
    }
    if (!isHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
      throw new IllegalArgumentException("spanId must be 16 hex digits, not all zero");
    }
    traceId = traceId.toLowerCase(Locale.ROOT);
    spanId = spanId.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(parentSpanId, "parentSpanId");
    if (parentSpanId.isPresent() && !isHex(parentSpanId.get(), 16)) {
      throw new IllegalArgumentException("parentSpanId must be 16 hex digits");
    }
    if (parentSpanId.isPresent()) { // not Optional.map: a lambda's call site is linked on every cold start
      parentSpanId = Optional.of(parentSpanId.get().toLowerCase(Locale.ROOT));
    }
    traceState = validTraceState(traceState) ? traceState.trim() : ""; // null: none
  }

  /**
   * Parses {@code traceparent} and, if it is valid, keeps {@code tracestate} with it (a tracestate that is too long
   * or holds anything but printable ASCII is dropped, as the spec allows).
   */
  public static Optional<TraceContext> fromTraceparent(String traceparent, @Nullable String tracestate) {
    String h = traceparent.trim();
    if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
      return Optional.empty();
    }
    String version = h.substring(0, 2);
    if (!isHex(version, 2) || version.equalsIgnoreCase("ff") || version.equals("00") && h.length() != 55) {
      return Optional.empty();
    }
    String flags = h.substring(53, 55);
    if (!isHex(flags, 2)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TraceContext(h.substring(3, 35), h.substring(36, 52),
          (Integer.parseInt(flags, 16) & 1) == 1, Optional.empty(), tracestate));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A new span in this trace, whose parent is this context's span: how an invocation continues its caller's trace. */
  public TraceContext child() {
    return new TraceContext(traceId, newSpanId(), sampled, Optional.of(spanId), traceState);
  }

  private static String newSpanId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    String hex = Long.toHexString(id);
    return hex.length() == 16 ? hex : ZERO_SPAN.substring(hex.length()) + hex;
  }

  private static boolean validTraceState(@Nullable String s) {
    if (s == null || s.length() > MAX_TRACE_STATE) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}); empty if it is absent or
   * malformed, as the W3C spec asks (a bad header restarts the trace, it does not fail the request).
   */
  public static Optional<TraceContext> fromTraceparent(String header) {
    return fromTraceparent(header, null);
  }

  /** This context as a {@code traceparent} header value: its own span is the parent of whatever it calls. */
  public String traceparent() {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  private static boolean isHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      // Not Character.digit: it accepts fullwidth and other non-ASCII digits, which would then reach headers and logs.
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }
}
