package dev.faas4j;

import dev.faas4j.event.ObjectEvent;

/**
 * A function that handles a change to a stored object (upload, delete, ...).
 *
 * <p>Returning normally acknowledges the event. An exception marks it failed: the platform retries it (or, for
 * {@link dev.faas4j.event.InvalidEventException}, treats it as permanently bad) and, after its retry limit,
 * dead-letters it.
 */
@FunctionalInterface
public interface ObjectFunction {
  void handle(ObjectEvent event, InvocationContext context) throws Exception;
}
