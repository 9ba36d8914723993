package dev.faas4j;

import java.util.Collection;
import java.util.Set;

/**
 * Which messages of a batch failed, by {@link dev.faas4j.event.QueueMessage#id()}. The others are acknowledged.
 *
 * @param failedMessageIds ids of the messages to redeliver
 */
public record BatchResult(Set<String> failedMessageIds) {
  private static final BatchResult SUCCESS = new BatchResult(Set.of());

  public BatchResult {
    failedMessageIds = Set.copyOf(failedMessageIds);
  }

  /** Every message succeeded. */
  public static BatchResult success() {
    return SUCCESS;
  }

  /** These messages failed; the rest succeeded. */
  public static BatchResult failed(Collection<String> messageIds) {
    return new BatchResult(Set.copyOf(messageIds));
  }

  public boolean allSucceeded() {
    return failedMessageIds.isEmpty();
  }
}
