package dev.faas4j;

import dev.faas4j.event.QueueMessage;

/**
 * A function that handles one queue message at a time; the batch loop and partial-failure reporting are done for it.
 *
 * <p>Returning normally acknowledges the event. An exception marks it failed: the platform retries it (or, for
 * {@link dev.faas4j.event.InvalidEventException}, treats it as permanently bad) and, after its retry limit,
 * dead-letters it.
 */
@FunctionalInterface
public interface QueueFunction {
  void handle(QueueMessage message, InvocationContext context) throws Exception;
}
