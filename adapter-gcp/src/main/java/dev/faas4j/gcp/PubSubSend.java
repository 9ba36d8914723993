package dev.faas4j.gcp;

import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.spi.Lazy;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Publishing one message with the Pub/Sub client, shared by the publisher and the queue. */
final class PubSubSend {
  private PubSubSend() {}

  static TopicName topicName(String projectId, String topic) {
    return topic.startsWith("projects/") ? TopicName.parse(topic) : TopicName.of(projectId, topic);
  }

  /** A publisher with message ordering on (needed for ordering keys), created on first use. */
  static Lazy<Publisher> lazyPublisher(TopicName topic) {
    return Lazy.of(() -> {
      try {
        return Publisher.newBuilder(topic).setEnableMessageOrdering(true).build();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a Pub/Sub publisher for " + topic, e);
      }
    });
  }

  /** Pub/Sub's limit; the sending invocation's traceparent and tracestate always fit beside ten of the user's. */
  private static final int MAX_ATTRIBUTES = 100;

  /** The Pub/Sub message: the body, the user's attributes and the sending invocation's trace context. */
  static PubsubMessage message(OutgoingMessage message) {
    PubsubMessage.Builder b = PubsubMessage.newBuilder()
        .setData(ByteString.copyFrom(message.body()))
        .putAllAttributes(TraceAttributes.outgoing(message.attributes(), MAX_ATTRIBUTES));
    message.groupKey().ifPresent(b::setOrderingKey);
    return b.build();
  }

  /**
   * Publishes and waits for the server's message id.
   *
   * @param failure builds the port's exception from a reason and a message
   */
  static <E extends RuntimeException> String publish(Supplier<Publisher> publisher, OutgoingMessage message,
      Failure<E> failure, String topic) {
    PubsubMessage m = message(message);
    Publisher p = publisher.get();
    try {
      return p.publish(m).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.create(Reason.UNAVAILABLE, "Interrupted while publishing to " + topic, e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      if (!m.getOrderingKey().isEmpty()) {
        p.resumePublish(m.getOrderingKey()); // a failed ordered publish pauses its key until resumed
      }
      Throwable cause = GcpErrors.unwrap(e);
      Reason reason = e instanceof java.util.concurrent.TimeoutException ? Reason.UNAVAILABLE
          : GcpErrors.reason(GcpErrors.grpcCode(cause));
      throw failure.create(reason, "Publishing to Pub/Sub topic " + topic + " failed (" + reason + ")", cause);
    }
  }

  /** The port's exception constructor. */
  @FunctionalInterface
  interface Failure<E extends RuntimeException> {
    E create(Reason reason, String message, Throwable cause);
  }

  static void shutdown(Lazy<Publisher> publisher) {
    if (publisher.isCreated()) {
      Publisher p = publisher.get();
      p.shutdown();
      try {
        p.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
