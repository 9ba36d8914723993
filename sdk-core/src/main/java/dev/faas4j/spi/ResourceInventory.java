package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an application needs from a cloud, read from its own registrations: its functions and triggers, every
 * bucket, queue, topic and table it names, and the configuration keys it reads. Deployment-descriptor generators
 * start here, so that a descriptor is derived from the code and never written a second time by hand.
 *
 * <p>The registry does not say which ports an application uses, so {@link #of(FunctionApp)} configures the
 * application against a platform that records every name asked for, then adds the resources its triggers name.
 * Applications configure themselves without doing I/O, so this is safe to run at build time: the ports handed out
 * refuse every use ({@link IllegalStateException}).
 */
public final class ResourceInventory {
  /** The prefix of faas4j's own settings, which are never application configuration. */
  private static final String FRAMEWORK_SETTINGS = "FAAS4J_";

  /** A resource the application names: a kind and a logical name. */
  public record Resource(Kind kind, String name) {
    public Resource {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    /** The setting that maps it to a physical resource, e.g. {@code FAAS4J_BUCKET_RAW_IMAGES}. */
    public String setting() {
      return ResourceNames.settingName(kind, name);
    }
  }

  private static final Comparator<Resource> ORDER =
      Comparator.comparing(Resource::kind).thenComparing(Resource::name);

  private final String appClass;
  private final FunctionRegistry registry;
  private final List<Resource> resources;
  private final Set<String> configKeys;

  private ResourceInventory(String appClass, FunctionRegistry registry, List<Resource> resources,
      Set<String> configKeys) {
    this.appClass = appClass;
    this.registry = registry;
    this.resources = resources;
    this.configKeys = configKeys;
  }

  /**
   * Configures {@code app} on a recording platform and returns what it registered and named.
   *
   * @throws dev.faas4j.trigger.InvalidTriggerException if the app registers an invalid function
   */
  public static ResourceInventory of(FunctionApp app) {
    Recording platform = new Recording();
    FunctionRegistry registry = FunctionRegistry.of(app, platform);
    Set<Resource> found = new TreeSet<>(ORDER);
    found.addAll(platform.resources);
    for (FunctionDefinition d : registry.definitions()) {
      if (d.trigger() instanceof ObjectTrigger t) {
        found.add(new Resource(Kind.BUCKET, t.bucket()));
      } else if (d.trigger() instanceof QueueTrigger t) {
        found.add(new Resource(Kind.QUEUE, t.queue()));
      } else if (d.trigger() instanceof TopicTrigger t) {
        found.add(new Resource(Kind.TOPIC, t.topic()));
      }
    }
    Set<String> keys = new TreeSet<>();
    for (String key : platform.configKeys) {
      if (!key.startsWith(FRAMEWORK_SETTINGS)) {
        keys.add(key);
      }
    }
    return new ResourceInventory(app.getClass().getName(), registry, List.copyOf(found),
        Collections.unmodifiableSet(keys));
  }

  /** The application's class, as {@code FAAS4J_APP} would name it. */
  public String appClass() {
    return appClass;
  }

  public FunctionRegistry registry() {
    return registry;
  }

  /** Every function, in registration order. */
  public List<FunctionDefinition> functions() {
    return registry.definitions();
  }

  /** Every resource, ordered by kind (buckets, queues, topics, tables) then name. */
  public List<Resource> resources() {
    return resources;
  }

  /** The logical names of one kind, sorted. */
  public List<String> names(Kind kind) {
    List<String> names = new ArrayList<>();
    for (Resource r : resources) {
      if (r.kind() == kind) {
        names.add(r.name());
      }
    }
    return names;
  }

  /** The function that consumes {@code queue}, if one does: its trigger and its options (maximum deliveries). */
  public Optional<FunctionDefinition> queueConsumer(String queue) {
    return registry.queueConsumers(queue).stream().findFirst();
  }

  /**
   * The configuration keys the application reads through {@link Platform#config(String)} while configuring
   * (such as a webhook secret), sorted, without faas4j's own {@code FAAS4J_*} settings: what a deployment must
   * supply.
   */
  public Set<String> configKeys() {
    return configKeys;
  }

  /** A platform that notes every resource and setting asked for; its ports are never used. */
  private static final class Recording implements Platform {
    private final Set<Resource> resources = ConcurrentHashMap.newKeySet();
    private final Set<String> configKeys = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
      return "inventory";
    }

    @Override
    public ObjectStorage objectStorage(String bucket) {
      resources.add(new Resource(Kind.BUCKET, bucket));
      return RefusedPorts.of(ObjectStorage.class, bucket, Recording::used);
    }

    @Override
    public MessageQueue messageQueue(String queue) {
      resources.add(new Resource(Kind.QUEUE, queue));
      return RefusedPorts.of(MessageQueue.class, queue, Recording::used);
    }

    @Override
    public MessagePublisher messagePublisher(String topic) {
      resources.add(new Resource(Kind.TOPIC, topic));
      return RefusedPorts.of(MessagePublisher.class, topic, Recording::used);
    }

    @Override
    public KeyValueStore keyValueStore(String table) {
      resources.add(new Resource(Kind.TABLE, table));
      return RefusedPorts.of(KeyValueStore.class, table, Recording::used);
    }

    @Override
    public Optional<String> config(String key) {
      configKeys.add(key);
      return Optional.empty();
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    static IllegalStateException used(String name) {
      return new IllegalStateException("The resource inventory configures an app without running it: " + name
          + " cannot be used while the app configures itself");
    }
  }
}
