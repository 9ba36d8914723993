package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.Platform;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.InvalidTriggerException;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import dev.faas4j.trigger.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The functions an application registered, checked as they arrive: unique valid names, well-formed triggers, no
 * two HTTP functions on the same method and path.
 */
public final class FunctionRegistry implements Functions {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

  private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
  private boolean frozen;

  private FunctionRegistry() {}

  /**
   * Configures {@code app} on {@code platform} and returns what it registered.
   *
   * @throws InvalidTriggerException naming the function at fault
   */
  public static FunctionRegistry of(FunctionApp app, Platform platform) {
    FunctionRegistry registry = new FunctionRegistry();
    app.configure(registry, platform);
    // Closed once configured: the dispatcher reads it from many threads and indexes its routes once.
    registry.frozen = true;
    if (registry.functions.isEmpty()) {
      throw new InvalidTriggerException(app.getClass().getName() + " registered no function");
    }
    return registry;
  }

  /** Every function, in registration order. */
  public List<FunctionDefinition> definitions() {
    return Collections.unmodifiableList(new ArrayList<>(functions.values()));
  }

  public Optional<FunctionDefinition> find(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  /** The functions with a trigger of this type, in registration order. */
  public List<FunctionDefinition> withTrigger(Class<? extends Trigger> type) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : functions.values()) {
      if (type.isInstance(d.trigger())) {
        list.add(d);
      }
    }
    return list;
  }

  /** The object functions an event on {@code bucket} fires, in registration order (fan-out). */
  public List<FunctionDefinition> objectSubscribers(String bucket, dev.faas4j.event.ObjectEventKind kind, String key) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : functions.values()) {
      if (d.trigger() instanceof ObjectTrigger t && t.bucket().equals(bucket) && t.matches(kind, key)) {
        list.add(d);
      }
    }
    return list;
  }

  /** The functions subscribed to {@code topic}, in registration order; each gets its own copy of a message. */
  public List<FunctionDefinition> topicSubscribers(String topic) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : functions.values()) {
      if (d.trigger() instanceof TopicTrigger t && t.topic().equals(topic)) {
        list.add(d);
      }
    }
    return list;
  }

  /** The functions consuming {@code queue} (normally one). */
  public List<FunctionDefinition> queueConsumers(String queue) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : functions.values()) {
      if (d.trigger() instanceof QueueTrigger t && t.queue().equals(queue)) {
        list.add(d);
      }
    }
    return list;
  }

  @Override
  public Functions http(String name, HttpRoute route, HttpFunction function) {
    if (route == null) {
      return add(name, route, function);
    }
    for (FunctionDefinition d : withTrigger(HttpRoute.class)) {
      HttpRoute other = (HttpRoute) d.trigger();
      if (sameTemplate(other.path(), route.path()) && methodsOverlap(other, route)) {
        throw new InvalidTriggerException("Function '" + name + "': route " + route.describe()
            + " is already served by function '" + d.name() + "' (" + other.describe() + ")");
      }
    }
    return add(name, route, function);
  }

  @Override
  public Functions onObject(String name, ObjectTrigger trigger, ObjectFunction function) {
    return add(name, trigger, function);
  }

  @Override
  public Functions onQueueMessage(String name, QueueTrigger trigger, QueueFunction function) {
    return add(name, trigger, function);
  }

  @Override
  public Functions onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function) {
    return add(name, trigger, function);
  }

  @Override
  public Functions onTopicMessage(String name, TopicTrigger trigger, TopicFunction function) {
    return add(name, trigger, function);
  }

  @Override
  public Functions onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function) {
    return add(name, trigger, function);
  }

  private Functions add(String name, @Nullable Trigger trigger, @Nullable Object function) {
    if (frozen) {
      throw new IllegalStateException("Function '" + name + "': functions can only be registered while the "
          + "application configures itself");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidTriggerException("Function name '" + name + "' must be 1 to 63 letters, digits, '-' or '_', "
          + "starting with a letter");
    }
    if (trigger == null) {
      throw new InvalidTriggerException("Function '" + name + "' has no trigger");
    }
    if (function == null) {
      throw new InvalidTriggerException("Function '" + name + "' has no implementation (null)");
    }
    FunctionDefinition existing = functions.get(name);
    if (existing != null) {
      throw new InvalidTriggerException("Function name '" + name + "' is registered twice (first for "
          + existing.trigger().describe() + ", again for " + trigger.describe() + ")");
    }
    functions.put(name, new FunctionDefinition(name, trigger, function));
    return this;
  }

  private static boolean methodsOverlap(HttpRoute a, HttpRoute b) {
    if (a.methods().isEmpty() || b.methods().isEmpty()) {
      return true;
    }
    for (String m : a.methods()) {
      if (b.methods().contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** {@code /users/{id}} and {@code /users/{userId}} are the same template. */
  private static boolean sameTemplate(String a, String b) {
    return a.replaceAll("\\{[^}/]*?(\\+?)}", "{$1}").replaceAll("/$", "")
        .equals(b.replaceAll("\\{[^}/]*?(\\+?)}", "{$1}").replaceAll("/$", ""));
  }
}
