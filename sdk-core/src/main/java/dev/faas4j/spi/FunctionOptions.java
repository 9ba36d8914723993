package dev.faas4j.spi;

import dev.faas4j.trigger.InvalidTriggerException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The per-function settings an application declared through {@link dev.faas4j.Registration}; absent values leave
 * the choice to the platform or the descriptor generator.
 *
 * @param maxDeliveries deliveries before an event is dead-lettered (default {@value #DEFAULT_MAX_DELIVERIES})
 */
public record FunctionOptions(Optional<Duration> timeout, OptionalInt memoryMb, int maxDeliveries) {
  /** The Azure Queue Storage and Pub/Sub default, and a common SQS redrive setting. */
  public static final int DEFAULT_MAX_DELIVERIES = 5;
  private static final FunctionOptions DEFAULTS =
      new FunctionOptions(Optional.empty(), OptionalInt.empty(), DEFAULT_MAX_DELIVERIES);

  public FunctionOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(memoryMb, "memoryMb");
  }

  public static FunctionOptions defaults() {
    return DEFAULTS;
  }

  /** The timeout in whole seconds, or {@code fallback} when none was declared. */
  public int timeoutSeconds(int fallback) {
    return timeout.map(t -> (int) t.toSeconds()).orElse(fallback);
  }

  FunctionOptions withTimeout(String function, Duration value) {
    Objects.requireNonNull(value, "timeout");
    if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofMinutes(60)) > 0
        || value.toNanos() % 1_000_000_000L != 0) {
      throw new InvalidTriggerException("Function '" + function + "': timeout must be whole seconds from 1 s to "
          + "60 min; got " + value);
    }
    return new FunctionOptions(Optional.of(value), memoryMb, maxDeliveries);
  }

  FunctionOptions withMemoryMb(String function, int value) {
    if (value < 128 || value > 32_768) {
      throw new InvalidTriggerException("Function '" + function + "': memory must be 128 to 32768 MB; got " + value);
    }
    return new FunctionOptions(timeout, OptionalInt.of(value), maxDeliveries);
  }

  FunctionOptions withMaxDeliveries(String function, int value) {
    if (value < 1 || value > 1000) {
      throw new InvalidTriggerException("Function '" + function + "': max deliveries must be 1 to 1000; got "
          + value);
    }
    return new FunctionOptions(timeout, memoryMb, value);
  }
}
