package dev.faas4j.gcp;

import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.PortCache;
import dev.faas4j.spi.ResourceNames;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Google Cloud as a {@link Platform}: GCS buckets, Pub/Sub topics (and topics used as queues) and Firestore
 * collections, named through {@link ResourceNames} ({@code FAAS4J_BUCKET_RAW_IMAGES=acme-raw-images}, ...). Each
 * port is made once per name, and its client on first use ({@link PortCache}), so declaring ports costs the cold
 * start nothing and a missing setting fails only the function that uses the port.
 * Credentials are the application default credentials of the function's service account.
 */
public final class GcpPlatform implements Platform {
  /** What {@link dev.faas4j.InvocationContext#platform()} says on Google Cloud. */
  public static final String NAME = "gcp-functions";

  private final Function<String, String> env;
  private final Clock clock;
  private final PortCache ports;

  private GcpPlatform(Function<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
    this.ports = new PortCache(env);
  }

  /** Reads configuration from {@code env} (the process environment on Cloud Run functions). */
  public static GcpPlatform fromEnvironment(Function<String, String> env) {
    return new GcpPlatform(env, Clock.systemUTC());
  }

  /** The project of the deployment: {@code GOOGLE_CLOUD_PROJECT}, {@code GCP_PROJECT} or {@code GCLOUD_PROJECT}. */
  static Optional<String> projectId(Function<String, String> env) {
    for (String name : new String[] {"GOOGLE_CLOUD_PROJECT", "GCP_PROJECT", "GCLOUD_PROJECT"}) {
      String v = env.apply(name);
      if (v != null && !v.isBlank()) {
        return Optional.of(v.trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectStorage objectStorage(String bucket) {
    return ports.objectStorage(bucket, (logical, physical) -> GcsObjectStorage.create(physical));
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    return ports.messageQueue(queue, (logical, physical) -> PubSubMessageQueue.create(project(), physical));
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    return ports.messagePublisher(topic, (logical, physical) -> PubSubMessagePublisher.create(project(), physical));
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    return ports.keyValueStore(table, (logical, physical) -> FirestoreKeyValueStore.create(physical, clock));
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.ofNullable(env.apply(key));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  private String project() {
    return projectId(env).orElseThrow(() -> new IllegalStateException(
        "Set GOOGLE_CLOUD_PROJECT (Cloud Run functions sets it) to use Pub/Sub topics by short name"));
  }
}
