package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.contract.MessageQueueContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDurableQueueTest extends MessageQueueContract<SqliteDurableQueue> {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  @TempDir
  Path dataDir;
  private LocalDatabase db;

  @Override
  protected SqliteDurableQueue newSubject() {
    db = LocalDatabase.open(dataDir);
    return new SqliteDurableQueue(db, "orders", clock);
  }

  @Override
  protected List<ReceivedMessage> receive(SqliteDurableQueue subject, int max) {
    return subject.receive(max, LEASE).stream().map(d -> {
      subject.ack(d);
      return new ReceivedMessage(d.id(), d.body(), d.attributes(), d.groupKey());
    }).toList();
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void receivedMessageCarriesAttemptSentTimeAndLease() {
    Instant sent = clock.instant();
    String id = queue.send(OutgoingMessage.text("x"));
    clock.advance(Duration.ofSeconds(3));

    Delivery d = single(queue.receive(10, LEASE));

    assertThat(d.id()).isEqualTo(id);
    assertThat(d.queue()).isEqualTo("orders");
    assertThat(d.deliveryAttempt()).isEqualTo(1);
    assertThat(d.sentAt()).isEqualTo(sent);
    assertThat(d.leaseToken()).isNotBlank();
  }

  @Test
  void leasedMessageIsInvisibleUntilItsLeaseRunsOutThenRedeliveredAsNextAttempt() {
    String id = queue.send(OutgoingMessage.text("x"));
    Delivery first = single(queue.receive(10, LEASE));

    clock.advance(LEASE.minusMillis(1));
    assertThat(queue.receive(10, LEASE)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    Delivery second = single(queue.receive(10, LEASE));

    assertThat(second.id()).isEqualTo(id);
    assertThat(second.deliveryAttempt()).isEqualTo(2);
    assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
  }

  @Test
  void ackWithStaleLeaseTokenIsIgnored() {
    queue.send(OutgoingMessage.text("x"));
    Delivery stale = single(queue.receive(10, LEASE));
    clock.advance(LEASE);
    Delivery current = single(queue.receive(10, LEASE));

    queue.ack(stale);
    queue.retryLater(stale, Duration.ZERO);
    queue.deadLetter(stale, "stale consumer");

    assertThat(queue.depth()).isEqualTo(1);
    assertThat(queue.deadLetters()).isEmpty();
    assertThat(queue.receive(10, LEASE)).isEmpty(); // still leased to the current consumer
    queue.ack(current);
    assertThat(queue.depth()).isZero();
  }

  @Test
  void ackAfterLeaseExpirySucceedsWhileNobodyElseTookTheMessage() {
    queue.send(OutgoingMessage.text("x"));
    Delivery d = single(queue.receive(10, LEASE));
    clock.advance(LEASE.plusSeconds(1));

    queue.ack(d);

    assertThat(queue.depth()).isZero();
  }

  @Test
  void retryLaterHidesMessageForTheDelay() {
    queue.send(OutgoingMessage.text("x"));
    Delivery d = single(queue.receive(10, LEASE));

    queue.retryLater(d, Duration.ofSeconds(10));

    assertThat(queue.nextVisibleAt()).contains(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    assertThat(queue.receive(10, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(single(queue.receive(10, LEASE)).deliveryAttempt()).isEqualTo(2);
  }

  @Test
  void deadLetterKeepsBodyAttributesAttemptsAndReason() {
    String id = queue.send(OutgoingMessage.text("poison").attribute("tenant", "acme").groupKey("g"));
    queue.retryLater(single(queue.receive(1, LEASE)), Duration.ZERO);
    Delivery second = single(queue.receive(1, LEASE));

    queue.deadLetter(second, "handler threw IllegalStateException");

    assertThat(queue.depth()).isZero();
    assertThat(queue.receive(10, LEASE)).isEmpty();
    Delivery letter = single(queue.deadLetters());
    assertThat(letter.id()).isEqualTo(id);
    assertThat(new String(letter.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("poison");
    assertThat(letter.attributes()).isEqualTo(Map.of("tenant", "acme"));
    assertThat(letter.groupKey()).contains("g");
    assertThat(letter.deliveryAttempt()).isEqualTo(2);
    assertThat(queue.deadLetterReason(id)).contains("handler threw IllegalStateException");
  }

  @Test
  void groupIsLeasedOneMessageAtATimeInSendOrderWhileOtherGroupsProceed() {
    String a1 = queue.send(OutgoingMessage.text("a1").groupKey("a"));
    String a2 = queue.send(OutgoingMessage.text("a2").groupKey("a"));
    String b1 = queue.send(OutgoingMessage.text("b1").groupKey("b"));
    String free = queue.send(OutgoingMessage.text("free"));

    List<Delivery> first = queue.receive(10, LEASE);
    assertThat(first).extracting(Delivery::id).containsExactly(a1, b1, free);

    assertThat(queue.receive(10, LEASE)).isEmpty(); // a2 waits for a1
    queue.ack(first.get(0));
    assertThat(queue.receive(10, LEASE)).extracting(Delivery::id).containsExactly(a2);
  }

  @Test
  void groupWaitsBehindAnEarlierMessageThatIsRetryingOrDelayed() {
    String a1 = queue.send(OutgoingMessage.text("a1").groupKey("a").delay(Duration.ofSeconds(5)));
    String a2 = queue.send(OutgoingMessage.text("a2").groupKey("a"));

    assertThat(queue.receive(10, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    Delivery first = single(queue.receive(10, LEASE));
    assertThat(first.id()).isEqualTo(a1);

    queue.retryLater(first, Duration.ofSeconds(5));
    assertThat(queue.receive(10, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    Delivery retried = single(queue.receive(10, LEASE));
    assertThat(retried.id()).isEqualTo(a1);
    queue.deadLetter(retried, "gave up");

    assertThat(single(queue.receive(10, LEASE)).id()).isEqualTo(a2);
  }

  @Test
  void groupResumesWhenTheLeaseOfItsHeadRunsOut() {
    String a1 = queue.send(OutgoingMessage.text("a1").groupKey("a"));
    queue.send(OutgoingMessage.text("a2").groupKey("a"));
    single(queue.receive(10, LEASE));

    clock.advance(LEASE);

    assertThat(single(queue.receive(10, LEASE)).id()).isEqualTo(a1);
  }

  @Test
  void depthCountsVisibleInFlightAndDelayedButNotDeadLetters() {
    queue.send(OutgoingMessage.text("visible"));
    queue.send(OutgoingMessage.text("delayed").delay(Duration.ofMinutes(1)));
    queue.send(OutgoingMessage.text("in flight"));
    queue.send(OutgoingMessage.text("dead"));
    List<Delivery> leased = queue.receive(3, LEASE);
    queue.retryLater(leased.get(0), Duration.ZERO);
    queue.deadLetter(leased.get(2), "bad");

    assertThat(queue.depth()).isEqualTo(3);
  }

  @Test
  void nextVisibleAtIsTheEarliestDelayOrLeaseEnd() {
    assertThat(queue.nextVisibleAt()).isEmpty();
    Instant now = clock.instant();
    queue.send(OutgoingMessage.text("delayed").delay(Duration.ofMinutes(2)));
    assertThat(queue.nextVisibleAt()).contains(now.plus(Duration.ofMinutes(2)));

    queue.send(OutgoingMessage.text("leased"));
    assertThat(queue.nextVisibleAt()).contains(now); // visible already
    single(queue.receive(10, LEASE));
    assertThat(queue.nextVisibleAt()).contains(now.plus(LEASE));
  }

  @Test
  void nextVisibleAtIgnoresMessagesWaitingForTheirGroup() {
    Instant now = clock.instant();
    queue.send(OutgoingMessage.text("a1").groupKey("a"));
    queue.send(OutgoingMessage.text("a2").groupKey("a"));
    single(queue.receive(10, LEASE));

    assertThat(queue.nextVisibleAt()).contains(now.plus(LEASE));
  }

  @Test
  void messagesAndLeasesSurviveReopeningTheDatabase() {
    String waiting = queue.send(OutgoingMessage.text("waiting").attribute("k", "v"));
    String delayed = queue.send(OutgoingMessage.text("delayed").delay(Duration.ofMinutes(1)));
    queue.send(OutgoingMessage.text("next"));
    assertThat(single(queue.receive(1, LEASE)).id()).isEqualTo(waiting); // now in flight
    db.close();

    db = LocalDatabase.open(dataDir);
    SqliteDurableQueue reopened = new SqliteDurableQueue(db, "orders", clock);

    assertThat(reopened.depth()).isEqualTo(3);
    Delivery next = single(reopened.receive(10, LEASE));
    assertThat(next.body()).asString().isEqualTo("next");
    reopened.ack(next);
    clock.advance(LEASE);
    Delivery redelivered = single(reopened.receive(10, LEASE));
    assertThat(redelivered.id()).isEqualTo(waiting);
    assertThat(redelivered.deliveryAttempt()).isEqualTo(2);
    assertThat(redelivered.attributes()).isEqualTo(Map.of("k", "v"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(reopened.receive(10, LEASE)).extracting(Delivery::id).contains(delayed);
  }

  @Test
  void queuesWithDottedNamesAreSeparate() {
    SqliteDurableQueue welcome = new SqliteDurableQueue(db, "topic.user-created.welcomeEmail", clock);
    SqliteDurableQueue audit = new SqliteDurableQueue(db, "topic.user-created.audit", clock);
    welcome.send(OutgoingMessage.text("w"));
    audit.send(OutgoingMessage.text("a1"));
    audit.send(OutgoingMessage.text("a2"));

    assertThat(welcome.depth()).isEqualTo(1);
    assertThat(audit.receive(10, LEASE)).hasSize(2);
    assertThat(queue.depth()).isZero();
  }

  @Test
  void deliveryOfAnotherQueueIsRefused() {
    SqliteDurableQueue other = new SqliteDurableQueue(db, "other", clock);
    other.send(OutgoingMessage.text("x"));
    Delivery d = single(other.receive(1, LEASE));

    assertThatThrownBy(() -> queue.ack(d)).isInstanceOfSatisfying(MessageQueueException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    assertThat(other.depth()).isEqualTo(1);
  }

  @Test
  void receiveRefusesNonPositiveArguments() {
    assertThatThrownBy(() -> queue.receive(0, LEASE)).isInstanceOf(MessageQueueException.class);
    assertThatThrownBy(() -> queue.receive(1, Duration.ZERO)).isInstanceOf(MessageQueueException.class);
  }

  @Test
  void operationsOnAClosedDatabaseFailAsPortExceptions() {
    db.close();

    assertThatThrownBy(() -> queue.send(OutgoingMessage.text("x")))
        .isInstanceOfSatisfying(MessageQueueException.class, e -> assertThat(e.retryable()).isFalse());
  }

  private static Delivery single(List<Delivery> deliveries) {
    assertThat(deliveries).hasSize(1);
    return deliveries.get(0);
  }

  @Test
  void deadLettersCanBeCountedInFlightRedrivenAndPurged() {
    DeadLetterChecks.countsInFlightRedrivesAndPurges(queue, LEASE);
  }
}
