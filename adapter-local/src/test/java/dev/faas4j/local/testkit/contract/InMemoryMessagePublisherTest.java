package dev.faas4j.local.testkit.contract;

import dev.faas4j.port.memory.InMemoryMessagePublisher;
import java.util.List;
import java.util.Optional;

class InMemoryMessagePublisherTest extends MessagePublisherContract<InMemoryMessagePublisher> {
  @Override
  protected InMemoryMessagePublisher newSubject() {
    return new InMemoryMessagePublisher("topic");
  }

  @Override
  protected Optional<List<ReceivedMessage>> published(InMemoryMessagePublisher subject) {
    return Optional.of(subject.published().stream()
        .map(s -> new ReceivedMessage(s.id(), s.message().body(), s.message().attributes(),
            s.message().groupKey()))
        .toList());
  }
}
