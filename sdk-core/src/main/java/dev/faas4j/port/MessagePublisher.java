package dev.faas4j.port;

/** Publishes messages to one topic (SNS, Pub/Sub, Service Bus topic, local); every subscriber gets a copy. */
public interface MessagePublisher {

  /** The topic this publisher writes to. */
  String topic();

  /**
   * Publishes one message. Topics deliver at once: a message with a delay is refused.
   *
   * @return the id the backend gave the message
   * @throws MessagePublisherException if the backend refused it
   */
  String publish(OutgoingMessage message);
}
