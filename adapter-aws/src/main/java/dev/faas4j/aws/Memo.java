package dev.faas4j.aws;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A value created on first use and kept: SDK clients are costly to build and safe to share. */
final class Memo<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile @Nullable T value;

  Memo(Supplier<T> factory) {
    this.factory = factory;
  }

  static <T> Memo<T> of(Supplier<T> factory) {
    return new Memo<>(factory);
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
}
