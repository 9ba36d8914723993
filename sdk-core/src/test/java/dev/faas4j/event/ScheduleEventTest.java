package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleEventTest {
  private static final Instant DUE = Instant.parse("2026-03-01T02:00:00Z");

  @Test
  void ofFillsSourceAndType() {
    ScheduleEvent e = ScheduleEvent.of("run-1", "dailyReport", DUE, DUE.plusSeconds(3), false);

    assertThat(e.source()).isEqualTo("/schedules/dailyReport");
    assertThat(e.type()).isEqualTo(ScheduleEvent.TYPE);
    assertThat(e.time()).hasValue(DUE.plusSeconds(3));
    assertThat(e.scheduledTime()).hasValue(DUE);
    assertThat(e.lastRun()).isEmpty();
    assertThat(e.nextRun()).isEmpty();
  }

  @Test
  void rejectsBlankScheduleAndNullTimes() {
    assertThatThrownBy(() -> ScheduleEvent.of("run-1", " ", DUE, DUE, false))
        .isInstanceOf(InvalidEventException.class).hasMessage("schedule must not be blank");
    assertThatThrownBy(() -> ScheduleEvent.of("run-1", "daily", null, DUE, false))
        .isInstanceOf(NullPointerException.class).hasMessage("scheduledTime must not be null");
    assertThatThrownBy(() -> new ScheduleEvent("r", "s", "t", Optional.empty(), Optional.of(DUE), "daily",
        Optional.of(DUE), true, null, Optional.empty(), Origin.none()))
        .isInstanceOf(NullPointerException.class).hasMessage("lastRun must not be null");
  }
}
