package dev.faas4j.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.Json;
import dev.faas4j.examples.orders.ProcessedOrder;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyReportTest {
  private static final Instant RUN = Instant.parse("2030-01-10T02:00:00Z");
  private static final LocalDate YESTERDAY = LocalDate.parse("2030-01-09");

  private final ManualClock clock = new ManualClock(RUN);
  private final InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
  private final FunctionTester app = FunctionTester.forApp(new Reports(), platform);
  private final KeyValueStore orders = platform.keyValueStore("orders");

  private void processed(String id, long cents, Instant at) {
    orders.put("order:" + id, Json.toBytes(new ProcessedOrder(id, "c-1", cents, "EUR", "ch_" + id, at)));
  }

  private Report report(LocalDate day) {
    return platform.objectStorage("reports").get("daily/" + day + ".json").orElseThrow().json(Report.class);
  }

  @Test
  void reportsThePreviousUtcDay() {
    processed("a", 100, Instant.parse("2030-01-09T00:00:00Z"));
    processed("b", 250, Instant.parse("2030-01-09T23:59:59Z"));
    processed("c", 999, Instant.parse("2030-01-10T00:30:00Z")); // today: next report
    processed("d", 999, Instant.parse("2030-01-08T23:59:59Z")); // the day before
    platform.keyValueStore("analytics").put("signups:2030-01-09", "{\"count\":3}".getBytes());

    Outcome outcome = app.schedule("dailyReport").call(TestEvents.schedule("dailyReport", RUN));

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(report(YESTERDAY)).isEqualTo(new Report(YESTERDAY, 2, 350, 3, 0, RUN));
  }

  @Test
  void deletesOrderRecordsOlderThan30DaysAndKeepsTheRest() {
    processed("old", 1, RUN.minus(Duration.ofDays(30)).minusSeconds(1));
    processed("edge", 1, RUN.minus(Duration.ofDays(30)));
    processed("recent", 1, RUN.minus(Duration.ofDays(3)));
    orders.put("customer:c-1", "{\"processedAt\":\"2000-01-01T00:00:00Z\"}".getBytes()); // another prefix

    app.schedule("dailyReport").call(TestEvents.schedule("dailyReport", RUN));

    assertThat(orders.get("order:old")).isEmpty();
    assertThat(orders.get("order:edge")).isPresent();
    assertThat(orders.get("order:recent")).isPresent();
    assertThat(orders.get("customer:c-1")).isPresent();
    assertThat(report(YESTERDAY).recordsDeleted()).isEqualTo(1);
  }

  @Test
  void sweepsEveryPageOfALargeTable() {
    Instant old = RUN.minus(Duration.ofDays(40));
    for (int i = 0; i < 1_234; i++) {
      processed(String.format("%05d", i), 1, i % 2 == 0 ? old : RUN.minus(Duration.ofHours(12)));
    }

    app.schedule("dailyReport").call(TestEvents.schedule("dailyReport", RUN));

    assertThat(report(YESTERDAY).recordsDeleted()).isEqualTo(617);
    assertThat(report(YESTERDAY).ordersProcessed()).isEqualTo(617);
    assertThat(orders.scan("order:", null, 1000).entries()).hasSize(617);
  }

  @Test
  void anUnreadableRecordIsSkippedNotFatal() {
    orders.put("order:broken", "not json".getBytes());
    processed("a", 100, Instant.parse("2030-01-09T12:00:00Z"));

    assertThat(app.schedule("dailyReport").call(TestEvents.schedule("dailyReport", RUN)).isSuccess()).isTrue();
    assertThat(report(YESTERDAY).ordersProcessed()).isEqualTo(1);
  }

  @Test
  void aPastDueRunReportsTheDayBeforeItsDueTime() {
    processed("a", 100, Instant.parse("2030-01-09T12:00:00Z"));
    clock.advance(Duration.ofHours(30));

    app.schedule("dailyReport").call(TestEvents.schedule("dailyReport", RUN).pastDue());

    assertThat(report(YESTERDAY).ordersProcessed()).isEqualTo(1);
  }
}
