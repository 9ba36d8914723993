package dev.faas4j.local.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageQueue} shares. Extend it, return an empty queue from {@link #newSubject()} and
 * read messages back in {@link #receive}; override {@link #advanceTime} when the queue takes an injectable clock.
 */
public abstract class MessageQueueContract<T extends MessageQueue> {

  /** The queue under test, from {@link #newSubject()}, fresh for each test. */
  protected T queue;

  /** An empty queue. Called once before each test. */
  protected abstract T newSubject();

  /**
   * Takes up to {@code max} messages that are visible now off the queue (received and deleted, so they do not
   * come back). May return fewer than are visible, as SQS short polling does; the contract calls it again.
   */
  protected abstract List<ReceivedMessage> receive(T subject, int max);

  /** Lets {@code amount} of the queue's time pass. The default really waits, plus a margin. */
  protected void advanceTime(Duration amount) throws InterruptedException {
    Thread.sleep(amount.plusMillis(250).toMillis());
  }

  /** The delay that the delivery-after-delay test uses: short, since real backends wait for it. */
  protected Duration shortDelay() {
    return Duration.ofSeconds(1);
  }

  /** Whether the queue keeps group keys (FIFO); a standard SQS queue refuses them. */
  protected boolean supportsGroupKeys() {
    return true;
  }

  /** How many empty receives in a row mean "nothing more is coming now". */
  protected int emptyReceivesBeforeGivingUp() {
    return 1;
  }

  @BeforeEach
  void createSubject() {
    queue = newSubject();
  }

  @Test
  void sentMessageIsReceivedWithIdBodyAndAttributes() {
    String id = queue.send(OutgoingMessage.text("hello").attribute("tenant", "acme").attribute("trace-id", "t.1"));

    List<ReceivedMessage> received = receiveAll(1);

    assertThat(received).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(id);
      assertThat(m.text()).isEqualTo("hello");
      assertThat(m.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "trace-id", "t.1"));
    });
  }

  @Test
  void sendReturnsDistinctIds() {
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> queue.send(OutgoingMessage.text("m" + i))).toList();

    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void sendBatchReturnsIdsInTheOrderOfTheMessages() {
    List<OutgoingMessage> batch = IntStream.range(0, 10).mapToObj(i -> OutgoingMessage.text("body-" + i)).toList();

    List<String> ids = queue.sendBatch(batch);

    assertThat(ids).hasSize(10).doesNotContainNull().doesNotHaveDuplicates();
    Map<String, String> bodyById = new HashMap<>();
    receiveAll(10).forEach(m -> bodyById.put(m.id(), m.text()));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(bodyById.get(ids.get(i))).as("message %d", i).isEqualTo("body-" + i);
    }
  }

  @Test
  void emptyBatchSendsNothing() {
    assertThat(queue.sendBatch(List.of())).isEmpty();
    assertThat(receive(queue, 10)).isEmpty();
  }

  @Test
  void everyMessageIsReceivedExactlyOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(queue.send(OutgoingMessage.text("m" + i)));
    }

    List<ReceivedMessage> received = receiveAll(25);

    assertThat(received).extracting(ReceivedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(receive(queue, 10)).isEmpty();
  }

  @Test
  void binaryBodyAtTheSizeLimitRoundTrips() {
    byte[] body = new byte[OutgoingMessage.MAX_BODY_BYTES];
    new Random(3).nextBytes(body);

    queue.send(OutgoingMessage.of(body));

    assertThat(receiveAll(1)).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(body));
  }

  @Test
  void emptyBodyRoundTrips() {
    queue.send(OutgoingMessage.of(new byte[0]));

    assertThat(receiveAll(1)).singleElement().satisfies(m -> assertThat(m.body()).isEmpty());
  }

  @Test
  void unicodeBodyAndAttributeValuesRoundTrip() {
    queue.send(OutgoingMessage.text("café ☕ ключ 😀").attribute("note", "größe ☕"));

    assertThat(receiveAll(1)).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("café ☕ ключ 😀");
      assertThat(m.attributes()).containsEntry("note", "größe ☕");
    });
  }

  @Test
  void theMaximumNumberOfAttributesRoundTrips() {
    OutgoingMessage message = OutgoingMessage.text("x");
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < OutgoingMessage.MAX_ATTRIBUTES; i++) {
      message = message.attribute("attr_" + i, "value-" + i);
      expected.put("attr_" + i, "value-" + i);
    }
    queue.send(message);

    assertThat(receiveAll(1)).singleElement()
        .satisfies(m -> assertThat(m.attributes()).containsExactlyInAnyOrderEntriesOf(expected));
  }

  @Test
  void delayedMessageIsNotReceivedBeforeItsDelay() {
    queue.send(OutgoingMessage.text("later").delay(Duration.ofMinutes(10)));
    String now = queue.send(OutgoingMessage.text("now"));

    List<ReceivedMessage> received = receiveAll(1);

    assertThat(received).extracting(ReceivedMessage::id).containsExactly(now);
    assertThat(receive(queue, 10)).isEmpty();
  }

  @Test
  void delayedMessageIsReceivedAfterItsDelay() throws InterruptedException {
    long sent = System.nanoTime();
    String id = queue.send(OutgoingMessage.text("later").delay(shortDelay()));
    List<ReceivedMessage> early = receive(queue, 10);
    // On a loaded machine the send and the receive together can outlast the delay; then "early" proves nothing.
    assumeTrue(System.nanoTime() - sent < shortDelay().toNanos() / 2,
        "the send and the first receive took longer than half the delay");
    assertThat(early).isEmpty();

    advanceTime(shortDelay());

    assertThat(receiveAll(1)).extracting(ReceivedMessage::id).containsExactly(id);
  }

  @Test
  void groupKeyIsKept() {
    assumeTrue(supportsGroupKeys(), "this queue does not keep group keys");
    queue.send(OutgoingMessage.text("x").groupKey("customer-7"));

    assertThat(receiveAll(1)).singleElement().satisfies(m -> assertThat(m.groupKey()).contains("customer-7"));
  }

  @Test
  void messagesOfOneGroupArriveInSendOrder() {
    assumeTrue(supportsGroupKeys(), "this queue does not keep group keys");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(queue.send(OutgoingMessage.text("a" + i).groupKey("a")));
      queue.send(OutgoingMessage.text("b" + i).groupKey("b"));
    }

    List<String> groupA = receiveAll(10).stream().filter(m -> m.groupKey().orElse("").equals("a"))
        .map(ReceivedMessage::id).toList();

    assertThat(groupA).containsExactlyElementsOf(ids);
  }

  /** Receives until {@code expected} messages arrived or the queue stays empty; returns them in arrival order. */
  protected final List<ReceivedMessage> receiveAll(int expected) {
    List<ReceivedMessage> all = new ArrayList<>();
    int empty = 0;
    while (all.size() < expected && empty < emptyReceivesBeforeGivingUp()) {
      List<ReceivedMessage> batch = receive(queue, Math.min(10, expected - all.size()));
      empty = batch.isEmpty() ? empty + 1 : 0;
      all.addAll(batch);
    }
    return all;
  }
}
