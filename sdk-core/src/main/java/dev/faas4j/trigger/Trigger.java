package dev.faas4j.trigger;

/** What makes a function run. Adapters and deployment-descriptor generators switch over the permitted types. */
public sealed interface Trigger permits HttpRoute, ObjectTrigger, QueueTrigger, TopicTrigger, ScheduleTrigger,
    CloudEventTrigger {

  /** A short human-readable description, e.g. {@code POST /users} or {@code queue orders (batch 10)}. */
  String describe();
}
