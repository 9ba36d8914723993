package dev.faas4j.spi;

import dev.faas4j.InvocationContext;

/**
 * The one hook an optional module (OpenTelemetry interop) uses to run code around every function call. Found once,
 * at start-up, through {@code META-INF/services/dev.faas4j.spi.InvocationHook}; with none present a call costs one
 * null check.
 */
public interface InvocationHook {

  /**
   * Called on the invoking thread just before the function runs, with its context (trace included); the returned
   * scope is closed on the same thread when the function returns or throws. Must not throw.
   */
  Scope enter(InvocationContext context);

  /** What {@link #enter} opened. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
