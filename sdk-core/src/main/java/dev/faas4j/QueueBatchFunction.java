package dev.faas4j;

import dev.faas4j.event.QueueMessage;
import java.util.List;

/**
 * The batch-aware form of {@link QueueFunction}: sees a whole batch (SQS, Kinesis, DynamoDB Streams, local) at once,
 * for functions that write in bulk, and reports which messages failed.
 *
 * <p>Throwing fails the whole batch. On ordered sources (FIFO queues, streams) every message after the first
 * failure is reported failed too, so that order is kept.
 */
@FunctionalInterface
public interface QueueBatchFunction {
  BatchResult handle(List<QueueMessage> messages, InvocationContext context) throws Exception;
}
