package dev.faas4j.gcp;

import dev.faas4j.spi.Lazy;
import com.google.cloud.pubsub.v1.Publisher;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.OutgoingMessage;

/**
 * {@link MessagePublisher} on a Pub/Sub topic. Attributes become message attributes, the group key the ordering
 * key (the default publisher has message ordering on; a custom one needs {@code setEnableMessageOrdering(true)} to
 * publish with keys). Pub/Sub has no delayed delivery, so a delay is refused as the port requires; a deduplication
 * id is ignored (Pub/Sub has no publish-side deduplication).
 */
final class PubSubMessagePublisher implements MessagePublisher, AutoCloseable {
  private final Lazy<Publisher> publisher;
  private final String topic;

  /** Publishes through {@code publisher} (e.g. built with an emulator channel or custom credentials). */
  PubSubMessagePublisher(Publisher publisher) {
    this(Lazy.ofValue(publisher), publisher.getTopicNameString());
  }

  private PubSubMessagePublisher(Lazy<Publisher> publisher, String topic) {
    this.publisher = publisher;
    this.topic = topic;
  }

  /** A publisher to {@code topic} ({@code projects/p/topics/t} or a short name in {@code projectId}), made on first use. */
  static PubSubMessagePublisher create(String projectId, String topic) {
    var name = PubSubSend.topicName(projectId, topic);
    return new PubSubMessagePublisher(PubSubSend.lazyPublisher(name), name.toString());
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String publish(OutgoingMessage message) {
    Keys.publishable(message);
    return PubSubSend.publish(publisher, message, MessagePublisherException::new, topic);
  }

  /** Sends what is batched and stops the client's threads. */
  @Override
  public void close() {
    PubSubSend.shutdown(publisher);
  }
}
