package dev.faas4j.spi.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders an exception chain as nested maps with bounded frames and depth. */
final class ErrorFields {
  private static final int MAX_FRAMES = 30;
  private static final int MAX_CAUSES = 5;

  private ErrorFields() {}

  static Map<String, Object> of(Throwable error, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", error.getClass().getName());
    if (error.getMessage() != null) {
      map.put("message", error.getMessage());
    }
    List<String> frames = new ArrayList<>();
    StackTraceElement[] stack = error.getStackTrace();
    int shown = Math.min(stack.length, MAX_FRAMES);
    for (int i = 0; i < shown; i++) {
      frames.add(stack[i].toString());
    }
    if (stack.length > shown) {
      frames.add("... " + (stack.length - shown) + " more");
    }
    map.put("stack", frames);
    Throwable cause = error.getCause();
    if (cause != null && cause != error && depth < MAX_CAUSES) {
      map.put("cause", of(cause, depth + 1));
    }
    return map;
  }
}
