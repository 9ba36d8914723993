package dev.faas4j.port;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A message queue call failed; {@link #reason()} says why and whether a retry can help. */
public class MessageQueueException extends PortException {
  private static final long serialVersionUID = 1L;

  private final List<Integer> failedIndexes;

  public MessageQueueException(Reason reason, String message) {
    this(reason, message, null);
  }

  public MessageQueueException(Reason reason, String message, @Nullable Throwable cause) {
    this(reason, message, cause, List.of());
  }

  private MessageQueueException(Reason reason, String message, @Nullable Throwable cause, List<Integer> failed) {
    super(reason, message, cause);
    this.failedIndexes = List.copyOf(failed);
  }

  /** A batch send in which only the messages at {@code failedIndexes} were refused. */
  public static MessageQueueException partial(Reason reason, List<Integer> failedIndexes, int batchSize,
      @Nullable Throwable cause) {
    return new MessageQueueException(reason, failedIndexes.size() + " of " + batchSize
        + " messages were not sent (indexes " + failedIndexes + "); the others were", cause, failedIndexes);
  }

  /** For a batch send: the positions of the messages that were not sent; empty otherwise. */
  public List<Integer> failedIndexes() {
    return failedIndexes;
  }
}
