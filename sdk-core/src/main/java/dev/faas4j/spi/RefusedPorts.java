package dev.faas4j.spi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Ports that answer their name and refuse every operation: for a platform that must hand out ports it cannot serve
 * (the build-time resource inventory, a cloud port whose SDK is not on the class path). A proxy, made only when such
 * a port is asked for, so one class serves every port interface.
 */
public final class RefusedPorts implements InvocationHandler {
  private final Class<?> port;
  private final String name;
  private final Function<String, ? extends RuntimeException> refusal;

  private RefusedPorts(Class<?> port, String name, Function<String, ? extends RuntimeException> refusal) {
    this.port = port;
    this.name = name;
    this.refusal = refusal;
  }

  /**
   * A {@code port} named {@code name}: its name accessor ({@code bucket()}, {@code queue()}, {@code topic()},
   * {@code table()}: the one method without arguments that returns a {@code String}) answers {@code name}; every
   * other operation throws {@code refusal.apply(name)}. Equal only to itself.
   */
  public static <T> T of(Class<T> port, String name, Function<String, ? extends RuntimeException> refusal) {
    if (!port.isInterface()) {
      throw new IllegalArgumentException("not a port interface: " + port.getName());
    }
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        new RefusedPorts(port, name, refusal)));
  }

  /** The proxy's calls: not for callers. */
  @Override
  public Object invoke(Object proxy, Method method, @Nullable Object[] args) {
    int arity = args == null ? 0 : args.length;
    switch (method.getName()) {
      case "toString" -> {
        if (arity == 0) {
          return port.getSimpleName() + "[" + name + ", refused]";
        }
      }
      case "hashCode" -> {
        if (arity == 0) {
          return System.identityHashCode(proxy);
        }
      }
      case "equals" -> {
        if (arity == 1 && method.getParameterTypes()[0] == Object.class) {
          return proxy == args[0];
        }
      }
      default -> {
        // a port operation
      }
    }
    if (arity == 0 && method.getReturnType() == String.class) {
      return name;
    }
    throw refusal.apply(name);
  }
}
