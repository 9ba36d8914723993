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
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * A port whose AWS SDK module is not on the function's class path: it still answers its logical name, and every
 * operation fails with the port's own exception naming the Maven artifacts to add, rather than a
 * {@code NoClassDefFoundError} from deep inside a call. Not retryable ({@link Reason#UNKNOWN}): a missing jar does
 * not come back on a retry. A proxy, built only for such a port, so that no class of this adapter needs the SDK.
 */
final class MissingSdk implements InvocationHandler {
  private final Class<?> type;
  private final String logical;
  private final String message;

  private MissingSdk(Class<?> type, String logical, String message) {
    this.type = type;
    this.logical = logical;
    this.message = message;
  }

  /** A {@code type} port named {@code logical} (a {@code what}, e.g. "S3 bucket") missing {@code artifact}. */
  static <T> T port(Class<T> type, String what, String logical, String artifact) {
    String message = what + " '" + logical + "' cannot be used: the AWS SDK client for it is not on the function's"
        + " class path; add the Maven dependencies software.amazon.awssdk:" + artifact
        + " and software.amazon.awssdk:url-connection-client";
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new MissingSdk(type, logical, message)));
  }

  @Override
  public Object invoke(Object proxy, Method method, @Nullable Object[] args) {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "toString":
        if (arity == 0) {
          return type.getSimpleName() + "[" + logical + ", no SDK]";
        }
        break;
      case "hashCode":
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "equals":
        if (arity == 1 && method.getParameterTypes()[0] == Object.class) {
          return proxy == args[0];
        }
        break;
      default:
        break;
    }
    if (arity == 0 && method.getReturnType() == String.class) {
      return logical; // bucket(), queue(), topic(), table()
    }
    throw failure();
  }

  private PortException failure() {
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
