package dev.faas4j.port.memory;

import dev.faas4j.Platform;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Platform} whose ports all live in memory: one store per name, created on first use and shared after.
 * Tests read back what a function wrote through the same accessors.
 */
public final class InMemoryPlatform implements Platform {
  private final Clock clock;
  private final Map<String, String> config;
  private final Map<String, InMemoryObjectStorage> buckets = new ConcurrentHashMap<>();
  private final Map<String, InMemoryMessageQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, InMemoryMessagePublisher> topics = new ConcurrentHashMap<>();
  private final Map<String, InMemoryKeyValueStore> tables = new ConcurrentHashMap<>();

  public InMemoryPlatform(Clock clock, Map<String, String> config) {
    this.clock = clock;
    this.config = Map.copyOf(config);
  }

  public InMemoryPlatform() {
    this(Clock.systemUTC(), Map.of());
  }

  @Override
  public String name() {
    return "test";
  }

  @Override
  public InMemoryObjectStorage objectStorage(String bucket) {
    return buckets.computeIfAbsent(bucket, b -> new InMemoryObjectStorage(b, clock));
  }

  @Override
  public InMemoryMessageQueue messageQueue(String queue) {
    return queues.computeIfAbsent(queue, InMemoryMessageQueue::new);
  }

  @Override
  public InMemoryMessagePublisher messagePublisher(String topic) {
    return topics.computeIfAbsent(topic, InMemoryMessagePublisher::new);
  }

  @Override
  public InMemoryKeyValueStore keyValueStore(String table) {
    return tables.computeIfAbsent(table, t -> new InMemoryKeyValueStore(t, clock));
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.ofNullable(config.get(key));
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
