package dev.faas4j;

import java.time.Duration;

/**
 * Per-function settings, declared where the function is registered and carried into every deployment descriptor
 * that faas4j generates (and honoured by the local runtime where it can):
 *
 * <pre>{@code
 * functions.onQueueMessage("processOrders", queue("orders").batchSize(10), new ProcessOrders(...))
 *     .timeout(Duration.ofMinutes(2)).memoryMb(1024).maxDeliveries(5);
 * }</pre>
 *
 * <p>A registration is also the registry itself, so registrations chain:
 * {@code functions.http(...).timeout(...).http(...)}; each setting applies to the function registered last.
 *
 * <p>Unset values take the platform's default (or the descriptor generator's). Out-of-range values fail at
 * registration with an {@link dev.faas4j.trigger.InvalidTriggerException} naming the function.
 */
public interface Registration extends Functions {

  /** How long one invocation may run, 1 second to 60 minutes (each cloud caps it lower: Lambda at 15 minutes). */
  Registration timeout(Duration timeout);

  /** Memory of the function's instances, 128 to 32768 MB. */
  Registration memoryMb(int megabytes);

  /**
   * Deliveries of an event before it is dead-lettered, 1 to 1000 (default 5): the SQS redrive
   * {@code maxReceiveCount}, Pub/Sub's maximum delivery attempts, the local runtime's limit. Event functions only.
   */
  Registration maxDeliveries(int deliveries);
}
