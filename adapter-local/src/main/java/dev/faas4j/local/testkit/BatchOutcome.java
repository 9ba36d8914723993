package dev.faas4j.local.testkit;

import dev.faas4j.spi.Outcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch delivery came to, as a test reads it: each message's outcome by id, and the ids the platform would be
 * told failed (SQS {@code batchItemFailures}), in batch order.
 */
public record BatchOutcome(Map<String, Outcome> outcomes, List<String> failedMessageIds) {
  public BatchOutcome {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    failedMessageIds = List.copyOf(failedMessageIds);
  }

  public boolean allSucceeded() {
    return failedMessageIds.isEmpty();
  }
}
