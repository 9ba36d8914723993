package dev.faas4j.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron expression: {@code minute hour day-of-month month day-of-week}.
 *
 * <p>Each field takes {@code *}, a value, a range {@code a-b}, a step {@code * /n}, {@code a-b/n} or {@code a/n},
 * or a comma-separated list of these. Months and days take names ({@code JAN}, {@code MON}); day-of-week 0 and 7
 * are Sunday; {@code ?} means {@code *} in the day fields. When both day fields are restricted a day matches if
 * either does (as in Vixie cron). {@code @yearly}, {@code @monthly}, {@code @weekly}, {@code @daily} and
 * {@code @hourly} are accepted. Adapters translate it to AWS {@code cron(...)} and Azure NCRONTAB.
 */
public final class CronExpression {
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String expression;
  private final List<String> fields;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronExpression(String expression, String[] f) {
    this.expression = expression;
    this.fields = List.of(f);
    this.minutes = field(f[0], 0, 59, List.of(), "minute");
    this.hours = field(f[1], 0, 23, List.of(), "hour");
    this.daysOfMonth = field(f[2], 1, 31, List.of(), "day-of-month");
    this.months = field(f[3], 1, 12, MONTHS, "month");
    long dow = field(f[4], 0, 7, DAYS, "day-of-week");
    this.daysOfWeek = (dow & (1L << 7)) != 0 ? dow | 1L : dow;
    this.domRestricted = !isWildcard(f[2]);
    this.dowRestricted = !isWildcard(f[4]);
  }

  /**
   * Parses an expression.
   *
   * @throws InvalidTriggerException naming the expression and the field at fault, or if it can never fire
   *     (such as {@code 0 0 30 2 *})
   */
  public static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidTriggerException("Cron expression must not be empty");
    }
    String trimmed = expression.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] f = expanded.split("\\s+");
    if (f.length != 5) {
      throw new InvalidTriggerException("Cron expression '" + expression + "' must have 5 fields (minute hour "
          + "day-of-month month day-of-week); got " + f.length);
    }
    CronExpression cron;
    try {
      cron = new CronExpression(trimmed, f);
    } catch (InvalidTriggerException e) {
      throw new InvalidTriggerException("Cron expression '" + expression + "': " + e.getMessage(), e);
    }
    ZonedDateTime probe = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
    if (cron.next(probe).isEmpty()) {
      throw new InvalidTriggerException("Cron expression '" + expression + "' can never fire");
    }
    return cron;
  }

  /** The expression as written (macros not expanded). */
  public String expression() {
    return expression;
  }

  /** The five fields after macro expansion, as written. */
  public List<String> fields() {
    return fields;
  }

  /** The first time strictly after {@code after} that matches; empty if none within eight years. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    ZoneId zone = after.getZone();
    LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime limit = t.plusYears(8);
    while (t.isBefore(limit)) {
      if (!has(months, t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!has(hours, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(minutes, t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null); // a time in a DST gap runs at the shifted time
        if (z.isAfter(after)) {
          return Optional.of(z);
        }
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  /** The first matching instant strictly after {@code after}, reading the fields in {@code zone}. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    return next(after.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  /** Whether {@code time} (in its zone, to the minute) matches. */
  public boolean matches(ZonedDateTime time) {
    LocalDateTime t = time.toLocalDateTime();
    return has(months, t.getMonthValue()) && dayMatches(t) && has(hours, t.getHour()) && has(minutes, t.getMinute());
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = has(daysOfMonth, t.getDayOfMonth());
    boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  /** As in Vixie cron, a day field starting with {@code *} (also {@code * /2}) does not restrict the day. */
  private static boolean isWildcard(String field) {
    return field.startsWith("*") || field.equals("?");
  }

  private static long field(String text, int min, int max, List<String> names, String what) {
    long bits = 0;
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw new InvalidTriggerException(what + " field '" + text + "' has an empty list element");
      }
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max - min + 1, List.of(), what + " step");
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?") && (what.startsWith("day"))) {
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-', 1);
        from = number(dash < 0 ? range : range.substring(0, dash), min, max, names, what);
        to = dash < 0 ? (slash >= 0 ? max : from) : number(range.substring(dash + 1), min, max, names, what);
        if (to < from) {
          throw new InvalidTriggerException(what + " range '" + range + "' runs backwards");
        }
      }
      for (int v = from; v <= to; v += step) {
        bits |= 1L << v;
      }
    }
    return bits;
  }

  private static boolean asciiDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int min, int max, List<String> names, String what) {
    int named = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + (min == 1 ? 1 : 0);
    }
    // ASCII digits only: Integer.parseInt also takes "+5" and non-ASCII digits, which no platform's cron accepts.
    if (s.isEmpty() || s.length() > 4 || !asciiDigits(s)) { // a loop, not a lambda: parsed on every cold start
      throw new InvalidTriggerException(what + " value '" + s + "' is not a number" + (names.isEmpty() ? "" : " or name"));
    }
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw new InvalidTriggerException(what + " value " + v + " is outside " + min + "-" + max);
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression c && c.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
