package dev.faas4j.local.store;

import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.contract.MessageQueueContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import java.time.Duration;
import java.util.List;

/** Holds the in-memory durable queue to the same sender contract as every other queue. */
class InMemoryDurableQueueContractTest extends MessageQueueContract<InMemoryDurableQueue> {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();

  @Override
  protected InMemoryDurableQueue newSubject() {
    return new InMemoryDurableQueue("queue", clock);
  }

  @Override
  protected List<ReceivedMessage> receive(InMemoryDurableQueue subject, int max) {
    return subject.receive(max, Duration.ofMinutes(1)).stream().map(d -> {
      subject.ack(d);
      return new ReceivedMessage(d.id(), d.body(), d.attributes(), d.groupKey());
    }).toList();
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }
}
