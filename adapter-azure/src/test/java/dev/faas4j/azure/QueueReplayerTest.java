package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.local.testkit.BatchOutcome;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message from an Azure poison queue replayed locally reaches the function as the queue trigger delivered it. */
class QueueReplayerTest {
  private final FunctionTester tester = FunctionTester.forApp(new TestApp());

  /** The message {@code az storage message get --queue-name orders-poison} prints: the stored text, base64. */
  private static String poisonQueueOutput(byte[] stored) {
    return "[{\"content\":\"" + Base64.getEncoder().encodeToString(stored) + "\",\"dequeueCount\":5,"
        + "\"expirationTime\":\"2020-05-08T17:47:22+00:00\",\"id\":\"b7d4a2c1-0000\","
        + "\"insertionTime\":\"2020-05-01T17:47:22+00:00\",\"popReceipt\":\"AgAAAAMAAAAAAAAA\","
        + "\"timeNextVisible\":\"2020-05-01T17:48:22+00:00\"}]";
  }

  @Test
  void aPoisonQueueMessageReplaysAsTheEventTheQueueTriggerGaveWithTheSameFailure() {
    byte[] stored = QueueEnvelope.wrap(bytes("poison"), Map.of("tenant", "acme"));
    assertThatThrownBy(() -> AzureFunctions.queue(stored, "b7d4a2c1-0000", "5", "\"2020-05-01T17:47:22+00:00\"",
        new FakeWorker.Context("orders"))).isInstanceOf(FunctionFailedException.class);
    QueueMessage inCloud = TestApp.last(QueueMessage.class);

    BatchOutcome outcome = tester.replay(bytes(poisonQueueOutput(stored)));

    QueueMessage replayed = TestApp.last(QueueMessage.class);
    assertThat(replayed).isNotSameAs(inCloud).isEqualTo(inCloud);
    assertThat(replayed.attribute("tenant")).hasValue("acme");
    assertThat(replayed.attributes()).hasSize(1);
    assertThat(outcome.outcomes().get("b7d4a2c1-0000").status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(outcome.toString()).contains("java.lang.IllegalStateException: cannot process");
  }

  @Test
  void recognisesQueueMessagesByTheirFields() {
    QueueReplayer replayer = new QueueReplayer();
    assertThat(replayer.recognizes(bytes(poisonQueueOutput(bytes("x"))))).isTrue();
    assertThat(replayer.recognizes(bytes("{\"content\":\"eA==\"}"))).isFalse();
    assertThat(replayer.recognizes(bytes("{\"message\":{},\"subscription\":\"s\"}")))
        .isFalse();
  }

  @Test
  void contentThatIsNotBase64FailsAloneWithoutBeingQuoted() {
    BatchOutcome outcome = tester.replay("azure", bytes("[{\"id\":\"m-1\",\"content\":\"not base64 secret!\","
        + "\"dequeueCount\":5}]"), "orders");

    assertThat(outcome.outcomes().get("m-1").status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(outcome.toString()).contains("content").doesNotContain("secret");
  }

  @Test
  void aMessageForAnUnknownQueueIsSkippedAsInTheCloud() {
    BatchOutcome outcome = tester.replay("azure", bytes(poisonQueueOutput(bytes("x"))), "invoices");

    assertThat(outcome.outcomes().get("b7d4a2c1-0000").status()).isEqualTo(Outcome.Status.SKIPPED);
  }

  @Test
  void aPayloadOfAnotherShapeIsATypedError() {
    assertThatThrownBy(() -> tester.replay("azure", bytes("{\"Messages\":[]}"), null))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("Not an Azure queue message");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
