package dev.faas4j.port.memory;

import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.Keys;
import dev.faas4j.port.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A {@link MessagePublisher} that keeps what was published. An optional listener sees each message, which is how
 * the test kit fans a message out to the topic's subscribers.
 */
public final class InMemoryMessagePublisher implements MessagePublisher {
  private final String topic;
  private final List<InMemoryMessageQueue.Sent> published = new ArrayList<>();
  private volatile BiConsumer<String, OutgoingMessage> listener = (id, m) -> {};

  public InMemoryMessagePublisher(String topic) {
    this.topic = topic;
  }

  public void onPublish(BiConsumer<String, OutgoingMessage> listener) {
    this.listener = listener;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String publish(OutgoingMessage message) {
    Keys.publishable(message);
    String id = UUID.randomUUID().toString();
    synchronized (published) {
      published.add(new InMemoryMessageQueue.Sent(id, message));
    }
    listener.accept(id, message);
    return id;
  }

  /** Everything published so far, oldest first. */
  public List<InMemoryMessageQueue.Sent> published() {
    synchronized (published) {
      return List.copyOf(published);
    }
  }
}
