package dev.faas4j.examples.clouds;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One cloud's adapter, driven with that cloud's own payloads. Each function gets its own adapter instance
 * configured with {@code FAAS4J_FUNCTION=<name>}, as the generated descriptors deploy it, and every instance shares
 * one in-memory platform: the "cloud" whose buckets, queues, topics and tables the test reads back.
 */
public interface Cloud {
  String name();

  /** An HTTP request to {@code function}. */
  Reply http(String function, String method, String path, String body);

  /** Delivers {@code messages} of {@code queue} to {@code function} (as one batch where the cloud batches); the ids
   * of the messages the adapter reported as failed (not to be acknowledged). */
  Set<String> queue(String function, String queue, List<Message> messages);

  /** Delivers a topic message; whether the adapter acknowledged it. */
  boolean topic(String function, String topic, Message message);

  /** Announces an object created in {@code bucket}; whether the adapter acknowledged it. */
  boolean objectCreated(String function, String bucket, String key, long size);

  /** Fires a schedule due at {@code due}; whether the adapter acknowledged it. */
  boolean schedule(String function, Instant due);

  /** An HTTP response as the client sees it. */
  record Reply(int status, String body) {}

  /** A message as the cloud delivers it: its id and body. */
  record Message(String id, byte[] body) {}
}
