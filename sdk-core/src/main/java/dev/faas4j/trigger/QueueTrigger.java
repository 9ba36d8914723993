package dev.faas4j.trigger;

/**
 * Messages on a queue.
 *
 * @param batchSize the most messages handed over at once (1 to 10000; platforms cap it lower, SQS at 10 for FIFO)
 * @param ordered a FIFO queue or stream: a batch stops at its first failure so order is kept
 * @param maxDeliveries deliveries before a message is dead-lettered (local runtime, and the redrive policy that
 *     deployment descriptors declare)
 */
public record QueueTrigger(String queue, int batchSize, boolean ordered, int maxDeliveries) implements Trigger {

  public QueueTrigger {
    Names.check(queue, "Queue");
    if (batchSize < 1 || batchSize > 10_000) {
      throw new InvalidTriggerException("Queue " + queue + ": batch size must be 1 to 10000; got " + batchSize);
    }
    if (maxDeliveries < 1 || maxDeliveries > 1000) {
      throw new InvalidTriggerException("Queue " + queue + ": max deliveries must be 1 to 1000; got " + maxDeliveries);
    }
  }

  /** A standard queue: batches of 1, 5 deliveries before dead-lettering (the Azure and Pub/Sub default). */
  public static QueueTrigger of(String queue) {
    return new QueueTrigger(queue, 1, false, 5);
  }

  public QueueTrigger batchSize(int size) {
    return new QueueTrigger(queue, size, ordered, maxDeliveries);
  }

  /** A FIFO queue or stream: order is kept, so a batch stops at its first failure. */
  public QueueTrigger fifo() {
    return new QueueTrigger(queue, batchSize, true, maxDeliveries);
  }

  public QueueTrigger maxDeliveries(int deliveries) {
    return new QueueTrigger(queue, batchSize, ordered, deliveries);
  }

  @Override
  public String describe() {
    return "queue " + queue + (ordered ? " (ordered" : " (") + (ordered ? ", " : "") + "batch " + batchSize
        + ", max deliveries " + maxDeliveries + ")";
  }
}
