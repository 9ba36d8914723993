package dev.faas4j.trigger;

/**
 * Messages on a queue. How often a message is delivered before it is dead-lettered is a function setting
 * ({@link dev.faas4j.Registration#maxDeliveries(int)}), since every event function has one.
 *
 * @param batchSize the most messages handed over at once (1 to 10000; platforms cap it lower, SQS at 10 for FIFO)
 * @param ordered a FIFO queue or stream: a batch stops at its first failure so order is kept
 */
public record QueueTrigger(String queue, int batchSize, boolean ordered) implements Trigger {

  public QueueTrigger {
    Names.check(queue, "Queue");
    if (batchSize < 1 || batchSize > 10_000) {
      throw new InvalidTriggerException("Queue " + queue + ": batch size must be 1 to 10000; got " + batchSize);
    }
  }

  /** A standard queue, batches of 1. */
  public static QueueTrigger of(String queue) {
    return new QueueTrigger(queue, 1, false);
  }

  public QueueTrigger batchSize(int size) {
    return new QueueTrigger(queue, size, ordered);
  }

  /** A FIFO queue or stream: order is kept, so a batch stops at its first failure. */
  public QueueTrigger fifo() {
    return new QueueTrigger(queue, batchSize, true);
  }

  @Override
  public String describe() {
    return "queue " + queue + (ordered ? " (ordered, " : " (") + "batch " + batchSize + ")";
  }
}
