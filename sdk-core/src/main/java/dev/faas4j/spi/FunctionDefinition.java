package dev.faas4j.spi;

import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.CloudEventFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import dev.faas4j.trigger.Trigger;
import java.util.Objects;

/**
 * One registered function: its name, trigger, handler and options. The permitted records say the kind, so adapters
 * and descriptor generators switch over {@link #kind()} or the record type instead of testing handlers with
 * {@code instanceof}.
 */
public sealed interface FunctionDefinition {

  /** What triggers a function, as the platforms group them. */
  enum Kind {
    HTTP, STORAGE, QUEUE, TOPIC, SCHEDULE, CLOUD_EVENT
  }

  String name();

  Trigger trigger();

  FunctionOptions options();

  Kind kind();

  /** A line for start-up banners: {@code createUser  POST /users}. */
  default String describe() {
    return name() + "  " + trigger().describe();
  }

  /** An HTTP function on a route. */
  record Http(String name, HttpRoute trigger, HttpFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public Http {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.HTTP;
    }
  }

  /** A function on changes to objects in a bucket. */
  record Storage(String name, ObjectTrigger trigger, ObjectFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public Storage {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.STORAGE;
    }
  }

  /** A function on queue messages, one at a time (a batch is handed over message by message). */
  record Queue(String name, QueueTrigger trigger, QueueFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public Queue {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.QUEUE;
    }
  }

  /** A function that takes a queue's messages a batch at a time and reports which failed. */
  record QueueBatch(String name, QueueTrigger trigger, QueueBatchFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public QueueBatch {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.QUEUE;
    }
  }

  /** A subscriber to a topic. */
  record Topic(String name, TopicTrigger trigger, TopicFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public Topic {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.TOPIC;
    }
  }

  /** A function on a cron schedule. */
  record Schedule(String name, ScheduleTrigger trigger, ScheduleFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public Schedule {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.SCHEDULE;
    }
  }

  /** A function on CloudEvents of one type, for events with no portable kind. */
  record CloudEvents(String name, CloudEventTrigger trigger, CloudEventFunction handler, FunctionOptions options)
      implements FunctionDefinition {
    public CloudEvents {
      check(name, trigger, handler, options);
    }

    @Override
    public Kind kind() {
      return Kind.CLOUD_EVENT;
    }
  }

  private static void check(String name, Trigger trigger, Object handler, FunctionOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
  }
}
