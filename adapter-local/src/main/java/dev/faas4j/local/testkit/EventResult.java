package dev.faas4j.local.testkit;

import dev.faas4j.spi.Outcome;
import java.util.Optional;

/** What one event's delivery came to, with the reason when it failed. */
public record EventResult(Outcome outcome, Optional<Failure> failure) {

  public Outcome.Status status() {
    return outcome.status();
  }

  public boolean succeeded() {
    return outcome.isSuccess();
  }

  /** Passes if the event was handled (or skipped, as the platform would acknowledge it); else fails with why. */
  public EventResult assertSucceeded() {
    if (!outcome.isSuccess()) {
      throw new AssertionError("expected the delivery to succeed but it failed: " + this);
    }
    return this;
  }

  public EventResult assertStatus(Outcome.Status expected) {
    if (outcome.status() != expected) {
      throw new AssertionError("expected " + expected + " but was " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    return failure.map(Failure::toString).orElse(outcome.status() + ": " + outcome.message());
  }
}
