package dev.faas4j.examples.report;

import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.examples.fanout.CountSignups;
import dev.faas4j.examples.orders.ProcessOrder;
import dev.faas4j.examples.orders.ProcessedOrder;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.PutOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs at 02:00 UTC: sums the previous UTC day's orders and sign-ups into a {@link Report} written to
 * {@code daily/<date>.json}, and deletes order records processed more than {@link #RETENTION} before the run.
 *
 * <p>The sweep scans the {@code order:} prefix page by page and judges each record by its stored
 * {@code processedAt}, so it works on every key-value store (no reliance on a backend's TTL, which on DynamoDB lags
 * by days). It stops early when the invocation is about to run out of time; the next run carries on. A run that is
 * retried, or re-run by hand, writes the same report again and deletes nothing twice.
 */
public final class DailyReport implements ScheduleFunction {
  /** How long order records are kept. */
  public static final Duration RETENTION = Duration.ofDays(30);
  /** Where reports go in the bucket: {@code daily/2030-01-01.json}. */
  public static final String KEY_PREFIX = "daily/";
  private static final int PAGE_SIZE = 500;
  /** Time kept free at the end of the invocation for writing the report. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final KeyValueStore orders;
  private final KeyValueStore analytics;
  private final ObjectStorage reports;

  public DailyReport(KeyValueStore orders, KeyValueStore analytics, ObjectStorage reports) {
    this.orders = orders;
    this.analytics = analytics;
    this.reports = reports;
  }

  /** The key of the report of {@code date}. */
  public static String keyFor(LocalDate date) {
    return KEY_PREFIX + date + ".json";
  }

  @Override
  public void handle(ScheduleEvent event, InvocationContext context) {
    // Azure timers do not say when a run was due; the start time (or the clock) stands in there.
    Instant due = event.scheduledTime().or(event::time).orElseGet(() -> context.clock().instant());
    if (event.pastDue()) {
      context.logger().warn("Report run is late; reporting the day before its due time",
          "scheduledTime", due.toString());
    }
    run(due, context);
  }

  /** Reports the UTC day before {@code runAt} and deletes records older than {@code runAt - RETENTION}. */
  Report run(Instant runAt, InvocationContext context) {
    LocalDate day = runAt.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = from.plus(Duration.ofDays(1));
    Instant cutoff = runAt.minus(RETENTION);
    long count = 0;
    long revenue = 0;
    long deleted = 0;
    String token = null;
    do {
      if (context.remainingTime().compareTo(MARGIN) < 0) {
        context.logger().warn("Out of time; the next run continues the sweep", "deleted", deleted);
        break;
      }
      KeyValuePage page = orders.scan(ProcessOrder.KEY_PREFIX, token, PAGE_SIZE);
      List<String> expired = new ArrayList<>();
      for (KeyValueEntry entry : page.entries()) {
        ProcessedOrder order;
        try {
          order = entry.json(ProcessedOrder.class);
        } catch (KeyValueStoreException e) { // stored data that does not decode: skip it, the report goes on
          context.logger().warn("Skipping an unreadable order record", "key", entry.key());
          continue;
        }
        Instant at = order.processedAt();
        if (at == null) { // JSON can leave a record component null despite @NullMarked
          continue;
        }
        if (!at.isBefore(from) && at.isBefore(to)) {
          count++;
          revenue += order.amountCents();
        }
        if (at.isBefore(cutoff)) {
          expired.add(entry.key());
        }
      }
      // Entries already returned may be deleted before the next page is read, on every store.
      for (String key : expired) {
        deleted += orders.delete(key) ? 1 : 0;
      }
      token = page.nextPageToken().orElse(null);
    } while (token != null);

    Report report = new Report(day, count, revenue, CountSignups.signupsOn(analytics, day), deleted,
        context.clock().instant());
    reports.put(keyFor(day), Json.toBytes(report), PutOptions.contentType("application/json"));
    context.logger().info("Daily report written", "key", keyFor(day), "ordersProcessed", count,
        "recordsDeleted", deleted);
    return report;
  }
}
