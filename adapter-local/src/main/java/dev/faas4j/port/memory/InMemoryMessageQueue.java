package dev.faas4j.port.memory;

import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A {@link MessageQueue} that keeps what was sent, for tests to inspect or drain. An optional listener sees each
 * message as it is sent, which is how the test kit delivers messages to queue functions.
 */
public final class InMemoryMessageQueue implements MessageQueue {
  private final String queue;
  private final List<Sent> sent = new ArrayList<>();
  private volatile BiConsumer<String, OutgoingMessage> listener = (id, m) -> {};

  /** A message as sent, with the id it was given. */
  public record Sent(String id, OutgoingMessage message) {}

  public InMemoryMessageQueue(String queue) {
    this.queue = queue;
  }

  /** Called with each message's id and content after it is sent. */
  public void onSend(BiConsumer<String, OutgoingMessage> listener) {
    this.listener = listener;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String send(OutgoingMessage message) {
    String id = UUID.randomUUID().toString();
    synchronized (sent) {
      sent.add(new Sent(id, message));
    }
    listener.accept(id, message);
    return id;
  }

  /** Everything sent so far, oldest first. */
  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Everything sent so far, oldest first, and forgets it. */
  public List<Sent> drain() {
    synchronized (sent) {
      List<Sent> copy = new ArrayList<>(sent);
      sent.clear();
      return copy;
    }
  }
}
