package dev.faas4j.event;

import java.time.Instant;
import java.util.Optional;

/**
 * A scheduled run (EventBridge schedule, Cloud Scheduler, Azure Timer, local cron).
 *
 * @param time when the run actually started
 * @param schedule the schedule's name (the function's registered name when the platform gives none)
 * @param scheduledTime when the run was due
 * @param pastDue whether the run is late: it was missed while the runtime was stopped, or started well after its
 *     due time. A missed run is reported once, not replayed
 * @param lastRun the previous run, if the platform tracks it
 * @param nextRun the next due time, if the platform tracks it
 */
public record ScheduleEvent(
    String id,
    String source,
    String type,
    Optional<String> subject,
    Instant time,
    String schedule,
    Instant scheduledTime,
    boolean pastDue,
    Optional<Instant> lastRun,
    Optional<Instant> nextRun) implements Event {

  /** The {@code type} of events built by {@link #of}. */
  public static final String TYPE = "dev.faas4j.schedule.fired";

  public ScheduleEvent {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.notNull(time, "time");
    Checks.notBlank(schedule, "schedule");
    Checks.notNull(scheduledTime, "scheduledTime");
    Checks.optional(lastRun, "lastRun");
    Checks.optional(nextRun, "nextRun");
  }

  /** A run of {@code schedule} due at {@code scheduledTime} and started at {@code time}. */
  public static ScheduleEvent of(String id, String schedule, Instant scheduledTime, Instant time, boolean pastDue) {
    return new ScheduleEvent(id, "/schedules/" + schedule, TYPE, Optional.empty(), time, schedule, scheduledTime,
        pastDue, Optional.empty(), Optional.empty());
  }
}
