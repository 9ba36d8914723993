package dev.faas4j.retry;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of faas4j's own jitter (retry back-off). A process restored from a snapshot (Lambda SnapStart,
 * CRaC) resumes every copy with the same generator state, so copies would retry in lock-step; {@link #reseed()},
 * called after a restore, draws a fresh salt that each value is mixed with (a uniform value XOR a constant stays
 * uniform).
 */
public final class Jitter {
  private static final RandomGenerator SOURCE = () -> ThreadLocalRandom.current().nextLong() ^ Jitter.salt;
  /** Zero until a restore: a fresh process's ThreadLocalRandom is seeded already, and SecureRandom costs start-up. */
  private static volatile long salt;

  private Jitter() {}

  /** The shared, thread-safe source, re-seeded by {@link #reseed()}. */
  public static RandomGenerator source() {
    return SOURCE;
  }

  static long salt() {
    return salt;
  }

  /** Draws a new salt from the operating system's entropy: call after a snapshot restore. */
  public static void reseed() {
    salt = new SecureRandom().nextLong();
  }
}
