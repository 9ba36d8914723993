package dev.faas4j;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the application runs, and its ports: S3 and DynamoDB on Lambda, GCS and Firestore on Google Cloud, Blob and
 * Table storage on Azure, embedded stores locally, in-memory ones in tests. The function never knows which.
 *
 * <p>Names are logical; each platform documents how it maps them to its resources. Ports are created lazily and are
 * safe to share across invocations and threads.
 */
public interface Platform {

  /** The platform's name, as {@link InvocationContext#platform()} reports it. */
  String name();

  ObjectStorage objectStorage(String bucket);

  MessageQueue messageQueue(String queue);

  MessagePublisher messagePublisher(String topic);

  KeyValueStore keyValueStore(String table);

  /** A configuration value (an environment variable on the clouds). */
  Optional<String> config(String key);

  Clock clock();
}
