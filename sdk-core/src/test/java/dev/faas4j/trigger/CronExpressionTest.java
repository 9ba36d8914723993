package dev.faas4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ZonedDateTime utc(String iso) {
    return ZonedDateTime.parse(iso).withZoneSameInstant(ZoneOffset.UTC);
  }

  private static List<ZonedDateTime> runs(String expr, ZonedDateTime from, int count) {
    CronExpression cron = CronExpression.parse(expr);
    List<ZonedDateTime> out = new ArrayList<>();
    ZonedDateTime t = from;
    for (int i = 0; i < count; i++) {
      t = cron.next(t).orElseThrow();
      out.add(t);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource({
      "'0 2 * * *',          2026-03-01T10:15:00Z, 2026-03-02T02:00:00Z",
      "'*/15 * * * *',       2026-03-01T10:15:00Z, 2026-03-01T10:30:00Z",
      "'*/15 * * * *',       2026-03-01T10:14:59Z, 2026-03-01T10:15:00Z",
      "'5/20 * * * *',       2026-03-01T10:26:00Z, 2026-03-01T10:45:00Z",
      "'10-20/5 8 * * *',    2026-03-01T08:16:00Z, 2026-03-01T08:20:00Z",
      "'0 9-17 * * MON-FRI', 2026-03-06T17:00:00Z, 2026-03-09T09:00:00Z",
      "'0 0 1,15 * *',       2026-03-02T00:00:00Z, 2026-03-15T00:00:00Z",
      "'30 4 1 JAN *',       2026-03-01T00:00:00Z, 2027-01-01T04:30:00Z",
      "'0 12 * jun sun',     2026-03-01T00:00:00Z, 2026-06-07T12:00:00Z",
      "'0 0 * * 7',          2026-03-02T00:00:00Z, 2026-03-08T00:00:00Z",
      "'0 0 * * 0',          2026-03-02T00:00:00Z, 2026-03-08T00:00:00Z",
      "'0 0 * * 5-7',        2026-03-02T00:00:00Z, 2026-03-06T00:00:00Z",
      "'0 0 ? * 1',          2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z",
      "'@daily',             2026-12-31T23:59:00Z, 2027-01-01T00:00:00Z",
      "'@hourly',            2026-03-01T10:00:00Z, 2026-03-01T11:00:00Z",
      "'@weekly',            2026-03-01T00:00:00Z, 2026-03-08T00:00:00Z",
      "'@monthly',           2026-01-31T12:00:00Z, 2026-02-01T00:00:00Z",
      "'@yearly',            2026-03-01T00:00:00Z, 2027-01-01T00:00:00Z",
      "'0 0 31 * *',         2026-04-01T00:00:00Z, 2026-05-31T00:00:00Z",
      "'59 23 31 12 *',      2026-12-31T23:59:00Z, 2027-12-31T23:59:00Z",
      "'0 0 29 2 *',         2026-03-01T00:00:00Z, 2028-02-29T00:00:00Z"})
  void findsTheNextRun(String expr, String after, String expected) {
    assertThat(CronExpression.parse(expr).next(utc(after))).contains(utc(expected));
  }

  @Test
  void whenBothDayFieldsAreRestrictedEitherMatches() {
    // Vixie cron: the 13th of the month OR any Friday.
    List<ZonedDateTime> r = runs("0 0 13 * FRI", utc("2026-02-01T00:00:00Z"), 4);

    assertThat(r).containsExactly(utc("2026-02-06T00:00:00Z"), utc("2026-02-13T00:00:00Z"),
        utc("2026-02-20T00:00:00Z"), utc("2026-02-27T00:00:00Z"));
    assertThat(runs("0 0 13 * FRI", utc("2026-02-27T00:00:00Z"), 2))
        .containsExactly(utc("2026-03-06T00:00:00Z"), utc("2026-03-13T00:00:00Z"));
  }

  @Test
  void nextIsStrictlyAfter() {
    CronExpression c = CronExpression.parse("0 2 * * *");

    assertThat(c.next(utc("2026-03-01T02:00:00Z"))).contains(utc("2026-03-02T02:00:00Z"));
    assertThat(c.next(utc("2026-03-01T01:59:59.999Z"))).contains(utc("2026-03-01T02:00:00Z"));
  }

  @Test
  void crossesMonthAndYearEnds() {
    assertThat(runs("0 0 1 * *", utc("2026-11-15T00:00:00Z"), 3))
        .containsExactly(utc("2026-12-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"));
  }

  @Test
  void leapDayRunsOnlyInLeapYears() {
    assertThat(runs("0 0 29 2 *", utc("2024-03-01T00:00:00Z"), 2))
        .containsExactly(utc("2028-02-29T00:00:00Z"), utc("2032-02-29T00:00:00Z"));
  }

  @Test
  void readsFieldsInTheZoneOfTheGivenTime() {
    CronExpression c = CronExpression.parse("0 9 * * *");

    assertThat(c.next(Instant.parse("2026-01-15T07:00:00Z"), BERLIN)).contains(Instant.parse("2026-01-15T08:00:00Z"));
    assertThat(c.next(Instant.parse("2026-07-15T06:00:00Z"), BERLIN)).contains(Instant.parse("2026-07-15T07:00:00Z"));
  }

  @Test
  void aRunInTheSpringForwardGapRunsAtTheShiftedTimeOnce() {
    // 2026-03-29 in Berlin: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist.
    CronExpression c = CronExpression.parse("30 2 * * *");
    ZonedDateTime before = ZonedDateTime.of(2026, 3, 29, 1, 0, 0, 0, BERLIN);

    ZonedDateTime run = c.next(before).orElseThrow();
    ZonedDateTime following = c.next(run).orElseThrow();

    assertThat(run.toInstant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(run.toLocalTime()).hasToString("03:30");
    assertThat(following).isEqualTo(ZonedDateTime.of(2026, 3, 30, 2, 30, 0, 0, BERLIN));
  }

  @Test
  void aRunInTheFallBackOverlapRunsOnce() {
    // 2026-10-25 in Berlin: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
    CronExpression c = CronExpression.parse("30 2 * * *");
    ZonedDateTime before = ZonedDateTime.of(2026, 10, 25, 0, 0, 0, 0, BERLIN);

    ZonedDateTime run = c.next(before).orElseThrow();
    ZonedDateTime following = c.next(run).orElseThrow();

    assertThat(run.toInstant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(following.toInstant()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void stepsInTheGapDoNotGoBackwards() {
    CronExpression c = CronExpression.parse("*/30 * * * *");
    ZonedDateTime t = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, BERLIN);
    List<Instant> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      t = c.next(t).orElseThrow();
      seen.add(t.toInstant());
    }

    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void matchesToTheMinute() {
    CronExpression c = CronExpression.parse("15 10 * * *");

    assertThat(c.matches(utc("2026-03-01T10:15:42Z"))).isTrue();
    assertThat(c.matches(utc("2026-03-01T10:16:00Z"))).isFalse();
  }

  @Test
  void rejectsExpressionsThatNeverFire() {
    assertThatThrownBy(() -> CronExpression.parse("0 0 30 2 *"))
        .isInstanceOf(InvalidTriggerException.class).hasMessage("Cron expression '0 0 30 2 *' can never fire");
    assertThatThrownBy(() -> CronExpression.parse("0 0 31 4,6,9,11 *"))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("never fire");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "60 * * * *|minute",
      "* 24 * * *|hour",
      "* * 0 * *|day-of-month",
      "* * 32 * *|day-of-month",
      "* * * 13 *|month",
      "* * * FOO *|month",
      "* * * * 8|day-of-week",
      "* * * * MOM|day-of-week",
      "*/0 * * * *|minute step",
      "5-1 * * * *|minute range",
      "1,,2 * * * *|minute",
      "? * * * *|minute",
      "L * * * *|minute",
      "+5 * * * *|minute",
      "\u0665 * * * *|minute",
      "* * 1W * *|day-of-month",
      "* * * * 1#2|day-of-week"})
  void rejectsBadFieldsNamingTheField(String expr, String field) {
    assertThatThrownBy(() -> CronExpression.parse(expr))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessageStartingWith("Cron expression '" + expr + "': " + field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "* * * *", "0 * * * * *", "@reboot", "@every 5m"})
  void rejectsWrongShapes(String expr) {
    assertThatThrownBy(() -> CronExpression.parse(expr)).isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void keepsTheExpressionAsWrittenAndTheExpandedFields() {
    CronExpression c = CronExpression.parse("  @daily ");

    assertThat(c.expression()).isEqualTo("@daily");
    assertThat(c.fields()).containsExactly("0", "0", "*", "*", "*");
    assertThat(c).isEqualTo(CronExpression.parse("0 0 * * *")).hasToString("@daily");
  }

  @Test
  void scheduleTriggerDescribesTheZoneUnlessUtc() {
    assertThat(Triggers.cron("0 2 * * *").describe()).isEqualTo("cron 0 2 * * *");
    assertThat(Triggers.cron("0 2 * * *").zone(BERLIN).describe()).isEqualTo("cron 0 2 * * * Europe/Berlin");
  }

  @Test
  void aSteppedStarInADayFieldDoesNotRestrictTheDay() {
    // Vixie cron: "*/2" in day-of-month leaves day-of-week in charge alone, so this is "every Monday".
    CronExpression cron = CronExpression.parse("0 0 */1 * MON");
    java.time.ZonedDateTime tuesday = java.time.ZonedDateTime.parse("2030-01-01T00:00Z");
    assertThat(cron.next(tuesday)).contains(java.time.ZonedDateTime.parse("2030-01-07T00:00Z"));
  }
}
