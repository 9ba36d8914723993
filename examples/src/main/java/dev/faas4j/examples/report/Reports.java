package dev.faas4j.examples.report;

import static dev.faas4j.trigger.Triggers.cron;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.examples.fanout.FanOut;
import dev.faas4j.examples.orders.Orders;

/**
 * The daily report on its schedule. To run it now on the local runtime:
 * {@code curl -X POST 127.0.0.1:8080/_faas4j/schedules/dailyReport/fire} (or {@code LocalConsole fire dailyReport}).
 */
public final class Reports implements FunctionApp {
  /** The logical bucket reports are written to. */
  public static final String BUCKET = "reports";

  @Override
  public void configure(Functions functions, Platform platform) {
    DailyReport report = new DailyReport(platform.keyValueStore(Orders.TABLE),
        platform.keyValueStore(FanOut.ANALYTICS), platform.objectStorage(BUCKET));
    functions.onSchedule("dailyReport", cron("0 2 * * *"), report);
  }
}
