package dev.faas4j.spi;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value created on first use and then shared, thread-safely. Adapters hold their cloud SDK clients in one, so
 * that declaring a port while the app configures itself costs the cold start nothing, and a function that never
 * touches a port never builds its client.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile @Nullable T value;

  private Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  /** Created by {@code factory} on the first {@link #get()}. */
  public static <T> Lazy<T> of(Supplier<T> factory) {
    return new Lazy<>(Objects.requireNonNull(factory, "factory"));
  }

  /** Already created, e.g. a client a test passes in. */
  public static <T> Lazy<T> ofValue(T value) {
    Objects.requireNonNull(value, "value");
    Lazy<T> lazy = new Lazy<>(() -> value);
    lazy.value = value;
    return lazy;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(factory.get(), "the factory returned null");
          value = v;
        }
      }
    }
    return v;
  }

  /** Whether the value exists yet (for closing only what was opened). */
  public boolean isCreated() {
    return value != null;
  }
}
