package dev.faas4j.idempotency;

import dev.faas4j.RetryableException;
import java.time.Instant;

/**
 * Another invocation is processing the same event right now. It is retryable, so the platform redelivers the event
 * later and the duplicate then finds the result; HTTP callers get a 409 with {@code Retry-After} instead.
 */
public class IdempotencyInProgressException extends RetryableException {
  private static final long serialVersionUID = 1L;

  private final Instant leaseUntil;

  public IdempotencyInProgressException(String message, Instant leaseUntil) {
    super(message);
    this.leaseUntil = leaseUntil;
  }

  /** When the other invocation's claim lapses if it has not finished; a redelivery after it can take over. */
  public Instant leaseUntil() {
    return leaseUntil;
  }
}
