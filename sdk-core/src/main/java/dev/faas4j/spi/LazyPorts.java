package dev.faas4j.spi;

import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Ports whose cloud client is built on first use. Apps ask for their ports while they configure, at cold start; a
 * platform that hands out these wrappers makes that free, and a function that never touches a port never pays for
 * (or fails on a missing setting of) its client.
 */
final class LazyPorts {
  private LazyPorts() {}

  static ObjectStorage objectStorage(String bucket, Supplier<ObjectStorage> factory) {
    Lazy<ObjectStorage> port = Lazy.of(factory);
    return new ObjectStorage() {
      @Override public String bucket() { return bucket; }
      @Override public ObjectInfo put(String key, byte[] content, PutOptions options) {
        return port.get().put(key, content, options);
      }
      @Override public Optional<StoredObject> get(String key) { return port.get().get(key); }
      @Override public Optional<ObjectInfo> head(String key) { return port.get().head(key); }
      @Override public void delete(String key) { port.get().delete(key); }
      @Override public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        return port.get().list(prefix, pageToken, pageSize);
      }
    };
  }

  static MessageQueue messageQueue(String queue, Supplier<MessageQueue> factory) {
    Lazy<MessageQueue> port = Lazy.of(factory);
    return new MessageQueue() {
      @Override public String queue() { return queue; }
      @Override public String send(OutgoingMessage message) { return port.get().send(message); }
      @Override public List<String> sendBatch(List<OutgoingMessage> messages) {
        return port.get().sendBatch(messages);
      }
    };
  }

  static MessagePublisher messagePublisher(String topic, Supplier<MessagePublisher> factory) {
    Lazy<MessagePublisher> port = Lazy.of(factory);
    return new MessagePublisher() {
      @Override public String topic() { return topic; }
      @Override public String publish(OutgoingMessage message) { return port.get().publish(message); }
    };
  }

  static KeyValueStore keyValueStore(String table, Supplier<KeyValueStore> factory) {
    Lazy<KeyValueStore> port = Lazy.of(factory);
    return new KeyValueStore() {
      @Override public String table() { return table; }
      @Override public Optional<KeyValueEntry> get(String key) { return port.get().get(key); }
      @Override public long put(String key, byte[] value, @Nullable Duration ttl) {
        return port.get().put(key, value, ttl);
      }
      @Override public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
        return port.get().putIfAbsent(key, value, ttl);
      }
      @Override public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value,
          @Nullable Duration ttl) {
        return port.get().compareAndSet(key, expectedVersion, value, ttl);
      }
      @Override public boolean delete(String key) { return port.get().delete(key); }
      @Override public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
        return port.get().scan(prefix, pageToken, pageSize);
      }
    };
  }
}
