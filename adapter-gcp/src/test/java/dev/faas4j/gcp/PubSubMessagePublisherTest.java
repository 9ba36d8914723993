package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.testkit.contract.MessagePublisherContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher contract against the Pub/Sub gRPC service served in-process, through the real client library. */
class PubSubMessagePublisherTest extends MessagePublisherContract<PubSubMessagePublisher> {
  private static PubSubFake fake;
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private final List<AutoCloseable> open = new ArrayList<>();
  private String topic;

  @BeforeAll
  static void startServer() throws IOException {
    fake = new PubSubFake();
  }

  @AfterAll
  static void stopServer() {
    fake.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Override
  protected PubSubMessagePublisher newSubject() {
    topic = "topic-" + TOPICS.incrementAndGet();
    try {
      PubSubMessagePublisher p = new PubSubMessagePublisher(fake.publisher(topic));
      open.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<List<ReceivedMessage>> published(PubSubMessagePublisher subject) {
    return Optional.of(fake.published(topic).stream().map(p -> new ReceivedMessage(p.id(),
        p.message().getData().toByteArray(), p.message().getAttributesMap(),
        Optional.of(p.message().getOrderingKey()).filter(k -> !k.isEmpty()))).toList());
  }

  @Test
  void groupKeyIsPublishedAsTheOrderingKey() {
    publisher.publish(OutgoingMessage.text("x").groupKey("customer-7"));

    assertThat(fake.published(topic)).singleElement()
        .satisfies(p -> assertThat(p.message().getOrderingKey()).isEqualTo("customer-7"));
  }

  @Test
  void missingTopicIsNotFound() throws IOException {
    PubSubMessagePublisher missing = new PubSubMessagePublisher(fake.publisher("missing"));
    open.add(missing);

    assertThatThrownBy(() -> missing.publish(OutgoingMessage.text("x")))
        .isInstanceOfSatisfying(MessagePublisherException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void queueOnPubSubSendsAndRefusesDelays() throws IOException {
    PubSubMessageQueue queue = new PubSubMessageQueue(fake.publisher(topic));
    open.add(queue);

    String id = queue.send(OutgoingMessage.text("order").attribute("tenant", "acme").groupKey("g"));
    List<String> ids = queue.sendBatch(List.of(OutgoingMessage.text("a"), OutgoingMessage.text("b")));

    assertThat(fake.published(topic)).extracting(PubSubFake.Published::id).containsExactly(id, ids.get(0), ids.get(1));
    assertThat(queue.queue()).isEqualTo("projects/test-project/topics/" + topic);
    assertThatThrownBy(() -> queue.send(OutgoingMessage.text("later").delay(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(MessageQueueException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }
}
