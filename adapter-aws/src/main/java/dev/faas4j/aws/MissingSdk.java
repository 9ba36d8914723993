package dev.faas4j.aws;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.RefusedPorts;

/**
 * A port whose AWS SDK module is not on the function's class path: it still answers its logical name, and every
 * operation fails with the port's own exception naming the Maven artifacts to add, rather than a
 * {@code NoClassDefFoundError} from deep inside a call. Not retryable ({@link Reason#UNKNOWN}): a missing jar does
 * not come back on a retry. No class of this adapter that needs the SDK is named on the way.
 */
final class MissingSdk {
  private MissingSdk() {}

  /** A {@code type} port named {@code logical} (a {@code what}, e.g. "S3 bucket") missing {@code artifact}. */
  static <T> T port(Class<T> type, String what, String logical, String artifact) {
    String message = what + " '" + logical + "' cannot be used: the AWS SDK client for it is not on the function's"
        + " class path; add the Maven dependencies software.amazon.awssdk:" + artifact
        + " and software.amazon.awssdk:url-connection-client";
    return RefusedPorts.of(type, logical, name -> failure(type, message));
  }

  private static PortException failure(Class<?> type, String message) {
    if (type == ObjectStorage.class) {
      return new ObjectStorageException(Reason.UNKNOWN, message);
    }
    if (type == MessageQueue.class) {
      return new MessageQueueException(Reason.UNKNOWN, message);
    }
    if (type == MessagePublisher.class) {
      return new MessagePublisherException(Reason.UNKNOWN, message);
    }
    if (type == KeyValueStore.class) {
      return new KeyValueStoreException(Reason.UNKNOWN, message);
    }
    throw new IllegalStateException("not a port: " + type);
  }
}
