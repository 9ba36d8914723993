package dev.faas4j.gcp;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A client created on first use, so that declaring a port at configure time costs the cold start nothing. */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile @Nullable T value;

  Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  static <T> Lazy<T> of(T value) {
    Lazy<T> l = new Lazy<>(() -> value);
    l.value = value;
    return l;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = factory.get();
          value = v;
        }
      }
    }
    return v;
  }

  boolean isCreated() {
    return value != null;
  }
}
