package dev.faas4j.local.testkit.contract;

import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.port.memory.InMemoryMessageQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory queue records what was sent and leaves delivery to its consumer (the test kit), so this test's
 * {@link #receive} consumes it the way the test kit does: in send order, honouring each message's delay.
 */
class InMemoryMessageQueueTest extends MessageQueueContract<InMemoryMessageQueue> {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
  private final Set<String> consumed = new HashSet<>();

  @Override
  protected InMemoryMessageQueue newSubject() {
    InMemoryMessageQueue queue = new InMemoryMessageQueue("queue");
    queue.onSend((id, message) -> sentAt.put(id, clock.instant()));
    return queue;
  }

  @Override
  protected List<ReceivedMessage> receive(InMemoryMessageQueue subject, int max) {
    List<ReceivedMessage> received = new ArrayList<>();
    for (InMemoryMessageQueue.Sent sent : subject.sent()) {
      boolean visible = !sentAt.get(sent.id()).plus(sent.message().delay()).isAfter(clock.instant());
      if (received.size() < max && visible && consumed.add(sent.id())) {
        received.add(new ReceivedMessage(sent.id(), sent.message().body(), sent.message().attributes(),
            sent.message().groupKey()));
      }
    }
    return received;
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }
}
