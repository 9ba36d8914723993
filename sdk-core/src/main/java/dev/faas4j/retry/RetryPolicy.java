package dev.faas4j.retry;

import dev.faas4j.InvocationContext;
import dev.faas4j.RetryableException;
import dev.faas4j.port.PortException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Calls an action again when it fails with a retryable exception: exponential backoff with full jitter, a bounded
 * number of attempts, and never a sleep that would end past the invocation's deadline (a function killed mid-sleep
 * loses its chance to report the failure).
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder().maxAttempts(4).baseDelay(Duration.ofMillis(50)).build();
 * Order order = retry.call(context, () -> orders.load(id));
 * }</pre>
 *
 * <p>The delay before retry {@code n} (1 after the first failure) is uniform in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}: full jitter spreads out the retries of many callers that failed
 * together. When the policy gives up it throws the last failure itself, unchanged, with up to five earlier failures
 * attached as {@linkplain Throwable#getSuppressed() suppressed}. It logs nothing: the dispatcher logs the final
 * failure once.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** How many earlier failures are attached to the thrown one. */
  static final int MAX_SUPPRESSED = 5;

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration deadlineMargin;
  private final Predicate<Throwable> retryOn;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.deadlineMargin = b.deadlineMargin;
    this.retryOn = b.retryOn;
    this.clock = b.clock;
    this.random = b.random;
    this.sleeper = b.sleeper;
  }

  /** Sleeps between attempts; injected so tests record delays instead of waiting. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
      return d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    }
  }

  /** An action without a result, for {@link #run}. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Three attempts, 100 ms base delay, 5 s cap, retrying what {@link #isRetryable} accepts. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * The default retry predicate: a {@link RetryableException}, or a {@link PortException} whose reason says a retry
   * can help (throttling, unavailability). Everything else is treated as permanent.
   */
  public static boolean isRetryable(Throwable t) {
    return t instanceof RetryableException || t instanceof PortException p && p.retryable();
  }

  /**
   * Calls {@code action}, retrying within the invocation's {@link InvocationContext#deadline() deadline}. The
   * deadline is judged by the context's own {@link InvocationContext#clock() clock}, the one it is expressed in
   * (a test kit's controllable clock included), rather than the policy's.
   */
  public <T> T call(InvocationContext context, Callable<T> action) throws Exception {
    return call(context.deadline(), context.clock(), action);
  }

  /**
   * Calls {@code action} until it succeeds, fails with an exception the policy does not retry, runs out of
   * attempts, or the next backoff would end at or after {@code deadline} minus the margin. The first attempt is
   * always made.
   *
   * @throws Exception the last failure, unchanged
   */
  public <T> T call(Instant deadline, Callable<T> action) throws Exception {
    return call(deadline, clock, action);
  }

  private <T> T call(Instant deadline, Clock clock, Callable<T> action) throws Exception {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(action, "action");
    Instant giveUpAt = deadline.minus(deadlineMargin);
    Deque<Exception> earlier = new ArrayDeque<>(MAX_SUPPRESSED);
    for (int attempt = 1; ; attempt++) {
      try {
        return action.call();
      } catch (Exception failure) {
        if (attempt >= maxAttempts || !retryOn.test(failure)) {
          throw withEarlier(failure, earlier);
        }
        Duration delay = delayBeforeRetry(attempt);
        if (!clock.instant().plus(delay).isBefore(giveUpAt)) {
          throw withEarlier(failure, earlier);
        }
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          failure.addSuppressed(interrupted);
          throw withEarlier(failure, earlier);
        }
        if (earlier.size() == MAX_SUPPRESSED) {
          earlier.removeFirst();
        }
        earlier.addLast(failure);
      }
    }
  }

  /** Like {@link #call(InvocationContext, Callable)} for an action without a result. */
  public void run(InvocationContext context, ThrowingRunnable action) throws Exception {
    Objects.requireNonNull(action, "action");
    call(context, () -> {
      action.run();
      return null;
    });
  }

  /** Like {@link #call(Instant, Callable)} for an action without a result. */
  public void run(Instant deadline, ThrowingRunnable action) throws Exception {
    Objects.requireNonNull(action, "action");
    call(deadline, () -> {
      action.run();
      return null;
    });
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public Duration deadlineMargin() {
    return deadlineMargin;
  }

  /** The upper bound of the delay before retry {@code retry} (1 after the first failure). */
  Duration backoffCap(int retry) {
    int doublings = retry - 1;
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    if (doublings >= Long.SIZE - 2 || base > max >> doublings) {
      return maxDelay;
    }
    return Duration.ofNanos(base << doublings);
  }

  /** Full jitter: uniform in {@code [0, cap]}. */
  Duration delayBeforeRetry(int retry) {
    long cap = backoffCap(retry).toNanos();
    double r = random.nextDouble();
    long nanos = (long) (r * cap);
    return Duration.ofNanos(Math.max(0, Math.min(cap, nanos)));
  }

  private static Exception withEarlier(Exception last, Deque<Exception> earlier) {
    for (Exception e : earlier) {
      if (e != last) {
        last.addSuppressed(e);
      }
    }
    return last;
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", deadlineMargin=" + deadlineMargin + "]";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    /** Delays are computed in nanoseconds; a day is far beyond any function's lifetime. */
    private static final Duration LONGEST_DELAY = Duration.ofDays(1);

    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(5);
    private Duration deadlineMargin = Duration.ZERO;
    private Predicate<Throwable> retryOn = RetryPolicy::isRetryable;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = Jitter.source();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** Attempts in all, the first included; 1 means no retry. Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The cap of the first backoff; it doubles with each retry. Default 100 ms. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
      return this;
    }

    /** The largest backoff cap. Default 5 s. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Time kept free before the deadline: no backoff may end later than {@code deadline - margin}, leaving the
     * function time to report the failure. Default zero.
     */
    public Builder deadlineMargin(Duration deadlineMargin) {
      this.deadlineMargin = Objects.requireNonNull(deadlineMargin, "deadlineMargin");
      return this;
    }

    /** Which failures are worth another attempt. Default {@link RetryPolicy#isRetryable}. */
    public Builder retryOn(Predicate<Throwable> retryOn) {
      this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
      return this;
    }

    /**
     * The clock an {@link Instant} deadline is compared with. Default the system clock. Calls given an
     * {@link InvocationContext} use the context's clock instead.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of jitter. Default {@link Jitter#source()}, re-seeded after a snapshot restore. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How to wait between attempts. Default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public RetryPolicy build() {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1; got " + maxAttempts);
      }
      checkDelay(baseDelay, "baseDelay");
      checkDelay(maxDelay, "maxDelay");
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay must not be less than baseDelay (" + baseDelay + "); got " + maxDelay);
      }
      if (deadlineMargin.isNegative()) {
        throw new IllegalArgumentException("deadlineMargin must not be negative; got " + deadlineMargin);
      }
      return new RetryPolicy(this);
    }

    private static void checkDelay(Duration delay, String name) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative; got " + delay);
      }
      if (delay.compareTo(LONGEST_DELAY) > 0) {
        throw new IllegalArgumentException(name + " must be at most " + LONGEST_DELAY + "; got " + delay);
      }
    }
  }
}
