package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The formatter-free reading of the commonest timestamp agrees with {@code OffsetDateTime.parse} everywhere. */
class WireInstantTest {
  @Test
  void theCommonShapeIsReadWithoutTheFormatterAndAgreesWithIt() {
    Random random = new Random(13);
    String[] offsets = {"Z", "+00:00", "-00:00", "+01:00", "-05:30", "+14:00", "-12:45", "+17:59"};
    for (int i = 0; i < 20_000; i++) {
      OffsetDateTime time = OffsetDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1,
          random.nextInt(24), random.nextInt(60), random.nextInt(60), 0, ZoneOffset.UTC)
          .plusDays(random.nextInt(31)).withYear(1 + random.nextInt(9_998));
      String date = String.format("%04d-%02d-%02dT%02d:%02d:%02d", time.getYear(), time.getMonthValue(),
          time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
      int digits = random.nextInt(10);
      String fraction = digits == 0 ? "" : "." + String.format("%09d", random.nextInt(1_000_000_000))
          .substring(0, digits);
      String text = date + fraction + offsets[random.nextInt(offsets.length)];

      Instant fast = Wire.rfc3339(text);

      assertThat(fast).as(text).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
      assertThat(Wire.instant(text, "time")).isEqualTo(fast);
    }
    assertThat(Wire.rfc3339("2024-02-29T23:59:59.999999999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
    assertThat(Wire.rfc3339("0000-03-01T00:00:00Z")).isEqualTo(OffsetDateTime.parse("0000-03-01T00:00:00Z").toInstant());
  }

  @Test
  void otherShapesAndOutOfRangeFieldsAreLeftToTheFormatterWhichDecidesAsBefore() {
    for (String text : new String[] {"2025-03-10t13:40:52z", "2025-03-10T13:40Z", "2025-03-10T13:40:52+18:00",
        "2025-03-10T13:40:52+01:00:30", "2025-03-10T13:40:52.Z", "+12025-03-10T13:40:52Z"}) {
      assertThat(Wire.rfc3339(text)).as(text).isNull();
      assertThat(Wire.instant(text, "time")).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
    for (String text : new String[] {"2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-04-31T00:00:00Z",
        "2025-03-10T24:00:00Z", "2025-03-10T13:60:00Z", "2025-03-10T13:40:60Z", "2025-03-10T13:40:52+19:00",
        "2025-03-10T13:40:52.1234567890Z", "2025-03-10T13:40:52", "2025-03-10T13:40:52+0100", "2025-03-1xT13:40:52Z",
        "2025-03-10T13:40:52Z "}) {
      assertThat(Wire.rfc3339(text)).as(text).isNull();
      if (!text.endsWith(" ")) { // instant() trims
        assertThatThrownBy(() -> Wire.instant(text, "InsertionTime")).as(text)
            .isInstanceOf(InvalidEventException.class)
            .hasMessage("InsertionTime is not a timestamp in a known format");
      }
    }
  }
}
