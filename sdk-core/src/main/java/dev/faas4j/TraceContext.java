package dev.faas4j;

import java.util.Locale;
import java.util.Optional;

/**
 * The W3C trace context of an invocation.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits: the caller's span
 * @param sampled whether the caller records this trace
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);

  public TraceContext {
    if (!isHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
      throw new IllegalArgumentException("traceId must be 32 hex digits, not all zero");
    }
    if (!isHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
      throw new IllegalArgumentException("spanId must be 16 hex digits, not all zero");
    }
    traceId = traceId.toLowerCase(Locale.ROOT);
    spanId = spanId.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}); empty if it is absent or
   * malformed, as the W3C spec asks (a bad header restarts the trace, it does not fail the request).
   */
  public static Optional<TraceContext> fromTraceparent(String header) {
    String h = header.trim();
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
          (Integer.parseInt(flags, 16) & 1) == 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** This context as a {@code traceparent} header value. */
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
