package dev.faas4j;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a function when a later attempt may succeed (a dependency is down, a lease is held elsewhere). Queue
 * and topic messages are redelivered; HTTP callers get a 503.
 */
public class RetryableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RetryableException(String message) {
    super(message);
  }

  public RetryableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
