package dev.faas4j.local.testkit;

import dev.faas4j.CloudEventFunction;
import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.Registration;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.util.Map;

/**
 * Registers an app's functions as they are, except that an HTTP function's exception is noted (by invocation id)
 * on its way to the dispatcher, which turns it into a status and a log line: the tester reports it with the
 * response, or rethrows it. Event outcomes carry their exception already.
 */
final class RecordingFunctions implements Functions {
  private final Functions registry;
  private final Map<String, Throwable> thrown;

  private RecordingFunctions(Functions registry, Map<String, Throwable> thrown) {
    this.registry = registry;
    this.thrown = thrown;
  }

  static FunctionApp app(FunctionApp app, Map<String, Throwable> thrown) {
    return new FunctionApp() {
      @Override
      public void configure(Functions functions, dev.faas4j.Platform platform) {
        app.configure(new RecordingFunctions(functions, thrown), platform);
      }

      @Override
      public String toString() {
        return app.toString();
      }
    };
  }

  @Override
  public Registration http(String name, HttpRoute route, HttpFunction function) {
    return registry.http(name, route, (request, context) -> {
      try {
        return function.handle(request, context);
      } catch (Throwable t) {
        thrown.put(context.invocationId(), t);
        throw t;
      }
    });
  }

  @Override
  public Registration onObject(String name, ObjectTrigger trigger, ObjectFunction function) {
    return registry.onObject(name, trigger, function);
  }

  @Override
  public Registration onQueueMessage(String name, QueueTrigger trigger, QueueFunction function) {
    return registry.onQueueMessage(name, trigger, function);
  }

  @Override
  public Registration onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function) {
    return registry.onQueueBatch(name, trigger, function);
  }

  @Override
  public Registration onTopicMessage(String name, TopicTrigger trigger, TopicFunction function) {
    return registry.onTopicMessage(name, trigger, function);
  }

  @Override
  public Registration onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function) {
    return registry.onSchedule(name, trigger, function);
  }

  @Override
  public Registration onCloudEvent(String name, CloudEventTrigger trigger, CloudEventFunction function) {
    return registry.onCloudEvent(name, trigger, function);
  }
}
