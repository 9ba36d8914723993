package dev.faas4j.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitterTest {
  @Test
  void reseedDrawsANewSaltSoThatRestoredCopiesDoNotShareASequence() {
    Set<Long> salts = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      Jitter.reseed();
      salts.add(Jitter.salt());
    }
    assertThat(salts).hasSize(5);
  }

  @Test
  void valuesStayInRange() {
    for (int i = 0; i < 1000; i++) {
      assertThat(Jitter.source().nextDouble()).isBetween(0.0, 1.0);
    }
  }
}
