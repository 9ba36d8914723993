package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.testkit.contract.MessageQueueContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The MessageQueue contract against ElasticMQ, in-process on 127.0.0.1, speaking the SQS JSON protocol. */
class SqsMessageQueueTest extends MessageQueueContract<SqsMessageQueue> {
  private static final AtomicInteger QUEUES = new AtomicInteger();
  private static SQSRestServer server;
  private static SqsClient client;

  @BeforeAll
  static void startElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    client = Emulators.sqs(port);
  }

  @AfterAll
  static void stopElasticMq() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stopAndWait();
    }
  }

  @Override
  protected SqsMessageQueue newSubject() {
    String name = "orders-" + QUEUES.incrementAndGet();
    // SQS has accepted bodies up to 1 MiB since 2025; base64 makes a 256 KiB binary body 342 KiB.
    client.createQueue(b -> b.queueName(name)
        .attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1048576")));
    return new SqsMessageQueue(client, name); // by name: the URL is looked up once
  }

  @Override
  protected List<ReceivedMessage> receive(SqsMessageQueue subject, int max) {
    List<Message> messages = client.receiveMessage(b -> b.queueUrl(subject.queueUrl()).maxNumberOfMessages(max)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
        .waitTimeSeconds(0)).messages();
    List<ReceivedMessage> received = new ArrayList<>();
    for (Message m : messages) {
      Map<String, String> attributes = new HashMap<>();
      m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
      String encoding = attributes.remove(BodyEncoding.ATTRIBUTE);
      received.add(new ReceivedMessage(m.messageId(), BodyEncoding.decode(m.body(), encoding, "body"), attributes,
          Optional.ofNullable(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))));
      client.deleteMessage(b -> b.queueUrl(subject.queueUrl()).receiptHandle(m.receiptHandle()));
    }
    return received;
  }

  @Override
  protected boolean supportsGroupKeys() {
    return false; // a standard queue; FIFO group keys are exercised by the Lambda mapping tests
  }

  @Override
  protected int emptyReceivesBeforeGivingUp() {
    return 3;
  }

  @Test
  void queueUrlIsLookedUpByNameOnce() {
    String url = queue.queueUrl();

    assertThat(url).startsWith("http://").endsWith("/" + queue.queue());
    assertThat(queue.queueUrl()).isSameAs(url);
  }

  @Test
  void missingQueueIsNotFound() {
    SqsMessageQueue missing = new SqsMessageQueue(client, "no-such-queue");

    assertThatThrownBy(() -> missing.send(OutgoingMessage.text("x")))
        .isInstanceOfSatisfying(MessageQueueException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void binaryBodyWithTenAttributesIsRefusedBecauseTheMarkNeedsOne() {
    OutgoingMessage message = OutgoingMessage.of(new byte[] {0, 1});
    for (int i = 0; i < OutgoingMessage.MAX_ATTRIBUTES; i++) {
      message = message.attribute("a" + i, "v");
    }
    OutgoingMessage full = message;

    assertThatThrownBy(() -> queue.send(full)).isInstanceOfSatisfying(MessageQueueException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void controlCharactersInATextBodyRoundTripThroughTheMark() {
    queue.send(OutgoingMessage.text("bell\u0007and\u0000nul"));

    assertThat(receiveAll(1)).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("bell\u0007and\u0000nul"));
  }
}
