package dev.faas4j.local.internal;

import dev.faas4j.Platform;
import dev.faas4j.local.store.DurableQueue;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.spi.TraceAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Platform} of the local runtime and the test harness: ports from the given factories, wired to a
 * {@link LocalEngine} so that a write to a bucket fires its object functions, a send wakes the queue's poller and a
 * publish fans out to the topic's subscribers.
 *
 * <p>The engine needs the function registry, which needs this platform to be configured; so the engine is bound
 * after the application is configured ({@link #bind}), and a port used to fire a trigger before then fails.
 */
public final class LocalPlatform implements Platform {

  /** Creates the store of one bucket and arranges for {@code listener} to hear of every write and delete. */
  @FunctionalInterface
  public interface BucketFactory {
    ObjectStorage create(String bucket, ChangeListener listener);
  }

  /** A write ({@code written} present) or a delete in a bucket. */
  @FunctionalInterface
  public interface ChangeListener {
    void changed(String bucket, String key, Optional<ObjectInfo> written);
  }

  private final String name;
  private final Clock clock;
  private final BucketFactory buckets;
  private final Function<String, DurableQueue> queues;
  private final Function<String, KeyValueStore> tables;
  private final Function<String, @Nullable String> config;
  private final Map<String, ObjectStorage> bucketCache = new ConcurrentHashMap<>();
  private final Map<String, DurableQueue> queueCache = new ConcurrentHashMap<>();
  private final Map<String, KeyValueStore> tableCache = new ConcurrentHashMap<>();
  private volatile @Nullable LocalEngine engine;

  /**
   * @param config looks a setting up (the environment, then the runtime's properties); null when unset
   */
  public LocalPlatform(String name, Clock clock, BucketFactory buckets, Function<String, DurableQueue> queues,
      Function<String, KeyValueStore> tables, Function<String, @Nullable String> config) {
    this.name = name;
    this.clock = clock;
    this.buckets = buckets;
    this.queues = queues;
    this.tables = tables;
    this.config = config;
  }

  /** Connects the engine; from now on writes, sends and publishes reach the functions. */
  public void bind(LocalEngine engine) {
    this.engine = engine;
  }

  private LocalEngine engine() {
    LocalEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("Triggers fire only once the application is configured; "
          + "do not write, send or publish from FunctionApp.configure");
    }
    return e;
  }

  /** The durable queue of this name, shared by senders and the engine. */
  public DurableQueue durableQueue(String queue) {
    return queueCache.computeIfAbsent(queue, queues);
  }

  /** Every bucket store created so far. */
  public List<ObjectStorage> openBuckets() {
    return List.copyOf(bucketCache.values());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ObjectStorage objectStorage(String bucket) {
    return bucketCache.computeIfAbsent(bucket,
        b -> new TracedObjectStorage(buckets.create(b,
            (bk, key, written) -> engine().objectChanged(bk, key, written))));
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    DurableQueue durable = durableQueue(queue);
    return new MessageQueue() {
      @Override
      public String queue() {
        return queue;
      }

      @Override
      public String send(OutgoingMessage message) {
        String id = durable.send(TraceAttributes.outgoing(message));
        engine().enqueued(queue);
        return id;
      }
    };
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    return new MessagePublisher() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public String publish(OutgoingMessage message) {
        return engine().publish(topic, TraceAttributes.outgoing(message));
      }
    };
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    return tableCache.computeIfAbsent(table, tables);
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.ofNullable(config.apply(key));
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
