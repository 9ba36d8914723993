package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import org.junit.jupiter.api.Test;

/** The SentTimestamp shortcut reads every value as {@code Wire.instant} does. */
class SqsSentTimestampTest {
  private static final RecordPaths.Sqs PATH = RecordPaths.sqs(0);

  @Test
  void sameInstantAsWireInstant() {
    for (String s : new String[] {"1741614052000", "100000000000", "999999999999", "9223372036854", "1741614052",
        "0001741614052000", " 1741614052000", "1741614052000.5", "2025-03-10T13:40:52Z", "0"}) {
      assertThat(EventMapping.epochMillis(s, PATH)).as(s).isEqualTo(Wire.instant(s, PATH.sentTimestamp()));
    }
    assertThat(EventMapping.epochMillis(null, PATH)).isNull();
  }

  @Test
  void sameErrorsAsWireInstant() {
    for (String s : new String[] {"9223372036855", "99999999999999999999", "", "x"}) {
      assertThatThrownBy(() -> Wire.instant(s, PATH.sentTimestamp())).isInstanceOf(InvalidEventException.class);
      assertThatThrownBy(() -> EventMapping.epochMillis(s, PATH)).isInstanceOf(InvalidEventException.class)
          .hasMessage(messageOf(s));
    }
  }

  private static String messageOf(String s) {
    try {
      Wire.instant(s, PATH.sentTimestamp());
      throw new AssertionError(s);
    } catch (InvalidEventException e) {
      return e.getMessage();
    }
  }
}
