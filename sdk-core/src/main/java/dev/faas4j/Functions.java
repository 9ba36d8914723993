package dev.faas4j;

import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;

/**
 * The registry an application declares its functions in. Each registration returns a {@link Registration} for the
 * function's own settings (timeout, memory, maximum deliveries). Names must be unique, 1 to 63 letters, digits, {@code -}
 * or {@code _}, starting with a letter (the rule every cloud accepts). Mistakes fail here, at registration, with a
 * {@link dev.faas4j.trigger.InvalidTriggerException} that names the function.
 */
public interface Functions {

  Registration http(String name, HttpRoute route, HttpFunction function);

  Registration onObject(String name, ObjectTrigger trigger, ObjectFunction function);

  Registration onQueueMessage(String name, QueueTrigger trigger, QueueFunction function);

  Registration onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function);

  Registration onTopicMessage(String name, TopicTrigger trigger, TopicFunction function);

  Registration onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function);

  /** Any CloudEvent of the trigger's type, with every attribute and extension: for events with no portable kind. */
  Registration onCloudEvent(String name, CloudEventTrigger trigger, CloudEventFunction function);
}
