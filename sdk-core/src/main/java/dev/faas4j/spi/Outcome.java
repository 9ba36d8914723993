package dev.faas4j.spi;

import java.util.Optional;

/**
 * The neutral result of an event invocation, for an adapter to translate into its platform's signal (an
 * exception for Lambda's retry, a status code for Pub/Sub push, a batch item failure, ...).
 *
 * @param message a short, payload-free description for logs and error bodies
 */
public record Outcome(Status status, String message, Optional<Throwable> error) {
  private static final Outcome SUCCESS = new Outcome(Status.SUCCESS, "ok", Optional.empty());

  /** What kind of result it is. */
  public enum Status {
    /** Handled; acknowledge the event. */
    SUCCESS,
    /** The input is bad (malformed, wrong shape, rejected by the function): retrying cannot help. */
    CLIENT_ERROR,
    /** A transient failure: redeliver later. */
    RETRYABLE_ERROR,
    /** The function failed; the platform's retry policy decides. */
    SERVER_ERROR
  }

  public static Outcome success() {
    return SUCCESS;
  }

  public static Outcome failure(Status status, String message, Throwable error) {
    return new Outcome(status, message, Optional.of(error));
  }

  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }

  /** A failure that no retry can fix: dead-letter it now rather than retrying. */
  public boolean isPermanent() {
    return status == Status.CLIENT_ERROR;
  }
}
