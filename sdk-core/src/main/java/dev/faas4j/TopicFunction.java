package dev.faas4j;

import dev.faas4j.event.TopicMessage;

/**
 * A function that handles a message published to a topic.
 *
 * <p>Returning normally acknowledges the event. An exception marks it failed: the platform retries it (or, for
 * {@link dev.faas4j.event.InvalidEventException}, treats it as permanently bad) and, after its retry limit,
 * dead-letters it.
 */
@FunctionalInterface
public interface TopicFunction {
  void handle(TopicMessage message, InvocationContext context) throws Exception;
}
