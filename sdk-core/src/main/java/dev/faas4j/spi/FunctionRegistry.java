package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.Platform;
import dev.faas4j.Registration;
import dev.faas4j.QueueBatchFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.CloudEventFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.InvalidTriggerException;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.ScheduleTrigger;
import dev.faas4j.trigger.TopicTrigger;
import dev.faas4j.trigger.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The functions an application registered, checked as they arrive: unique valid names, well-formed triggers, no
 * two HTTP functions on the same method and path.
 */
public final class FunctionRegistry implements Functions {

  /** Registrations while the app configures itself; their options may still change. */
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private Map<String, FunctionDefinition> functions = Map.of();
  private List<FunctionDefinition> definitions = List.of();
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
    registry.freeze();
    if (registry.functions.isEmpty()) {
      throw new InvalidTriggerException(app.getClass().getName() + " registered no function");
    }
    return registry;
  }

  /** Closed once configured: the dispatcher reads it from many threads and indexes it once. */
  private void freeze() {
    frozen = true;
    Map<String, FunctionDefinition> built = new LinkedHashMap<>();
    for (Pending p : pending.values()) {
      built.put(p.name, p.build());
    }
    functions = Collections.unmodifiableMap(built);
    definitions = List.copyOf(built.values());
  }

  /** Every function, in registration order. */
  public List<FunctionDefinition> definitions() {
    return definitions;
  }

  public Optional<FunctionDefinition> find(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  /** The functions of this kind, in registration order. */
  public List<FunctionDefinition> ofKind(FunctionDefinition.Kind kind) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : definitions) {
      if (d.kind() == kind) {
        list.add(d);
      }
    }
    return list;
  }

  /** The object functions an event on {@code bucket} fires, in registration order (fan-out). */
  public List<FunctionDefinition> objectSubscribers(String bucket, dev.faas4j.event.ObjectEventKind kind, String key) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : definitions) {
      if (d.trigger() instanceof ObjectTrigger t && t.bucket().equals(bucket) && t.matches(kind, key)) {
        list.add(d);
      }
    }
    return list;
  }

  /** The functions subscribed to {@code topic}, in registration order; each gets its own copy of a message. */
  public List<FunctionDefinition> topicSubscribers(String topic) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : definitions) {
      if (d.trigger() instanceof TopicTrigger t && t.topic().equals(topic)) {
        list.add(d);
      }
    }
    return list;
  }

  /** The functions consuming {@code queue} (normally one). */
  public List<FunctionDefinition> queueConsumers(String queue) {
    List<FunctionDefinition> list = new ArrayList<>();
    for (FunctionDefinition d : definitions) {
      if (d.trigger() instanceof QueueTrigger t && t.queue().equals(queue)) {
        list.add(d);
      }
    }
    return list;
  }

  @Override
  public Registration http(String name, HttpRoute route, HttpFunction function) {
    if (route != null) {
      for (Pending p : pending.values()) {
        if (p.trigger instanceof HttpRoute other && sameTemplate(other.path(), route.path())
            && methodsOverlap(other, route)) {
          throw new InvalidTriggerException("Function '" + name + "': route " + route.describe()
              + " is already served by function '" + p.name + "' (" + other.describe() + ")");
        }
      }
    }
    return add(name, route, function, FunctionDefinition.Kind.HTTP, false);
  }

  @Override
  public Registration onObject(String name, ObjectTrigger trigger, ObjectFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.STORAGE, false);
  }

  @Override
  public Registration onQueueMessage(String name, QueueTrigger trigger, QueueFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.QUEUE, false);
  }

  @Override
  public Registration onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.QUEUE, true);
  }

  @Override
  public Registration onTopicMessage(String name, TopicTrigger trigger, TopicFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.TOPIC, false);
  }

  @Override
  public Registration onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.SCHEDULE, false);
  }

  @Override
  public Registration onCloudEvent(String name, CloudEventTrigger trigger, CloudEventFunction function) {
    return add(name, trigger, function, FunctionDefinition.Kind.CLOUD_EVENT, false);
  }

  private Registration add(String name, @Nullable Trigger trigger, @Nullable Object function,
      FunctionDefinition.Kind kind, boolean batch) {
    if (frozen) {
      throw new IllegalStateException("Function '" + name + "': functions can only be registered while the "
          + "application configures itself");
    }
    if (!validName(name)) {
      throw new InvalidTriggerException("Function name '" + name + "' must be 1 to 63 letters, digits, '-' or '_', "
          + "starting with a letter");
    }
    if (trigger == null) {
      throw new InvalidTriggerException("Function '" + name + "' has no trigger");
    }
    if (function == null) {
      throw new InvalidTriggerException("Function '" + name + "' has no implementation (null)");
    }
    Pending existing = pending.get(name);
    if (existing != null) {
      throw new InvalidTriggerException("Function name '" + name + "' is registered twice (first for "
          + existing.trigger.describe() + ", again for " + trigger.describe() + ")");
    }
    Pending p = new Pending(name, trigger, kind, batch, function);
    pending.put(name, p);
    return p;
  }

  /** A registration whose options the app may still set, until the registry is frozen. */
  private final class Pending implements Registration {
    final String name;
    final Trigger trigger;
    final FunctionDefinition.Kind kind;
    /** A queue function that takes the whole batch. */
    final boolean batch;
    final Object function;
    FunctionOptions options = FunctionOptions.defaults();

    Pending(String name, Trigger trigger, FunctionDefinition.Kind kind, boolean batch, Object function) {
      this.name = name;
      this.trigger = trigger;
      this.kind = kind;
      this.batch = batch;
      this.function = function;
    }

    @Override
    public Registration timeout(Duration timeout) {
      checkOpen();
      options = options.withTimeout(name, timeout);
      return this;
    }

    @Override
    public Registration memoryMb(int megabytes) {
      checkOpen();
      options = options.withMemoryMb(name, megabytes);
      return this;
    }

    @Override
    public Registration maxDeliveries(int deliveries) {
      checkOpen();
      if (kind == FunctionDefinition.Kind.HTTP) {
        throw new InvalidTriggerException("Function '" + name + "': an HTTP function has no deliveries to limit");
      }
      options = options.withMaxDeliveries(name, deliveries);
      return this;
    }

    @Override
    public Registration http(String name, HttpRoute route, HttpFunction function) {
      return FunctionRegistry.this.http(name, route, function);
    }

    @Override
    public Registration onObject(String name, ObjectTrigger trigger, ObjectFunction function) {
      return FunctionRegistry.this.onObject(name, trigger, function);
    }

    @Override
    public Registration onQueueMessage(String name, QueueTrigger trigger, QueueFunction function) {
      return FunctionRegistry.this.onQueueMessage(name, trigger, function);
    }

    @Override
    public Registration onQueueBatch(String name, QueueTrigger trigger, QueueBatchFunction function) {
      return FunctionRegistry.this.onQueueBatch(name, trigger, function);
    }

    @Override
    public Registration onTopicMessage(String name, TopicTrigger trigger, TopicFunction function) {
      return FunctionRegistry.this.onTopicMessage(name, trigger, function);
    }

    @Override
    public Registration onSchedule(String name, ScheduleTrigger trigger, ScheduleFunction function) {
      return FunctionRegistry.this.onSchedule(name, trigger, function);
    }

    @Override
    public Registration onCloudEvent(String name, CloudEventTrigger trigger, CloudEventFunction function) {
      return FunctionRegistry.this.onCloudEvent(name, trigger, function);
    }

    private void checkOpen() {
      if (frozen) {
        throw new IllegalStateException("Function '" + name + "': options can only be set while the application "
            + "configures itself");
      }
    }

    /**
     * The definition of the kind registered. Plain code, not a lambda per registration method: on Java 17 each
     * lambda's call site is linked at run time on every cold start, start-up archive or not.
     */
    FunctionDefinition build() {
      if (kind == FunctionDefinition.Kind.HTTP) {
        return new FunctionDefinition.Http(name, (HttpRoute) trigger, (HttpFunction) function, options);
      }
      if (kind == FunctionDefinition.Kind.STORAGE) {
        return new FunctionDefinition.Storage(name, (ObjectTrigger) trigger, (ObjectFunction) function, options);
      }
      if (kind == FunctionDefinition.Kind.QUEUE) {
        return batch
            ? new FunctionDefinition.QueueBatch(name, (QueueTrigger) trigger, (QueueBatchFunction) function, options)
            : new FunctionDefinition.Queue(name, (QueueTrigger) trigger, (QueueFunction) function, options);
      }
      if (kind == FunctionDefinition.Kind.TOPIC) {
        return new FunctionDefinition.Topic(name, (TopicTrigger) trigger, (TopicFunction) function, options);
      }
      if (kind == FunctionDefinition.Kind.SCHEDULE) {
        return new FunctionDefinition.Schedule(name, (ScheduleTrigger) trigger, (ScheduleFunction) function,
            options);
      }
      return new FunctionDefinition.CloudEvents(name, (CloudEventTrigger) trigger, (CloudEventFunction) function,
          options);
    }
  }

  /**
   * 1 to 63 letters, digits, {@code -} or {@code _}, starting with a letter (ASCII). A loop, not a regular
   * expression: compiling one would be on every cold start.
   */
  static boolean validName(@Nullable String name) {
    if (name == null || name.isEmpty() || name.length() > 63 || !asciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
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
