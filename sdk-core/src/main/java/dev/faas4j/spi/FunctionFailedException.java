package dev.faas4j.spi;

/**
 * Thrown to a platform that learns of a failure only from an exception (Lambda for SNS, S3 and EventBridge events;
 * the Azure host for queue, blob and timer triggers), so that it applies its retry policy and dead-lettering. The
 * failure was logged once, with its stack trace, before this is thrown; the message holds only the outcome and a
 * payload-free reason, and there is no cause, so the platform does not log the same stack again.
 */
public final class FunctionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Outcome.Status status;

  public FunctionFailedException(String function, Outcome outcome) {
    super("Function '" + function + "' failed (" + outcome.status() + "): " + outcome.message(), null, false, false);
    this.status = outcome.status();
  }

  /** Whether the input was bad ({@code CLIENT_ERROR}), the failure transient, or a server error. */
  public Outcome.Status status() {
    return status;
  }
}
