package dev.faas4j.local.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to: {@link #advance} and {@link #set}. Thread-safe. Tests use it to expire
 * leases and TTLs and to fire schedules without waiting.
 */
public final class ManualClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = ZoneOffset.UTC;
  }

  /** A clock at 2030-01-01T00:00:00Z, a fixed point that keeps test output stable. */
  public static ManualClock startingAtEpochOf2030() {
    return new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves the clock forward; a negative amount is refused (time does not run backwards in tests either). */
  public synchronized ManualClock advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("Cannot advance the clock by a negative amount: " + amount);
    }
    now = now.plus(amount);
    return this;
  }

  /** Sets the clock; it may not move backwards. */
  public synchronized ManualClock set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("Cannot move the clock back from " + now + " to " + instant);
    }
    now = instant;
    return this;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that still follows this clock. */
  @Override
  public Clock withZone(ZoneId zone) {
    ManualClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }
}
