package dev.faas4j.idempotency;

import dev.faas4j.event.InvalidEventException;

/**
 * An event arrived under an idempotency key that was first used for a different payload. Redelivering it cannot
 * help, so it is a permanent failure (the event goes to the dead-letter queue); HTTP callers get a 422 instead.
 */
public class IdempotencyKeyReuseException extends InvalidEventException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReuseException(String message) {
    super(message);
  }
}
