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

  public Outcome {
    java.util.Objects.requireNonNull(status, "status");
    java.util.Objects.requireNonNull(message, "message");
    java.util.Objects.requireNonNull(error, "error");
  }

  /** What kind of result it is. */
  public enum Status {
    /** Handled; acknowledge the event. */
    SUCCESS,
    /**
     * Not for this deployment: the event matched no registered trigger (another bucket, prefix or kind than the
     * function's). Acknowledged, never run, retried or dead-lettered.
     */
    SKIPPED,
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

  /** An event that matched no trigger: acknowledged without running anything. */
  public static Outcome skipped(String reason) {
    return new Outcome(Status.SKIPPED, reason, Optional.empty());
  }

  /** Whether the platform should acknowledge the event: it was handled, or it was not for this deployment. */
  public boolean isSuccess() {
    return status == Status.SUCCESS || status == Status.SKIPPED;
  }

  /** A failure that no retry can fix: dead-letter it now rather than retrying. */
  public boolean isPermanent() {
    return status == Status.CLIENT_ERROR;
  }
}
