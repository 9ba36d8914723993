package dev.faas4j.local.testkit;

import java.util.List;
import java.util.Optional;

/**
 * Why an invocation failed, as a test wants to read it: the status the platform would see, the function's exception
 * (type and message) and what the runtime logged about it. Its {@link #toString()} is the one-line explanation the
 * kit's assertion helpers print, so {@code expected 200 but was 500} comes with its reason.
 *
 * @param status the HTTP status ({@code "500"}) or the outcome ({@code "SERVER_ERROR"})
 * @param exception what the function threw; empty when nothing was thrown (a route not found, a batch function
 *     that reported a message failed, an event no trigger matched)
 * @param reason the outcome's message or the error body's
 * @param logged the WARN and ERROR lines of the invocation, as {@code LEVEL message: type: message}
 */
public record Failure(String status, Optional<Throwable> exception, String reason, List<String> logged) {
  public Failure {
    logged = List.copyOf(logged);
  }

  /** The exception's simple class name, or empty. */
  public Optional<String> exceptionType() {
    return exception.map(e -> e.getClass().getSimpleName());
  }

  /** The exception's message, or empty. */
  public Optional<String> exceptionMessage() {
    return exception.map(Throwable::getMessage);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(status);
    exception.ifPresentOrElse(
        e -> sb.append(": ").append(e.getClass().getName()).append(": ").append(e.getMessage()),
        () -> sb.append(": ").append(reason));
    if (!logged.isEmpty()) {
      sb.append(" (logged: ").append(String.join("; ", logged)).append(')');
    }
    return sb.toString();
  }
}
