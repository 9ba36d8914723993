package dev.faas4j.aws;

import dev.faas4j.TraceContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads an X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1})
 * as a W3C trace context: the root's two hex parts make the 32-digit trace id, {@code Parent} the span id.
 */
final class XRay implements java.util.function.Supplier<Optional<TraceContext>> {
  private final @Nullable String header;

  /**
   * An invocation's header, {@linkplain #parse parsed} when its trace is first read: Lambda sends one with every
   * invocation, and most functions never ask. This class, not a capturing lambda (C1 allocates those through a
   * method handle, and each links on the cold path) nor one more class in every function.
   */
  XRay(@Nullable String header) {
    this.header = header;
  }

  @Override
  public Optional<TraceContext> get() {
    return parse(header);
  }

  /** Empty when the header is absent, malformed or has no {@code Parent} (a trace context needs a span id). */
  static Optional<TraceContext> parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String root = null;
    String parent = null;
    boolean sampled = false;
    // indexOf and region compares rather than split or substring: this runs on every invocation, and only the
    // values kept are copied out.
    int length = header.length();
    for (int start = 0; start <= length; ) {
      int end = header.indexOf(';', start);
      end = end < 0 ? length : end;
      int eq = header.indexOf('=', start);
      int partStart = start;
      start = end + 1;
      if (eq < 0 || eq >= end) {
        continue;
      }
      // the key and the value, trimmed as String.trim does
      int keyStart = skipSpace(header, partStart, eq);
      int keyEnd = trimEnd(header, keyStart, eq);
      int valueStart = skipSpace(header, eq + 1, end);
      int valueEnd = trimEnd(header, valueStart, end);
      if (is(header, keyStart, keyEnd, "Root")) {
        root = header.substring(valueStart, valueEnd);
      } else if (is(header, keyStart, keyEnd, "Parent")) {
        parent = header.substring(valueStart, valueEnd);
      } else if (is(header, keyStart, keyEnd, "Sampled")) {
        sampled = is(header, valueStart, valueEnd, "1");
      }
    }
    if (root == null || parent == null) {
      return Optional.empty();
    }
    // Root=1-<8 hex digits of time>-<24 hex digits>
    if (root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-') {
      return Optional.empty();
    }
    try {
      return Optional.of(new TraceContext(traceId(root), parent, sampled));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code trace} as an X-Ray header: what SQS's {@code AWSTraceHeader} and the {@code X-Amzn-Trace-Id} hold. */
  static String header(TraceContext trace) {
    String id = trace.traceId();
    return new StringBuilder(72).append("Root=1-").append(id, 0, 8).append('-').append(id, 8, 32)
        .append(";Parent=").append(trace.spanId()).append(";Sampled=").append(trace.sampled() ? '1' : '0')
        .toString();
  }

  /** The 32-digit trace id of a checked root {@code 1-<8 digits>-<24 digits>}, without the parts as strings. */
  private static String traceId(String root) {
    return new StringBuilder(32).append(root, 2, 10).append(root, 11, 35).toString();
  }

  private static boolean is(String s, int from, int to, String word) {
    return to - from == word.length() && s.regionMatches(from, word, 0, word.length());
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  private static int trimEnd(String s, int from, int to) {
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }
}
