package dev.faas4j.bench.baseline;

import org.jspecify.annotations.Nullable;

/** The request body of the greeting, as the hand-written handlers bind it. */
record Greeting(@Nullable String name) {
  /** The response body. */
  record Reply(String message) {}

  Reply reply() {
    return new Reply("Hello, " + name);
  }
}
