package dev.faas4j.spi;

import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import java.time.Clock;
import java.util.Optional;

/**
 * The platform of registry and dispatcher tests, whose apps build no ports: asking for one fails the test. The
 * in-memory ports live in adapter-local, which sdk-core's tests cannot depend on.
 */
final class NoPorts implements Platform {
  @Override
  public String name() {
    return "test";
  }

  @Override
  public ObjectStorage objectStorage(String bucket) {
    throw new AssertionError("no ports here: " + bucket);
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    throw new AssertionError("no ports here: " + queue);
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    throw new AssertionError("no ports here: " + topic);
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    throw new AssertionError("no ports here: " + table);
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.empty();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }
}
