package dev.faas4j.aws;

import dev.faas4j.spi.Outcome;

/**
 * Thrown to the Lambda runtime when a function failed on an event that has no partial-failure response (SNS, S3,
 * EventBridge), so that Lambda applies its retry policy and on-failure destination. The failure itself was logged
 * once, with its stack trace, before this is thrown; the message holds only the outcome and a payload-free reason.
 */
public final class FunctionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Outcome.Status status;

  FunctionFailedException(Outcome outcome) {
    super("Function failed (" + outcome.status() + "): " + outcome.message(), null, false, false);
    this.status = outcome.status();
  }

  /** Whether the input was bad ({@code CLIENT_ERROR}), the failure transient, or a server error. */
  public Outcome.Status status() {
    return status;
  }
}
