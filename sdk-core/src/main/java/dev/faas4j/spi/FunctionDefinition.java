package dev.faas4j.spi;

import dev.faas4j.trigger.Trigger;
import java.util.Objects;

/**
 * One registered function: its name, trigger and handler.
 *
 * @param handler an {@link dev.faas4j.HttpFunction}, {@link dev.faas4j.ObjectFunction},
 *     {@link dev.faas4j.QueueFunction}, {@link dev.faas4j.QueueBatchFunction}, {@link dev.faas4j.TopicFunction} or
 *     {@link dev.faas4j.ScheduleFunction}, matching the trigger
 */
public record FunctionDefinition(String name, Trigger trigger, Object handler) {
  public FunctionDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(handler, "handler");
  }

  /** A line for start-up banners: {@code createUser  POST /users}. */
  public String describe() {
    return name + "  " + trigger.describe();
  }
}
