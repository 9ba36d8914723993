package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.port.OutgoingMessage;
import java.time.Duration;
import java.util.List;

/** What every {@link DurableQueue} does with its dead letters, run by each implementation's test. */
final class DeadLetterChecks {
  private DeadLetterChecks() {}

  static void countsInFlightRedrivesAndPurges(DurableQueue queue, Duration lease) {
    String a = queue.send(OutgoingMessage.text("a"));
    String b = queue.send(OutgoingMessage.text("b"));
    queue.send(OutgoingMessage.text("c"));
    List<Delivery> leased = queue.receive(2, lease);
    assertThat(queue.inFlight()).isEqualTo(2);
    leased.forEach(d -> queue.deadLetter(d, "failed 5 times: IllegalStateException"));
    assertThat(queue.inFlight()).isZero();
    assertThat(queue.depth()).isEqualTo(1);

    assertThat(queue.redriveDeadLetters(a)).isEqualTo(1);
    assertThat(queue.deadLetters()).extracting(Delivery::id).containsExactly(b);
    assertThat(queue.deadLetterReason(b)).contains("failed 5 times: IllegalStateException");
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.receive(10, lease)).extracting(Delivery::id, Delivery::deliveryAttempt).contains(tuple(a, 1));

    assertThat(queue.purgeDeadLetters(null)).isEqualTo(1);
    assertThat(queue.deadLetters()).isEmpty();
    assertThat(queue.redriveDeadLetters(null)).isZero();
  }
}
