package dev.faas4j.local.internal;

import static dev.faas4j.trigger.Triggers.cron;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.local.store.InMemoryDurableQueue;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalEngineTest {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final Map<String, InMemoryDurableQueue> queues = new ConcurrentHashMap<>();
  private final KeyValueStore scheduleState = new InMemoryKeyValueStore(LocalEngine.SCHEDULE_TABLE, clock);
  private final List<ScheduleEvent> runs = new CopyOnWriteArrayList<>();

  private LocalEngine engine() {
    FunctionRegistry registry = FunctionRegistry.of(
        (f, p) -> f.onSchedule("report", cron("0 2 * * *"), (e, c) -> runs.add(e)), new InMemoryPlatform());
    LogConfig logs = LogConfig.defaults().withSink((level, line) -> {}).withLevel(LogLevel.ERROR).withClock(clock);
    return new LocalEngine(new Dispatcher(registry, "local", logs),
        q -> queues.computeIfAbsent(q, n -> new InMemoryDurableQueue(n, clock)), scheduleState, clock,
        Duration.ofSeconds(60), Duration.ofMinutes(2));
  }

  private void runAll(LocalEngine engine) {
    engine.consumedQueues().forEach(engine::pollQueue);
  }

  @Test
  void firstEverStartFiresNoPastDueRun() {
    clock.set(Instant.parse("2030-01-01T10:00:00Z"));
    LocalEngine engine = engine();

    assertThat(engine.fireDueSchedules(clock.instant())).isZero();
    runAll(engine);
    assertThat(runs).isEmpty();
  }

  @Test
  void runsMissedWhileStoppedFireOnceAsPastDue() {
    LocalEngine first = engine();
    first.fireDueSchedules(clock.instant());
    clock.set(Instant.parse("2030-01-01T02:00:00Z"));
    first.fireDueSchedules(clock.instant());
    runAll(first);
    assertThat(runs).singleElement().satisfies(e -> assertThat(e.pastDue()).isFalse());

    // stopped for three days; a new engine over the same schedule state starts
    clock.set(Instant.parse("2030-01-04T10:00:00Z"));
    LocalEngine restarted = engine();
    assertThat(restarted.fireDueSchedules(clock.instant())).isEqualTo(1);
    assertThat(restarted.fireDueSchedules(clock.instant())).isZero();
    runAll(restarted);

    assertThat(runs).hasSize(2);
    ScheduleEvent missed = runs.get(1);
    assertThat(missed.pastDue()).isTrue();
    assertThat(missed.scheduledTime()).hasValue(Instant.parse("2030-01-04T02:00:00Z"));
    assertThat(missed.lastRun()).contains(Instant.parse("2030-01-01T02:00:00Z"));
    assertThat(missed.nextRun()).contains(Instant.parse("2030-01-05T02:00:00Z"));
  }

  @Test
  void aRunStartedWithinOneIntervalIsNotPastDue() {
    LocalEngine engine = engine();
    engine.fireDueSchedules(clock.instant());
    clock.set(Instant.parse("2030-01-01T02:00:00.500Z"));
    engine.fireDueSchedules(clock.instant());
    runAll(engine);

    assertThat(runs).singleElement().satisfies(e -> assertThat(e.pastDue()).isFalse());
  }

  @Test
  void nextScheduleAtIsTheNextCronTime() {
    LocalEngine engine = engine();
    engine.fireDueSchedules(clock.instant());

    assertThat(engine.nextScheduleAt()).contains(Instant.parse("2030-01-01T02:00:00Z"));
  }

  @Test
  void backoffDoublesFromOneSecondAndIsCappedAtAMinute() {
    assertThat(List.of(1, 2, 3, 4, 7, 8, 100)).map(LocalEngine::backoff).containsExactly(Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(60));
  }
}
