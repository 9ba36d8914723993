package dev.faas4j;

import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;

/**
 * The registry an application declares its functions in. Names must be unique, 1 to 63 letters, digits, {@code -}
 * or {@code _}, starting with a letter (the rule every cloud accepts). Mistakes fail here, at registration, with a
 * {@link dev.faas4j.trigger.InvalidTriggerException} that names the function.
 */
public interface Functions {

  Functions http(String name, HttpRoute route, HttpFunction function);

  Functions onObject(String name, ObjectTrigger trigger, ObjectFunction function);

  Functions onQueueMessage(String name, QueueTrigger trigger, QueueFunction function);

  Functions onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function);

  Functions onTopicMessage(String name, TopicTrigger trigger, TopicFunction function);

  Functions onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function);
}
