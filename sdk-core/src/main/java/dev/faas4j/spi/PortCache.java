package dev.faas4j.spi;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.ResourceNames.Kind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every cloud platform does when an app asks for a port, written once: resolve the logical name to the
 * deployment's physical one ({@link ResourceNames}), wrap the port so its client is built on first use
 * ({@link LazyPorts}: asking for a port in {@code configure} costs nothing at cold start and a missing setting fails
 * only the function that uses it), and hand out the same instance for the same name.
 *
 * <p>Each factory receives {@code (logical, physical)} names and is called at most once per name, on first use.
 */
public final class PortCache {
  private final Function<String, String> config;
  private final Map<String, ObjectStorage> buckets = new ConcurrentHashMap<>();
  private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, MessagePublisher> topics = new ConcurrentHashMap<>();
  private final Map<String, KeyValueStore> tables = new ConcurrentHashMap<>();

  public PortCache(Function<String, String> config) {
    this.config = config;
  }

  public ObjectStorage objectStorage(String bucket, BiFunction<String, String, ObjectStorage> factory) {
    return buckets.computeIfAbsent(bucket, b -> LazyPorts.objectStorage(b,
        () -> factory.apply(b, ResourceNames.resolve(Kind.BUCKET, b, config))));
  }

  public MessageQueue messageQueue(String queue, BiFunction<String, String, MessageQueue> factory) {
    return queues.computeIfAbsent(queue, q -> LazyPorts.messageQueue(q,
        () -> factory.apply(q, ResourceNames.resolve(Kind.QUEUE, q, config))));
  }

  public MessagePublisher messagePublisher(String topic, BiFunction<String, String, MessagePublisher> factory) {
    return topics.computeIfAbsent(topic, t -> LazyPorts.messagePublisher(t,
        () -> factory.apply(t, ResourceNames.resolve(Kind.TOPIC, t, config))));
  }

  public KeyValueStore keyValueStore(String table, BiFunction<String, String, KeyValueStore> factory) {
    return tables.computeIfAbsent(table, t -> LazyPorts.keyValueStore(t,
        () -> factory.apply(t, ResourceNames.resolve(Kind.TABLE, t, config))));
  }
}
