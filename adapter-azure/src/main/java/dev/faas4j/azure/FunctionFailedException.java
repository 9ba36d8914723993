package dev.faas4j.azure;

import dev.faas4j.spi.Outcome;

/**
 * Thrown from an entry method to tell the Functions host that the invocation failed, so it retries or dead-letters
 * the message. Carries the outcome's payload-free message only: the failure was logged once, with its stack, where
 * it happened.
 */
final class FunctionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FunctionFailedException(String function, Outcome outcome) {
    super("faas4j function '" + function + "' failed (" + outcome.status() + "): " + outcome.message(), null, false,
        false);
  }
}
