package dev.faas4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.Origin;
import dev.faas4j.event.ScheduleEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final Instant DUE = Instant.parse("2026-12-04T02:00:00Z");

  private static ScheduleEvent run(String id, Optional<Instant> due) {
    return new ScheduleEvent(id, "/schedules/nightly", ScheduleEvent.TYPE, Optional.empty(), Optional.of(DUE),
        "nightly", due, false, Optional.empty(), Optional.empty(), Origin.none());
  }

  @Test
  void runsWithADueTimeAreTheSameRunWhateverTheirIds() {
    assertThat(Fingerprint.of(run("a", Optional.of(DUE)))).isEqualTo(Fingerprint.of(run("b", Optional.of(DUE))));
  }

  @Test
  void runsWithoutADueTimeAreToldApartByTheirIds() {
    assertThat(Fingerprint.of(run("a", Optional.empty()))).isNotEqualTo(Fingerprint.of(run("b", Optional.empty())));
    assertThat(Fingerprint.of(run("a", Optional.empty()))).isEqualTo(Fingerprint.of(run("a", Optional.empty())));
  }
}
