package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.local.testkit.BatchOutcome;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dead-lettered Pub/Sub message replayed locally reaches the function as the push subscription delivered it. */
class PubSubReplayerTest {
  private final FunctionTester tester = FunctionTester.forApp(new TestApp(),
      new InMemoryPlatform(Clock.fixed(GcpHttpFunctionTest.NOW, ZoneOffset.UTC), Map.of()));

  @BeforeEach
  void clearEvents() {
    TestApp.EVENTS.clear();
  }

  @Test
  void aPushBodyReplaysAsTheEventThePushSubscriptionDelivered() throws IOException {
    GcpHttpFunctionTest.call(GcpHttpFunctionTest.adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .json(GcpHttpFunctionTest.fixture("pubsub-push.json")));
    TopicMessage inCloud = (TopicMessage) TestApp.EVENTS.remove(0);

    BatchOutcome outcome = tester.replay(utf8(GcpHttpFunctionTest.fixture("pubsub-push.json")));

    assertThat(TestApp.EVENTS).containsExactly(inCloud);
    assertThat(outcome.allSucceeded()).isTrue();
  }

  @Test
  void aPulledDeadLetterReplaysFromItsSourceSubscriptionWithTheSameFailure() throws IOException {
    BatchOutcome outcome = tester.replay("gcp", utf8(GcpHttpFunctionTest.fixture("pubsub-dead-letter-pull.json")),
        null);

    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(TopicMessage.class, m -> {
      assertThat(m.id()).isEqualTo("136969346999");
      assertThat(m.topic()).isEqualTo("user-created");
      assertThat(m.text()).isEqualTo("reject");
      assertThat(m.deliveryAttempt()).hasValue(5);
      assertThat(m.source()).isEqualTo("//pubsub.googleapis.com/projects/my-project/subscriptions/user-created-push");
    });
    assertThat(outcome.outcomes().get("136969346999").status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(outcome.toString()).contains("the function rejected this message");
  }

  @Test
  void theDeploymentsFunctionDecidesThatAPubSubMessageIsAQueueMessage() throws IOException {
    tester.replay("gcp", utf8(GcpHttpFunctionTest.fixture("pubsub-dead-letter-pull.json")), null, "orders");

    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(dev.faas4j.event.QueueMessage.class,
        m -> assertThat(m.queue()).isEqualTo("orders"));
  }

  @Test
  void recognisesPushBodiesAndPulledMessagesOnly() throws IOException {
    PubSubReplayer replayer = new PubSubReplayer();
    assertThat(replayer.recognizes(tree(GcpHttpFunctionTest.fixture("pubsub-push.json")))).isTrue();
    assertThat(replayer.recognizes(tree(GcpHttpFunctionTest.fixture("pubsub-dead-letter-pull.json")))).isTrue();
    assertThat(replayer.recognizes(tree("{\"receivedMessages\":[{\"ackId\":\"a\",\"message\":{\"messageId\":\"1\","
        + "\"publishTime\":\"2024-01-15T10:00:00Z\"}}]}"))).isTrue();
    assertThat(replayer.recognizes(tree("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}"))).isFalse();
  }

  @Test
  void aMessageThatCannotBeMappedFailsAloneWithoutQuotingIt() {
    BatchOutcome outcome = tester.replay("gcp", utf8("[{\"ackId\":\"a\",\"message\":{\"messageId\":\"m-1\","
        + "\"publishTime\":\"2024-01-15T10:00:00Z\",\"data\":\"not base64 secret!\"}}]"), null);

    assertThat(outcome.outcomes().get("m-1").status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(outcome.toString()).doesNotContain("secret");
    assertThat(TestApp.EVENTS).isEmpty();
  }

  @Test
  void aPayloadOfAnotherShapeIsATypedError() {
    assertThatThrownBy(() -> tester.replay("gcp", utf8("{\"content\":\"x\"}"), null))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("Not a Pub/Sub message");
  }

  private static byte[] tree(String json) {
    return utf8(json);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
