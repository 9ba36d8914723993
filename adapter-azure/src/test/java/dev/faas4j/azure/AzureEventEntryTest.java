package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.FunctionFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Queue, Blob, Event Grid, Timer and Service Bus payloads through the real entry methods. */
class AzureEventEntryTest {

  @Test
  void queueMessageCarriesIdDequeueCountAndInsertionTimeAsTheWorkerBindsThem() {
    FakeWorker.Context ctx = new FakeWorker.Context("orders");
    // DequeueCount and InsertionTime are JSON-typed metadata: the worker hands their JSON text over
    AzureFunctions.queue(bytes("order-1"), "b7d4a2c1-0000", "2", "\"2020-05-01T17:47:22+00:00\"", ctx);

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.id()).isEqualTo("b7d4a2c1-0000");
    assertThat(m.text()).isEqualTo("order-1");
    assertThat(m.deliveryAttempt()).hasValue(2);
    assertThat(m.time()).hasValue(Instant.parse("2020-05-01T17:47:22Z"));
    assertThat(m.queue()).isEqualTo("orders");
  }

  @Test
  void queueMessageKeepsTheWorkersBytesAsBodyAndPayloadAndReadsTheInsertionTimeAtMapping() {
    byte[] delivered = bytes("order-5");
    AzureFunctions.queue(delivered, "id-5", "1", "\"2024-02-29T23:59:59.1234567+05:30\"",
        new FakeWorker.Context("orders"));

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.body()).isEqualTo(delivered).isNotSameAs(m.body()); // read twice: a copy each time
    assertThat(m.text()).isEqualTo("order-5");
    assertThat(m.origin().payload()).isEqualTo(delivered);
    assertThat(m.time()).hasValue(Instant.parse("2024-02-29T18:29:59.1234567Z"));

    // a time the fast reading declines is still read (or rejected) as before, when the message is mapped
    AzureFunctions.queue(bytes("order-6"), "id-6", "1", "\"2024-02-29t23:59:59z\"", new FakeWorker.Context("orders"));
    assertThat(TestApp.last(QueueMessage.class).time()).hasValue(Instant.parse("2024-02-29T23:59:59Z"));
    assertThatThrownBy(() -> AzureFunctions.queue(bytes("order-7"), "id-7", "1", "\"2025-02-29T10:00:00+00:00\"",
        new FakeWorker.Context("orders"))).isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("CLIENT_ERROR").hasMessageContaining("InsertionTime is not a timestamp in a known format");
  }

  @Test
  void queueEnvelopeCarriesAttributesThroughQueueStorage() {
    byte[] envelope = QueueEnvelope.wrap(bytes("with attributes"), Map.of("tenant", "acme"));
    AzureFunctions.queue(envelope, "id-2", "1", null, new FakeWorker.Context("orders"));

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.text()).isEqualTo("with attributes");
    assertThat(texts(m.attributes())).containsExactly(Map.entry("tenant", "acme"));
  }

  @Test
  void failingMessageThrowsSoTheHostRetriesThenPoisonsIt() {
    assertThatThrownBy(() -> AzureFunctions.queue("poison", "id-3", "5", null, new FakeWorker.Context("orders")))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("SERVER_ERROR");
    // permanent client errors are thrown as well: Azure has no "dead-letter now", maxDequeueCount decides
    assertThatThrownBy(() -> AzureFunctions.queue("invalid", "id-4", "1", null, new FakeWorker.Context("orders")))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
  }

  @Test
  void badQueueMetadataAndEnvelopesAreClientErrors() {
    assertThatThrownBy(() -> AzureFunctions.queue("x", "id", "two", null, new FakeWorker.Context("orders")))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("DequeueCount");
    assertThatThrownBy(() -> AzureFunctions.queue("{\"faas4j.envelope\":1,\"body\":\"!!notbase64\"}", "id", "1",
        null, new FakeWorker.Context("orders"))).hasMessageContaining("base64");
    assertThatThrownBy(() -> AzureFunctions.queue("{\"faas4j.envelope\":1,\"body\":", "id", "1", null,
        new FakeWorker.Context("orders"))).hasMessageContaining("not valid JSON");
  }

  @Test
  void base64DecodingInTheAdapterRejectsInvalidBase64() {
    String good = Base64.getEncoder().encodeToString(bytes("decoded by faas4j"));
    byte[] decoded = dev.faas4j.spi.Wire.base64(good, "Queue message");
    assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("decoded by faas4j");
    assertThatThrownBy(() -> QueueStorageMessageQueue.decode("not base64!", null))
        .isInstanceOf(dev.faas4j.event.InvalidEventException.class).hasMessageContaining("base64");
  }

  @Test
  void blobTriggerMapsPathMetadataAndProperties() {
    AzureFunctions.blob(new byte[1234], "raw-images/cats/tom.png",
        "{\"ETag\":\"\\\"0x8D4BCC2E4835CD0\\\"\",\"ContentType\":\"image/png\",\"LastModified\":\"2024-03-01T10:00:00+00:00\"}",
        new FakeWorker.Context("thumbnail"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.bucket()).isEqualTo("raw-images");
    assertThat(e.key()).isEqualTo("cats/tom.png");
    assertThat(e.size()).hasValue(1234);
    assertThat(e.etag()).contains("0x8D4BCC2E4835CD0");
    assertThat(e.id()).isEqualTo("raw-images/cats/tom.png@\"0x8D4BCC2E4835CD0\"");
    assertThat(e.kind()).isEqualTo(ObjectEventKind.CREATED);
  }

  @Test
  void hostileBlobNamesAreRejectedBeforeTheFunction() {
    int before = TestApp.RECEIVED.size();
    for (String path : new String[] {"raw-images/../../etc/passwd.png", "raw-images/a\\b.png", "raw-images/",
        "no-slash"}) {
      assertThatThrownBy(() -> AzureFunctions.blob(new byte[0], path, null, new FakeWorker.Context("thumbnail")))
          .as(path).isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
    assertThat(TestApp.RECEIVED).hasSize(before);
  }

  @Test
  void blobsOutsideTheTriggersFilterAreAcknowledgedWithoutCallingTheFunction() {
    int before = TestApp.RECEIVED.size();
    AzureFunctions.blob(new byte[1], "raw-images/notes.txt", null, new FakeWorker.Context("thumbnail"));
    assertThat(TestApp.RECEIVED).hasSize(before);
  }

  @Test
  void eventGridBlobCreatedUsesTheRawSubjectAndTheUnquotedEtag() throws Exception {
    String event = AzureHttpEntryTest.resource("eventgrid-blob-created.json");
    AzureFunctions.eventGrid(event.substring(event.indexOf('{'), event.lastIndexOf('}') + 1),
        new FakeWorker.Context("blobChanges"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.key()).isEqualTo("reports/q1 2024+final.pdf");
    assertThat(e.etag()).contains("0x8D4BCC2E4835CD0");
    assertThat(e.size()).hasValue(524288);
    assertThat(e.id()).isEqualTo("831e1650-001e-001b-66ab-eeb76e069631");
    assertThat(e.time()).hasValue(Instant.parse("2017-06-26T18:41:00.9584103Z"));
    assertThat(e.type()).isEqualTo("Microsoft.Storage.BlobCreated");
  }

  @Test
  void eventGridBlobDeletedWithoutSubjectDecodesTheUrlOnce() {
    AzureFunctions.eventGrid("{\"id\":\"d-1\",\"eventType\":\"Microsoft.Storage.BlobDeleted\","
        + "\"eventTime\":\"2024-01-01T00:00:00Z\",\"data\":{\"url\":"
        + "\"https://acct.blob.core.windows.net/documents/a%2520b%20c+d.txt\"}}", new FakeWorker.Context("blobChanges"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(e.key()).isEqualTo("a%20b c+d.txt");
  }

  @Test
  void badEventGridEventsAreRejected() {
    for (String bad : new String[] {"{not json", "[]", "42",
        "{\"id\":\"1\",\"eventType\":\"Contoso.Items.ItemReceived\",\"data\":{}}",
        "{\"id\":\"1\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/documents/blobs/x\",\"data\":{\"contentLength\":\"lots\"}}",
        "{\"id\":\"1\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/documents/blobs/../x\",\"data\":{}}"}) {
      assertThatThrownBy(() -> AzureFunctions.eventGrid(bad, new FakeWorker.Context("blobChanges"))).as(bad)
          .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
  }

  @Test
  void timerInfoMapsPastDueAndScheduleStatusWithSevenDigitFractions() throws Exception {
    AzureFunctions.timer(AzureHttpEntryTest.resource("timer.json"), new FakeWorker.Context("nightly"));

    ScheduleEvent e = TestApp.last(ScheduleEvent.class);
    assertThat(e.pastDue()).isTrue();
    assertThat(e.schedule()).isEqualTo("nightly");
    assertThat(e.lastRun()).contains(Instant.parse("2022-10-11T08:52:00.003967Z"));
    assertThat(e.nextRun()).contains(Instant.parse("2022-10-12T02:30:00Z"));
    assertThat(e.scheduledTime()).isEmpty(); // the worker does not say when this run was due
  }

  @Test
  void timerSentinelAndNullScheduleStatusMeanNoLastRun() {
    AzureFunctions.timer("{\"ScheduleStatus\":{\"Last\":\"0001-01-01T00:00:00+00:00\",\"Next\":"
        + "\"2030-01-01T02:30:00+00:00\"},\"IsPastDue\":false}", new FakeWorker.Context("nightly"));
    ScheduleEvent e = TestApp.last(ScheduleEvent.class);
    assertThat(e.lastRun()).isEmpty();
    assertThat(e.pastDue()).isFalse();

    AzureFunctions.timer("{\"Schedule\":{},\"ScheduleStatus\":null,\"IsPastDue\":false}",
        new FakeWorker.Context("nightly"));
    assertThat(TestApp.last(ScheduleEvent.class).nextRun()).isEmpty();
  }

  @Test
  void malformedTimerInfoIsRejected() {
    for (String bad : new String[] {"{", "{\"IsPastDue\":\"yes\"}", "{\"ScheduleStatus\":{\"Last\":42}}",
        "{\"ScheduleStatus\":{\"Next\":\"tomorrow\"}}", "[1]"}) {
      assertThatThrownBy(() -> AzureFunctions.timer(bad, new FakeWorker.Context("nightly"))).as(bad)
          .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
  }

  @Test
  void serviceBusTopicMessageMapsMessageIdDeliveryCountAndApplicationProperties() {
    AzureFunctions.serviceBusTopic(bytes("{\"user\":7}"), "msg-7", "3",
        "{\"tenant\":\"acme\",\"priority\":5,\"vip\":true}", "2024-05-01T10:00:00.1234567Z",
        new FakeWorker.Context("welcome"));

    TopicMessage m = TestApp.last(TopicMessage.class);
    assertThat(m.id()).isEqualTo("msg-7");
    assertThat(m.deliveryAttempt()).hasValue(3);
    assertThat(texts(m.attributes())).containsEntry("tenant", "acme").containsEntry("priority", "5")
        .containsEntry("vip", "true");
    assertThat(m.topic()).isEqualTo("user-created");
    assertThat(m.time()).hasValue(Instant.parse("2024-05-01T10:00:00.1234567Z"));
  }

  @Test
  void badServiceBusMetadataIsRejected() {
    assertThatThrownBy(() -> AzureFunctions.serviceBusTopic(bytes("x"), "m", "3", "[1,2]", null,
        new FakeWorker.Context("welcome"))).hasMessageContaining("ApplicationProperties");
    assertThatThrownBy(() -> AzureFunctions.serviceBusTopic(bytes("x"), "m", "-1", null, null,
        new FakeWorker.Context("welcome"))).hasMessageContaining("DeliveryCount");
  }

  @Test
  void anEntryForTheWrongTriggerKindFailsClearly() {
    FakeWorker.Context ctx = new FakeWorker.Context("orders");
    assertThatThrownBy(() -> AzureFunctions.timer("{}", ctx))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("SERVER_ERROR");
    assertThat(ctx.lines()).anySatisfy(line -> assertThat(line)
        .contains("Function 'orders' is not a registered faas4j schedule function").contains(ctx.invocationId));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
  private static java.util.Map<String, String> texts(java.util.Map<String, dev.faas4j.event.AttributeValue> a) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    a.forEach((k, v) -> m.put(k, v.asText()));
    return m;
  }
}
