package dev.faas4j.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.InvocationContext;
import dev.faas4j.RetryableException;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.PortException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant FAR = START.plus(Duration.ofHours(1));

  private final MovingClock clock = new MovingClock(START);
  /** Records each sleep and moves the clock by it, as a real sleep would. */
  private final List<Duration> sleeps = new ArrayList<>();
  private final RetryPolicy.Sleeper sleeper = d -> {
    sleeps.add(d);
    clock.now = clock.now.plus(d);
  };

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void returnsTheFirstSuccessWithoutSleeping() throws Exception {
    RetryPolicy policy = policy(fixed(0.5)).build();

    assertThat(policy.call(FAR, () -> "ok")).isEqualTo("ok");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void backoffCapDoublesPerRetryFromTheBaseDelay() {
    RetryPolicy policy = policy(fixed(0.5)).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(5)).build();

    assertThat(policy.backoffCap(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoffCap(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffCap(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoffCap(6)).isEqualTo(Duration.ofMillis(3200));
  }

  @Test
  void backoffCapStopsAtMaxDelayWithoutOverflowing() {
    RetryPolicy policy = policy(fixed(0.5)).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1)).build();

    assertThat(policy.backoffCap(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffCap(64)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffCap(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void sleepsNothingWhenTheRandomDrawIsZero() throws Exception {
    RetryPolicy policy = policy(fixed(0.0)).maxAttempts(4).build();

    assertThatThrownBy(() -> policy.call(FAR, alwaysFailing(new AtomicInteger())))
        .isInstanceOf(RetryableException.class);
    assertThat(sleeps).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  @Test
  void sleepsUpToTheCapWhenTheRandomDrawIsNearlyOne() throws Exception {
    RetryPolicy policy = policy(fixed(Math.nextDown(1.0))).maxAttempts(4).build();

    assertThatThrownBy(() -> policy.call(FAR, alwaysFailing(new AtomicInteger())))
        .isInstanceOf(RetryableException.class);
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(100).minusNanos(1), Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(200).minusNanos(1), Duration.ofMillis(200));
    assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(400).minusNanos(1), Duration.ofMillis(400));
  }

  @Test
  void cappedDelaysNeverExceedMaxDelay() throws Exception {
    RetryPolicy policy = policy(fixed(Math.nextDown(1.0))).maxAttempts(8)
        .baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300)).build();

    assertThatThrownBy(() -> policy.call(FAR, alwaysFailing(new AtomicInteger())))
        .isInstanceOf(RetryableException.class);
    assertThat(sleeps).hasSize(7).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(300)));
    assertThat(sleeps.subList(2, 7)).allSatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMillis(299)));
  }

  @Test
  void jitterOverManyDrawsStaysWithinZeroAndTheCapAndSpreadsOut() {
    RetryPolicy policy = policy(new SplittableRandom(42)).baseDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(5)).build();

    for (int retry = 1; retry <= 8; retry++) {
      Duration cap = policy.backoffCap(retry);
      long below = 0;
      for (int i = 0; i < 2000; i++) {
        Duration d = policy.delayBeforeRetry(retry);
        assertThat(d).isBetween(Duration.ZERO, cap);
        if (d.compareTo(cap.dividedBy(2)) < 0) {
          below++;
        }
      }
      // Full jitter: about half of the draws fall in the lower half of the range (seeded, so stable).
      assertThat(below).as("draws below half the cap for retry %d", retry).isBetween(800L, 1200L);
    }
  }

  @Test
  void makesExactlyMaxAttemptsAndThrowsTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.5)).maxAttempts(5).build();

    Throwable thrown = catchFrom(() -> policy.call(FAR, alwaysFailing(calls)));

    assertThat(calls).hasValue(5);
    assertThat(sleeps).hasSize(4);
    assertThat(thrown).isInstanceOf(RetryableException.class).hasMessage("failure 5");
    assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
        .containsExactly("failure 1", "failure 2", "failure 3", "failure 4");
  }

  @Test
  void keepsAtMostFiveEarlierFailuresTheMostRecentOnes() {
    RetryPolicy policy = policy(fixed(0.0)).maxAttempts(10).build();

    Throwable thrown = catchFrom(() -> policy.call(FAR, alwaysFailing(new AtomicInteger())));

    assertThat(thrown).hasMessage("failure 10");
    assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
        .containsExactly("failure 5", "failure 6", "failure 7", "failure 8", "failure 9");
  }

  @Test
  void oneAttemptMeansNoRetry() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.5)).maxAttempts(1).build();

    assertThatThrownBy(() -> policy.call(FAR, alwaysFailing(calls))).hasMessage("failure 1");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void succeedsAfterTransientFailures() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.5)).maxAttempts(3).build();

    String result = policy.call(FAR, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new RetryableException("busy");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void doesNotRetryExceptionsThatAreNotRetryable() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException bug = new IllegalStateException("bug");
    RetryPolicy policy = policy(fixed(0.5)).build();

    assertThatThrownBy(() -> policy.call(FAR, () -> {
      calls.incrementAndGet();
      throw bug;
    })).isSameAs(bug);
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesPortExceptionsOnlyWhenTheirReasonIsRetryable() {
    assertThat(RetryPolicy.isRetryable(
        new KeyValueStoreException(PortException.Reason.THROTTLED, "slow down"))).isTrue();
    assertThat(RetryPolicy.isRetryable(
        new KeyValueStoreException(PortException.Reason.UNAVAILABLE, "down"))).isTrue();
    assertThat(RetryPolicy.isRetryable(
        new KeyValueStoreException(PortException.Reason.CONFLICT, "version changed"))).isFalse();
    assertThat(RetryPolicy.isRetryable(new RetryableException("later"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new IOException("io"))).isFalse();

    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.5)).build();
    assertThatThrownBy(() -> policy.run(FAR, () -> {
      calls.incrementAndGet();
      throw new KeyValueStoreException(PortException.Reason.ACCESS_DENIED, "denied");
    })).isInstanceOf(KeyValueStoreException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void customPredicateDecidesWhatIsRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.5)).retryOn(t -> t instanceof IOException).build();

    policy.run(FAR, () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IOException("connection reset");
      }
    });
    assertThat(calls).hasValue(2);

    AtomicInteger retryableCalls = new AtomicInteger();
    assertThatThrownBy(() -> policy.run(FAR, () -> {
      retryableCalls.incrementAndGet();
      throw new RetryableException("not retried by this predicate");
    })).isInstanceOf(RetryableException.class);
    assertThat(retryableCalls).hasValue(1);
  }

  @Test
  void neverSleepsPastTheDeadlineAndGivesUpEarly() {
    AtomicInteger calls = new AtomicInteger();
    Instant deadline = START.plus(Duration.ofMillis(350));
    RetryPolicy policy = policy(fixed(Math.nextDown(1.0))).maxAttempts(10).build();

    Throwable thrown = catchFrom(() -> policy.call(deadline, alwaysFailing(calls)));

    // Sleeps of ~100 and ~200 ms fit before 350 ms; the next (~400 ms) would cross it, so it gives up.
    assertThat(sleeps).hasSize(2);
    assertThat(calls).hasValue(3);
    assertThat(thrown).hasMessage("failure 3");
    assertThat(clock.now).isBefore(deadline);
  }

  @Test
  void recordedSleepsNeverEndAtOrAfterTheDeadlineWhateverTheDraw() {
    for (double draw : new double[] {0.0, 0.25, 0.5, 0.75, Math.nextDown(1.0)}) {
      for (long deadlineMs = 0; deadlineMs <= 2000; deadlineMs += 37) {
        clock.now = START;
        sleeps.clear();
        Instant deadline = START.plus(Duration.ofMillis(deadlineMs));
        RetryPolicy policy = policy(fixed(draw)).maxAttempts(20).build();

        catchFrom(() -> policy.call(deadline, alwaysFailing(new AtomicInteger())));

        Instant t = START;
        for (Duration d : sleeps) {
          t = t.plus(d);
          assertThat(t).isBefore(deadline);
        }
      }
    }
  }

  @Test
  void keepsTheConfiguredMarginFreeBeforeTheDeadline() {
    Instant deadline = START.plus(Duration.ofMillis(350));
    RetryPolicy policy = policy(fixed(Math.nextDown(1.0))).maxAttempts(10)
        .deadlineMargin(Duration.ofMillis(100)).build();

    catchFrom(() -> policy.call(deadline, alwaysFailing(new AtomicInteger())));

    // ~100 ms fits before 250 ms; ~100 + ~200 ms would not.
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void makesTheFirstAttemptEvenWhenTheDeadlineHasPassed() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = policy(fixed(0.0)).build();

    assertThatThrownBy(() -> policy.call(START.minusSeconds(1), alwaysFailing(calls))).hasMessage("failure 1");
    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void interruptedSleepRestoresTheFlagAndThrowsTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();
    InterruptedException interrupt = new InterruptedException("stop");
    RetryPolicy policy = policy(fixed(0.5)).maxAttempts(5).sleeper(d -> {
      throw interrupt;
    }).build();

    Throwable thrown = catchFrom(() -> policy.call(FAR, alwaysFailing(calls)));

    assertThat(calls).hasValue(1);
    assertThat(thrown).isInstanceOf(RetryableException.class).hasMessage("failure 1");
    assertThat(thrown.getSuppressed()).containsExactly(interrupt);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void judgesTheContextsDeadlineByTheContextsClock() throws Exception {
    // The policy's own clock is a day behind; were it used, ten attempts would fit before the deadline.
    RetryPolicy policy = policy(fixed(Math.nextDown(1.0))).maxAttempts(10)
        .clock(Clock.fixed(START.minus(Duration.ofDays(1)), ZoneOffset.UTC)).build();
    InvocationContext context = new DeadlineOnlyContext(START.plus(Duration.ofMillis(150)), clock);

    assertThatThrownBy(() -> policy.call(context, alwaysFailing(new AtomicInteger()))).hasMessage("failure 2");
    assertThat(sleeps).hasSize(1);

    sleeps.clear();
    clock.now = START;
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> policy.run(context, () -> {
      throw new RetryableException("run " + runs.incrementAndGet());
    })).hasMessage("run 2");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void buildRejectsInvalidSettingsNamingTheValue() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1; got 0");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofMillis(-1)).build())
        .hasMessage("baseDelay must not be negative; got PT-0.001S");
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofMillis(-5)).build())
        .hasMessage("maxDelay must not be negative; got PT-0.005S");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1))
        .build()).hasMessage("maxDelay must not be less than baseDelay (PT2S); got PT1S");
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofDays(2)).build())
        .hasMessage("maxDelay must be at most PT24H; got PT48H");
    assertThatThrownBy(() -> RetryPolicy.builder().deadlineMargin(Duration.ofSeconds(-1)).build())
        .hasMessage("deadlineMargin must not be negative; got PT-1S");
    assertThatThrownBy(() -> RetryPolicy.builder().sleeper(null))
        .isInstanceOf(NullPointerException.class).hasMessage("sleeper");
  }

  @Test
  void defaultsAreThreeAttemptsWithHundredMillisecondsBaseAndFiveSecondsCap() {
    RetryPolicy defaults = RetryPolicy.defaults();

    assertThat(defaults.maxAttempts()).isEqualTo(3);
    assertThat(defaults.baseDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.deadlineMargin()).isEqualTo(Duration.ZERO);
  }

  private RetryPolicy.Builder policy(RandomGenerator random) {
    return RetryPolicy.builder().clock(clock).random(random).sleeper(sleeper);
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private static Callable<String> alwaysFailing(AtomicInteger calls) {
    return () -> {
      throw new RetryableException("failure " + calls.incrementAndGet());
    };
  }

  private static Throwable catchFrom(ThrowingCall call) {
    try {
      call.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** Only the deadline and clock matter to a retry. */
  private record DeadlineOnlyContext(Instant deadline, Clock clock) implements InvocationContext {
    @Override
    public String invocationId() {
      return "inv-1";
    }

    @Override
    public String functionName() {
      return "fn";
    }

    @Override
    public String platform() {
      return "test";
    }

    @Override
    public Optional<TraceContext> trace() {
      return Optional.empty();
    }

    @Override
    public FunctionLogger logger() {
      return LogConfig.defaults().withSink((level, line) -> { }).logger(LogContext.none());
    }

    @Override
    public boolean coldStart() {
      return false;
    }
  }

  /** A clock the recording sleeper moves; no real time passes. */
  private static final class MovingClock extends Clock {
    volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
