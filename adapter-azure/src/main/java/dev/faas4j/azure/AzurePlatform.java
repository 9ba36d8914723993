package dev.faas4j.azure;

import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.PortCache;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.ResourceNames.Kind;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ports on Azure: Blob containers, Storage queues and tables of the function app's storage account, and Service
 * Bus topics.
 *
 * <ul>
 *   <li>Storage connection string: {@code FAAS4J_AZURE_STORAGE_CONNECTION}, else {@code AzureWebJobsStorage} (the
 *       setting every function app has). Service Bus: {@code FAAS4J_AZURE_SERVICEBUS_CONNECTION}, else
 *       {@code ServiceBusConnection}.
 *   <li>Logical names map to physical ones through {@link ResourceNames} ({@code FAAS4J_BUCKET_RAW_IMAGES=...});
 *       without a setting, containers and queues use the logical name in lower case and tables the logical name
 *       without the characters tables refuse ({@code idempotency-keys} becomes {@code idempotencykeys}).
 *   <li>Large queue messages go to the container {@code FAAS4J_AZURE_QUEUE_OVERFLOW} (default
 *       {@code faas4j-queue-overflow}).
 * </ul>
 *
 * <p>Ports are created on first use and cached ({@link PortCache}); the SDK clients need the optional Azure SDK
 * dependencies only for the ports the application uses.
 */
public final class AzurePlatform implements Platform {
  public static final String NAME = "azure-functions";
  public static final String STORAGE_SETTING = "FAAS4J_AZURE_STORAGE_CONNECTION";
  public static final String SERVICE_BUS_SETTING = "FAAS4J_AZURE_SERVICEBUS_CONNECTION";
  public static final String OVERFLOW_SETTING = "FAAS4J_AZURE_QUEUE_OVERFLOW";

  private final Function<String, String> config;
  private final Clock clock;
  private final PortCache ports;

  public AzurePlatform(Function<String, String> config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.ports = new PortCache(config);
  }

  /** The platform of a deployed function app: environment variables (app settings) and the system clock. */
  public static AzurePlatform fromEnvironment() {
    return new AzurePlatform(dev.faas4j.spi.FunctionHost.ENVIRONMENT, Clock.systemUTC());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectStorage objectStorage(String bucket) {
    return ports.objectStorage(bucket,
        (logical, physical) -> BlobObjectStorage.create(storageConnection(), physical.toLowerCase(Locale.ROOT)));
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    return ports.messageQueue(queue, (logical, physical) -> QueueStorageMessageQueue.create(storageConnection(),
        physical.toLowerCase(Locale.ROOT), overflowContainer()));
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    return ports.messagePublisher(topic, (logical, physical) ->
        ServiceBusMessagePublisher.create(required(SERVICE_BUS_SETTING, "ServiceBusConnection"), physical));
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    return ports.keyValueStore(table,
        (logical, physical) -> TableKeyValueStore.create(storageConnection(), tableName(physical), clock));
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.ofNullable(config.apply(key));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  String storageConnection() {
    return required(STORAGE_SETTING, "AzureWebJobsStorage");
  }

  String overflowContainer() {
    String v = config.apply(OVERFLOW_SETTING);
    return v == null || v.isBlank() ? "faas4j-queue-overflow" : v.trim();
  }

  private String required(String setting, String fallback) {
    String v = config.apply(setting);
    if (v == null || v.isBlank()) {
      v = config.apply(fallback);
    }
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("Neither " + setting + " nor " + fallback + " is set: the Azure ports need a "
          + "connection string");
    }
    return v.trim();
  }

  /** A table name from a physical name: without the characters tables refuse. */
  static String tableName(String physical) {
    return physical.replaceAll("[^A-Za-z0-9]", "");
  }
}
