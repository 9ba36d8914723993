package dev.faas4j;

import dev.faas4j.event.CloudEvent;

/**
 * A function that handles any CloudEvent of the types its trigger names: for events with no portable kind
 * (Eventarc audit-log and Firestore events, Event Grid's CloudEvents schema, Knative and Dapr events).
 *
 * <p>Returning normally acknowledges the event; an exception marks it failed and the platform retries it (or, for
 * {@link dev.faas4j.event.InvalidEventException}, treats it as permanently bad).
 */
@FunctionalInterface
public interface CloudEventFunction {
  void handle(CloudEvent event, InvocationContext context) throws Exception;
}
