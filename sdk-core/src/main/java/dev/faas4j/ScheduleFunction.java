package dev.faas4j;

import dev.faas4j.event.ScheduleEvent;

/**
 * A function that handles a scheduled run.
 *
 * <p>Returning normally acknowledges the event. An exception marks it failed: the platform retries it (or, for
 * {@link dev.faas4j.event.InvalidEventException}, treats it as permanently bad) and, after its retry limit,
 * dead-letters it.
 */
@FunctionalInterface
public interface ScheduleFunction {
  void handle(ScheduleEvent event, InvocationContext context) throws Exception;
}
