package dev.faas4j.gcp;

import dev.faas4j.spi.Lazy;
import com.google.cloud.pubsub.v1.Publisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;

/**
 * {@link MessageQueue} on Pub/Sub: a queue is a topic with one subscription (a push subscription to the consuming
 * function, or a pull subscription). The group key is the ordering key (the subscription needs message ordering
 * enabled to keep it). Pub/Sub cannot delay delivery, so a message with a delay is refused with
 * {@link Reason#INVALID_ARGUMENT} rather than delivered early; a deduplication id is ignored.
 */
final class PubSubMessageQueue implements MessageQueue, AutoCloseable {
  private final Lazy<Publisher> publisher;
  private final String queue;

  /** Sends through {@code publisher} (e.g. built with an emulator channel or custom credentials). */
  PubSubMessageQueue(Publisher publisher) {
    this(Lazy.ofValue(publisher), publisher.getTopicNameString());
  }

  private PubSubMessageQueue(Lazy<Publisher> publisher, String queue) {
    this.publisher = publisher;
    this.queue = queue;
  }

  /** A queue on {@code topic} ({@code projects/p/topics/t} or a short name in {@code projectId}), made on first use. */
  static PubSubMessageQueue create(String projectId, String topic) {
    var name = PubSubSend.topicName(projectId, topic);
    return new PubSubMessageQueue(PubSubSend.lazyPublisher(name), name.toString());
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public String send(OutgoingMessage message) {
    if (!message.delay().isZero()) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT,
          "Pub/Sub cannot delay delivery; send without a delay (or schedule the send)");
    }
    return PubSubSend.publish(publisher, message, MessageQueueException::new, queue);
  }

  @Override
  public void close() {
    PubSubSend.shutdown(publisher);
  }
}
