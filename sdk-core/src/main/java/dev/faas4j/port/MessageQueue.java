package dev.faas4j.port;

import java.util.ArrayList;
import java.util.List;

/** Sends messages to one queue (SQS, Azure Queue Storage, Pub/Sub as a queue, local). */
public interface MessageQueue {

  /** The queue this sender writes to. */
  String queue();

  /**
   * Sends one message.
   *
   * @return the id the backend gave the message
   * @throws MessageQueueException if the backend refused it
   */
  String send(OutgoingMessage message);

  /**
   * Sends several messages, in as few requests as the backend allows.
   *
   * @return the ids, in the order of {@code messages}
   * @throws MessageQueueException if any message was refused; {@link MessageQueueException#failedIndexes()} says
   *     which, and the others were sent
   */
  default List<String> sendBatch(List<OutgoingMessage> messages) {
    List<String> ids = new ArrayList<>(messages.size());
    List<Integer> failed = new ArrayList<>();
    MessageQueueException first = null;
    for (int i = 0; i < messages.size(); i++) {
      try {
        ids.add(send(messages.get(i)));
      } catch (MessageQueueException e) {
        failed.add(i);
        ids.add(null);
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw MessageQueueException.partial(first.reason(), failed, messages.size(), first);
    }
    return List.copyOf(ids);
  }
}
