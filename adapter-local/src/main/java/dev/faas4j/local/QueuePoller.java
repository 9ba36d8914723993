package dev.faas4j.local;

import dev.faas4j.local.internal.LocalEngine;
import dev.faas4j.log.FunctionLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Polls one queue on a shared scheduler: at once while messages keep coming, then asleep until the queue's next
 * message becomes visible (at most {@link #IDLE_POLL}), and woken at once by {@link #wake} when one is sent. At most
 * one poll of a queue runs at a time, which also keeps FIFO groups in order.
 */
final class QueuePoller {
  static final Duration IDLE_POLL = Duration.ofSeconds(1);

  private final String queue;
  private final LocalEngine engine;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final FunctionLogger log;
  private final Object lock = new Object();
  private @Nullable ScheduledFuture<?> next;
  private boolean running;
  private boolean wakeRequested;
  private boolean stopped;

  QueuePoller(String queue, LocalEngine engine, ScheduledExecutorService scheduler, Clock clock, FunctionLogger log) {
    this.queue = queue;
    this.engine = engine;
    this.scheduler = scheduler;
    this.clock = clock;
    this.log = log;
  }

  void wake() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      if (running) {
        wakeRequested = true;
        return;
      }
      if (next != null) {
        next.cancel(false);
      }
      next = scheduler.schedule(this::run, 0, TimeUnit.MILLISECONDS);
    }
  }

  /** No new lease after this; a poll in progress finishes. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }

  private void run() {
    synchronized (lock) {
      if (stopped || running) {
        wakeRequested |= running;
        return;
      }
      running = true;
      wakeRequested = false;
    }
    int polled = 0;
    try {
      polled = engine.pollQueue(queue);
    } catch (RuntimeException e) {
      log.error("Polling a queue failed; retrying shortly", e, "queue", queue);
    }
    synchronized (lock) {
      running = false;
      if (stopped) {
        return;
      }
      long delayMillis = polled > 0 || wakeRequested ? 0 : idleDelayMillis();
      next = scheduler.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private long idleDelayMillis() {
    long max = IDLE_POLL.toMillis();
    try {
      Optional<Instant> at = engine.queue(queue).nextVisibleAt();
      if (at.isEmpty()) {
        return max;
      }
      return Math.max(0, Math.min(max, Duration.between(clock.instant(), at.get()).toMillis()));
    } catch (RuntimeException e) {
      return max;
    }
  }
}
