package dev.faas4j.local.testkit;

import dev.faas4j.spi.Outcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch delivery came to, as a test reads it: each message's outcome by id, the ids the platform would be
 * told failed (SQS {@code batchItemFailures}), in batch order, and why each of those failed.
 */
public record BatchOutcome(Map<String, Outcome> outcomes, List<String> failedMessageIds,
    Map<String, Failure> failures) {
  public BatchOutcome {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    failedMessageIds = List.copyOf(failedMessageIds);
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  public BatchOutcome(Map<String, Outcome> outcomes, List<String> failedMessageIds) {
    this(outcomes, failedMessageIds, Map.of());
  }

  public boolean allSucceeded() {
    return failedMessageIds.isEmpty();
  }

  /** Passes if no message failed; otherwise fails listing each failed message with its reason. */
  public BatchOutcome assertAllSucceeded() {
    if (!allSucceeded()) {
      throw new AssertionError("expected every message to succeed but " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    if (allSucceeded()) {
      return outcomes.size() + " messages, all succeeded";
    }
    StringBuilder sb = new StringBuilder().append(failedMessageIds.size()).append(" of ").append(outcomes.size())
        .append(" messages failed:");
    for (String id : failedMessageIds) {
      Failure f = failures.get(id);
      sb.append(System.lineSeparator()).append("  ").append(id).append(": ")
          .append(f != null ? f : outcomes.get(id).status() + ": " + outcomes.get(id).message());
    }
    return sb.toString();
  }
}
