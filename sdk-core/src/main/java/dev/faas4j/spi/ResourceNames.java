package dev.faas4j.spi;

import java.util.Locale;
import java.util.function.Function;

/**
 * Maps the logical names an application uses ({@code platform.objectStorage("raw-images")}) to the physical
 * resources of a deployment, the same way on every cloud: {@code FAAS4J_BUCKET_RAW_IMAGES=acme-prod-raw-images}
 * (also {@code _QUEUE_}, {@code _TOPIC_}, {@code _TABLE_}); without a setting the logical name is used as is.
 * Deployment descriptors generated from the registry set these variables.
 */
public final class ResourceNames {
  /** The kinds of resource a port addresses. */
  public enum Kind { BUCKET, QUEUE, TOPIC, TABLE }

  private ResourceNames() {}

  /** The setting that names the physical resource, e.g. {@code FAAS4J_QUEUE_ORDERS_DLQ} for queue "orders-dlq". */
  public static String settingName(Kind kind, String logicalName) {
    StringBuilder sb = new StringBuilder("FAAS4J_").append(kind.name()).append('_');
    for (char c : logicalName.toUpperCase(Locale.ROOT).toCharArray()) {
      sb.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
    }
    return sb.toString();
  }

  /** The physical name for {@code logicalName}: the setting's value if present and not blank, else the logical name. */
  public static String resolve(Kind kind, String logicalName, Function<String, String> config) {
    String value = config.apply(settingName(kind, logicalName));
    return value == null || value.isBlank() ? logicalName : value.trim();
  }
}
