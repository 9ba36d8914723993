package dev.faas4j.trigger;

import java.time.ZoneId;

/** A cron schedule in a time zone (UTC unless set). */
public record ScheduleTrigger(CronExpression cron, ZoneId zone) implements Trigger {

  public ScheduleTrigger {
    if (cron == null || zone == null) {
      throw new InvalidTriggerException("Schedule needs a cron expression and a zone");
    }
  }

  public ScheduleTrigger zone(ZoneId zone) {
    return new ScheduleTrigger(cron, zone);
  }

  @Override
  public String describe() {
    return "cron " + cron.expression() + (zone.getId().equals("UTC") || zone.getId().equals("Z") ? "" : " " + zone);
  }
}
