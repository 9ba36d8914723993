package dev.faas4j.spi;

import java.util.List;
import java.util.Map;

/**
 * The result of a batch: one outcome per message, and the ids to report as failed (SQS {@code batchItemFailures},
 * stream checkpoints), in batch order.
 */
public record BatchOutcome(Map<String, Outcome> outcomes, List<String> failedMessageIds) {
  public BatchOutcome {
    outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    failedMessageIds = List.copyOf(failedMessageIds);
  }

  public boolean allSucceeded() {
    return failedMessageIds.isEmpty();
  }
}
