package dev.faas4j.aws;

import dev.faas4j.TraceContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads an X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1})
 * as a W3C trace context: the root's two hex parts make the 32-digit trace id, {@code Parent} the span id.
 */
final class XRay {
  private XRay() {}

  /** Empty when the header is absent, malformed or has no {@code Parent} (a trace context needs a span id). */
  static Optional<TraceContext> parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String root = null;
    String parent = null;
    boolean sampled = false;
    // indexOf rather than split: this runs on every invocation.
    for (int start = 0; start <= header.length(); ) {
      int end = header.indexOf(';', start);
      end = end < 0 ? header.length() : end;
      String part = header.substring(start, end);
      start = end + 1;
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      switch (key) {
        case "Root" -> root = value;
        case "Parent" -> parent = value;
        case "Sampled" -> sampled = value.equals("1");
        default -> { }
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
      return Optional.of(new TraceContext(root.substring(2, 10) + root.substring(11), parent, sampled));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
