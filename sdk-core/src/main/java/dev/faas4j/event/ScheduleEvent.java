package dev.faas4j.event;

import java.time.Instant;
import java.util.Optional;

/**
 * A scheduled run (EventBridge schedule, Cloud Scheduler, Azure Timer, local cron).
 *
 * @param time when the run actually started, if the platform says
 * @param schedule the schedule's name (the function's registered name when the platform gives none)
 * @param scheduledTime when the run was due, if the platform says (an Azure timer trigger does not)
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
    Optional<Instant> time,
    String schedule,
    Optional<Instant> scheduledTime,
    boolean pastDue,
    Optional<Instant> lastRun,
    Optional<Instant> nextRun,
    Origin origin) implements Event {

  /** The {@code type} of events built by {@link #of}. */
  public static final String TYPE = "dev.faas4j.schedule.fired";

  public ScheduleEvent {
    Checks.notBlank(id, "id");
    Checks.notBlank(source, "source");
    Checks.notBlank(type, "type");
    Checks.optional(subject, "subject");
    Checks.optional(time, "time");
    Checks.notBlank(schedule, "schedule");
    Checks.optional(scheduledTime, "scheduledTime");
    Checks.optional(lastRun, "lastRun");
    Checks.optional(nextRun, "nextRun");
    Checks.notNull(origin, "origin");
  }

  /** Equal when the portable facts are; the origin is not compared. */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof ScheduleEvent e && id.equals(e.id) && source.equals(e.source) && type.equals(e.type)
        && subject.equals(e.subject) && time.equals(e.time) && schedule.equals(e.schedule)
        && scheduledTime.equals(e.scheduledTime) && pastDue == e.pastDue && lastRun.equals(e.lastRun)
        && nextRun.equals(e.nextRun);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, schedule, scheduledTime);
  }

  /** This event with the platform's origin. */
  public ScheduleEvent withOrigin(Origin origin) {
    return new ScheduleEvent(id, source, type, subject, time, schedule, scheduledTime, pastDue, lastRun, nextRun,
        origin);
  }

  /** A run of {@code schedule} due at {@code scheduledTime} and started at {@code time}. */
  public static ScheduleEvent of(String id, String schedule, Instant scheduledTime, Instant time, boolean pastDue) {
    return new ScheduleEvent(id, "/schedules/" + schedule, TYPE, Optional.empty(),
        Optional.of(Checks.notNull(time, "time")), schedule, Optional.of(Checks.notNull(scheduledTime, "scheduledTime")), pastDue, Optional.empty(), Optional.empty(), Origin.none());
  }
}
