package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.Event;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.local.testkit.BatchOutcome;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dead-lettered SQS message replayed locally reaches the function as the event Lambda gave it. */
class SqsReplayerTest {
  private final RecordingApp inCloud = new RecordingApp();
  private final RecordingApp replayed = new RecordingApp();
  private final FunctionTester tester = FunctionTester.forApp(replayed,
      new InMemoryPlatform(Clock.systemUTC(), Fixtures.ENV));

  @Test
  void aLambdaSqsEventReplaysAsTheSameEventsWithTheSameFailure() throws Exception {
    Fixtures.invoke(Fixtures.handler(inCloud), Fixtures.bytes("sqs.json"));

    BatchOutcome outcome = tester.replay(Fixtures.bytes("sqs.json"));

    assertThat(replayed.events).isEqualTo(inCloud.events);
    assertThat(outcome.failedMessageIds()).containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
    assertThat(outcome.failures().get("2e1424d4-f796-459a-8184-9c92662be6da").exceptionMessage())
        .contains("order failed");
  }

  @Test
  void aDeadLetterQueueMessageReplaysOnTheQueueGivenWithItsAttributes() {
    BatchOutcome outcome = tester.replay("aws", Fixtures.bytes("sqs-dlq-receive-message.json"), "orders");

    QueueMessage m = (QueueMessage) replayed.events.get(0);
    assertThat(m.id()).isEqualTo("7b2f0c1e-5d3a-4e8b-9f61-2a4c8d9e0f13");
    assertThat(m.queue()).isEqualTo("orders");
    assertThat(m.text()).isEqualTo("fail");
    assertThat(m.attributes()).containsExactlyEntriesOf(Map.of("tenant", AttributeValue.text("acme")));
    assertThat(m.time().orElseThrow().toEpochMilli()).isEqualTo(1712490000123L);
    assertThat(outcome.outcomes().get(m.id()).status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(outcome.toString()).contains("java.lang.IllegalStateException: order failed");
  }

  @Test
  void theCloudIsFoundFromTheShape() {
    assertThat(new SqsReplayer().recognizes(Fixtures.bytes("sqs.json"))).isTrue();
    assertThat(new SqsReplayer().recognizes(Fixtures.bytes("sqs-dlq-receive-message.json"))).isTrue();
    assertThat(new SqsReplayer().recognizes(Fixtures.bytes("sns.json"))).isFalse();

    tester.replay(null, Fixtures.bytes("sqs-dlq-receive-message.json"), "orders");

    assertThat(replayed.events).hasSize(1);
  }

  @Test
  void aDeadLetterMessageWithoutAQueueSaysToNameOne() {
    assertThatThrownBy(() -> tester.replay(Fixtures.bytes("sqs-dlq-receive-message.json")))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("give the queue");
    assertThat(replayed.events).isEmpty();
  }

  @Test
  void badInputIsATypedErrorThatDoesNotQuoteIt() {
    assertThatThrownBy(() -> tester.replay(utf8("{\"Messages\":[{\"MessageId\":")))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> tester.replay(utf8("{\"hello\":\"secret-value\"}")))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("No cloud recognises")
        .message().doesNotContain("secret-value");
    assertThatThrownBy(() -> tester.replay("gcp", utf8("{}"), null))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("No replayer for cloud 'gcp'");
  }

  @Test
  void aRecordThatCannotBeMappedFailsAloneAsInTheCloud() {
    BatchOutcome outcome = tester.replay("aws", utf8("{\"Messages\":[{\"MessageId\":\"m-1\",\"Body\":\"ok\","
        + "\"Attributes\":{\"SentTimestamp\":\"yesterday\"}},{\"MessageId\":\"m-2\",\"Body\":\"ok\"}]}"), "orders");

    assertThat(outcome.failedMessageIds()).containsExactly("m-1");
    assertThat(outcome.outcomes().get("m-1").status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(replayed.events).extracting(Event::id).isEqualTo(List.of("m-2"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
