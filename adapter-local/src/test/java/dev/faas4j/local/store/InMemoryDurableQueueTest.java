package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.port.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDurableQueueTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final InMemoryDurableQueue queue = new InMemoryDurableQueue("orders", clock);

  @Test
  void leasedMessageIsInvisibleUntilItsLeaseExpires() {
    queue.send(OutgoingMessage.text("a"));
    List<Delivery> first = queue.receive(10, LEASE);
    assertThat(first).singleElement().satisfies(d -> assertThat(d.deliveryAttempt()).isEqualTo(1));
    assertThat(queue.receive(10, LEASE)).isEmpty();
    assertThat(queue.nextVisibleAt()).contains(clock.instant().plus(LEASE));

    clock.advance(LEASE);
    List<Delivery> again = queue.receive(10, LEASE);
    assertThat(again).singleElement().satisfies(d -> assertThat(d.deliveryAttempt()).isEqualTo(2));
  }

  @Test
  void ackWithStaleLeaseIsIgnored() {
    queue.send(OutgoingMessage.text("a"));
    Delivery stale = queue.receive(1, LEASE).get(0);
    clock.advance(LEASE);
    Delivery current = queue.receive(1, LEASE).get(0);

    queue.ack(stale);
    assertThat(queue.depth()).isEqualTo(1);
    queue.ack(current);
    assertThat(queue.depth()).isZero();
  }

  @Test
  void retryLaterHidesTheMessageForTheDelay() {
    queue.send(OutgoingMessage.text("a"));
    queue.retryLater(queue.receive(1, LEASE).get(0), Duration.ofSeconds(4));
    clock.advance(Duration.ofSeconds(3));
    assertThat(queue.receive(1, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.receive(1, LEASE)).hasSize(1);
  }

  @Test
  void delayedSendBecomesVisibleAfterTheDelay() {
    queue.send(OutgoingMessage.text("a").delay(Duration.ofSeconds(10)));
    assertThat(queue.receive(1, LEASE)).isEmpty();
    assertThat(queue.nextVisibleAt()).contains(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.receive(1, LEASE)).hasSize(1);
  }

  @Test
  void deadLetterKeepsBodyAttributesAndReason() {
    queue.send(OutgoingMessage.text("poison").attribute("tenant", "acme"));
    Delivery d = queue.receive(1, LEASE).get(0);
    queue.deadLetter(d, "boom");

    assertThat(queue.depth()).isZero();
    assertThat(queue.deadLetters()).singleElement().satisfies(dl -> {
      assertThat(new String(dl.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("poison");
      assertThat(dl.attributes()).containsEntry("tenant", "acme");
    });
    assertThat(queue.deadLetterReason(d.id())).contains("boom");
  }

  @Test
  void neverLeasesAMessageWhileAnEarlierOneOfItsGroupIsPending() {
    queue.send(OutgoingMessage.text("a1").groupKey("a"));
    queue.send(OutgoingMessage.text("a2").groupKey("a"));
    queue.send(OutgoingMessage.text("b1").groupKey("b"));

    List<Delivery> first = queue.receive(1, LEASE);
    assertThat(bodies(first)).containsExactly("a1");
    assertThat(bodies(queue.receive(10, LEASE))).containsExactly("b1");

    queue.retryLater(first.get(0), Duration.ofSeconds(5));
    assertThat(queue.receive(10, LEASE)).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    assertThat(bodies(queue.receive(10, LEASE))).containsExactly("a1", "a2");
  }

  @Test
  void duplicateDeduplicationIdWithinFiveMinutesIsNotEnqueuedTwice() {
    String first = queue.send(OutgoingMessage.text("a").deduplicationId("d1"));
    String second = queue.send(OutgoingMessage.text("a").deduplicationId("d1"));
    assertThat(second).isEqualTo(first);
    assertThat(queue.depth()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    assertThat(queue.send(OutgoingMessage.text("a").deduplicationId("d1"))).isNotEqualTo(first);
  }

  private static List<String> bodies(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> new String(d.body(), java.nio.charset.StandardCharsets.UTF_8)).toList();
  }

  @Test
  void deadLettersCanBeCountedInFlightRedrivenAndPurged() {
    DeadLetterChecks.countsInFlightRedrivesAndPurges(queue, LEASE);
  }
}
