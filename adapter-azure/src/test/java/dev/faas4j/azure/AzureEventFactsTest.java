package dev.faas4j.azure;

import static dev.faas4j.trigger.Triggers.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every platform fact of each Azure trigger, through the real entry methods with metadata as the worker binds it
 * (JSON-typed values keep their quotes) and Event Grid payloads from the Event Grid documentation: typed where
 * portable, under {@code azure.<service>.<field>} in the origin otherwise, absent when not delivered.
 */
class AzureEventFactsTest {

  // ---------------------------------------------------------------- Queue Storage

  @Test
  void queueMessageKeepsEveryQueueStorageFact() {
    byte[] body = bytes("order-9");
    AzureFunctions.queue(body, new FakeWorker.Context("orders"), "Id", "5f1c-0001", "DequeueCount", "2",
        "InsertionTime", "\"2020-05-01T17:47:22+00:00\"", "ExpirationTime", "\"2020-05-08T17:47:22+00:00\"",
        "NextVisibleTime", "\"2020-05-01T17:57:22+00:00\"", "PopReceipt", "AgAAAAMAAAAAAAAAtnFW+rQ/1gE=");

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.id()).isEqualTo("5f1c-0001");
    assertThat(m.time()).contains(Instant.parse("2020-05-01T17:47:22Z"));
    assertThat(m.deliveryAttempt()).hasValue(2);
    assertThat(m.origin().platform()).isEqualTo("azure");
    assertThat(m.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.queue.expirationTime", "2020-05-08T17:47:22Z",
        "azure.queue.nextVisibleTime", "2020-05-01T17:57:22Z",
        "azure.queue.popReceipt", "AgAAAAMAAAAAAAAAtnFW+rQ/1gE=",
        "azure.queue.maxDequeueCount", "5",
        "azure.queue.lastAttempt", "false"));
    assertThat(m.origin().payload()).isEqualTo(body);
  }

  @Test
  void theFifthDequeueIsTheLastAttemptUnderTheHostDefault() {
    AzureFunctions.queue(bytes("x"), new FakeWorker.Context("orders"), "Id", "q-5", "DequeueCount", "5");
    assertThat(TestApp.last(QueueMessage.class).origin().attribute("azure.queue.lastAttempt")).contains("true");
  }

  @Test
  void maxDequeueCountComesFromTheHostOverrideSettingElseHostJson(@TempDir Path root) throws Exception {
    List<QueueMessage> received = new CopyOnWriteArrayList<>();
    FunctionApp app = (f, platform) -> f.onQueueMessage("jobs", queue("jobs"), (m, ctx) -> received.add(m));

    new AzureHandler(app, new InMemoryPlatform(), Map.of(AzureHandler.MAX_DEQUEUE_SETTING, "3")::get)
        .queue(bytes("a"), new FakeWorker.Context("jobs"), "Id", "a", "DequeueCount", "3");
    Files.writeString(root.resolve("host.json"),
        "{\"version\":\"2.0\",\"extensions\":{\"queues\":{\"maxDequeueCount\":2}}}");
    new AzureHandler(app, new InMemoryPlatform(), Map.of("AzureWebJobsScriptRoot", root.toString())::get)
        .queue(bytes("b"), new FakeWorker.Context("jobs"), "Id", "b", "DequeueCount", "1");

    assertThat(received).extracting(m -> m.origin().attribute("azure.queue.maxDequeueCount").orElseThrow())
        .containsExactly("3", "2");
    assertThat(received).extracting(m -> m.origin().attribute("azure.queue.lastAttempt").orElseThrow())
        .containsExactly("true", "false");
    assertThatThrownBy(() -> new AzureHandler(app, new InMemoryPlatform(),
        Map.of(AzureHandler.MAX_DEQUEUE_SETTING, "0")::get)).hasMessageContaining("maxDequeueCount");
  }

  @Test
  void queueFactsTheWorkerDidNotBindAreAbsentNotInvented() {
    AzureFunctions.queue(bytes("bare"), new FakeWorker.Context("orders"), "Id", "bare-1");

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.time()).isEmpty();
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.origin().attributes()).isEmpty();
  }

  @Test
  void badQueueTimesAreRejectedAndUnknownMetadataNamesAreTheEntrysBug() {
    assertThatThrownBy(() -> AzureFunctions.queue(bytes("x"), new FakeWorker.Context("orders"), "Id", "b",
        "ExpirationTime", "\"next week\"")).isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("CLIENT_ERROR");
    FakeWorker.Context ctx = new FakeWorker.Context("orders");
    assertThatThrownBy(() -> AzureFunctions.queue(bytes("x"), ctx, "Id", "b", "QueueName", "orders"))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("SERVER_ERROR");
    assertThat(ctx.lines()).anySatisfy(l -> assertThat(l).contains("QueueName"));
    assertThatThrownBy(() -> AzureFunctions.queue(bytes("x"), new FakeWorker.Context("orders"), "Id"))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("SERVER_ERROR");
  }

  // ---------------------------------------------------------------- Service Bus

  @Test
  void serviceBusMessageKeepsEveryFactTypedWherePortable() {
    byte[] body = bytes("{\"order\":1}");
    AzureFunctions.serviceBusQueue(body, new FakeWorker.Context("orders"), "MessageId", "sb-1",
        "DeliveryCount", "4", "EnqueuedTimeUtc", "\"2024-05-01T10:00:00.1234567Z\"",
        "ApplicationProperties", "{\"tenant\":\"acme\",\"priority\":5,\"ratio\":0.25,\"vip\":true,\"none\":null}",
        "ContentType", "application/json", "CorrelationId", "corr-7", "Subject", "order.created",
        "SequenceNumber", "9223372036854775807", "SessionId", "customer-42", "ReplyTo", "replies",
        "ReplyToSessionId", "reply-session", "To", "billing", "TimeToLive", "\"1.02:03:04.5\"",
        "ExpiresAtUtc", "\"2024-05-02T12:03:04.6234567Z\"", "ScheduledEnqueueTimeUtc", "\"2024-05-01T09:59:00Z\"",
        "DeadLetterSource", "orders");

    QueueMessage m = TestApp.last(QueueMessage.class);
    assertThat(m.id()).isEqualTo("sb-1");
    assertThat(m.deliveryAttempt()).hasValue(4);
    assertThat(m.time()).contains(Instant.parse("2024-05-01T10:00:00.1234567Z"));
    assertThat(m.contentType()).contains("application/json");
    assertThat(m.subject()).contains("order.created");
    assertThat(m.groupKey()).contains("customer-42");
    assertThat(m.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "tenant", new AttributeValue.Text("acme"), "priority", new AttributeValue.Number("5"),
        "ratio", new AttributeValue.Number("0.25"), "vip", new AttributeValue.Text("true")));
    assertThat(m.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.servicebus.correlationId", "corr-7",
        "azure.servicebus.sequenceNumber", "9223372036854775807",
        "azure.servicebus.replyTo", "replies",
        "azure.servicebus.replyToSessionId", "reply-session",
        "azure.servicebus.to", "billing",
        "azure.servicebus.timeToLive", "PT26H3M4.5S",
        "azure.servicebus.expiresAt", "2024-05-02T12:03:04.623456700Z",
        "azure.servicebus.scheduledEnqueueTime", "2024-05-01T09:59:00Z",
        "azure.servicebus.deadLetterSource", "orders"));
    assertThat(m.origin().payload()).isEqualTo(body);
  }

  @Test
  void serviceBusTopicTakesTheOlderMetadataNamesToo() {
    AzureFunctions.serviceBusTopic(bytes("hi"), new FakeWorker.Context("welcome"), "MessageId", "sb-2",
        "Label", "greeting", "UserProperties", "{\"lang\":\"en\"}", "EnqueuedTime", "2024-05-01T10:00:00Z",
        "ExpiresAt", "2024-05-15T10:00:00Z");

    TopicMessage m = TestApp.last(TopicMessage.class);
    assertThat(m.subject()).contains("greeting");
    assertThat(m.attribute("lang")).contains("en");
    assertThat(m.time()).contains(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(m.origin().attribute("azure.servicebus.expiresAt")).contains("2024-05-15T10:00:00Z");
  }

  @Test
  void serviceBusFactsNotBoundAreAbsent() {
    AzureFunctions.serviceBusTopic(bytes("hi"), new FakeWorker.Context("welcome"), "MessageId", "sb-3");

    TopicMessage m = TestApp.last(TopicMessage.class);
    assertThat(m.time()).isEmpty();
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.contentType()).isEmpty();
    assertThat(m.groupKey()).isEmpty();
    assertThat(m.subject()).isEmpty();
    assertThat(m.attributes()).isEmpty();
    assertThat(m.origin().attributes()).isEmpty();
  }

  @Test
  void badServiceBusFactsAreClientErrors() {
    for (String[] bad : List.of(new String[] {"ApplicationProperties", "{\"nested\":{\"a\":1}}"},
        new String[] {"ApplicationProperties", "{\"list\":[1]}"}, new String[] {"SequenceNumber", "12a"},
        new String[] {"TimeToLive", "\"soon\""}, new String[] {"EnqueuedTimeUtc", "\"yesterday\""},
        new String[] {"ExpiresAtUtc", "\"tomorrow\""}, new String[] {"DeliveryCount", "\"-1\""})) {
      assertThatThrownBy(() -> AzureFunctions.serviceBusTopic(bytes("x"), new FakeWorker.Context("welcome"),
          "MessageId", "m", bad[0], bad[1])).as(bad[0] + "=" + bad[1])
          .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
  }

  @Test
  void timeSpansOfEveryDotNetShapeBecomeIsoDurations() {
    assertThat(EventMapping.timeSpan("00:00:30", "t")).hasToString("PT30S");
    assertThat(EventMapping.timeSpan("14.00:00:00", "t")).hasToString("PT336H");
    assertThat(EventMapping.timeSpan("10675199.02:48:05.4775807", "t").toDays()).isEqualTo(10675199);
    assertThat(EventMapping.timeSpan("-00:01:00", "t")).hasToString("PT-1M");
    for (String bad : new String[] {"", "1:2", "aa:00:00", "1.1.00:00:00", "00:00:xx"}) {
      assertThatThrownBy(() -> EventMapping.timeSpan(bad, "TimeToLive")).as(bad)
          .hasMessageContaining("TimeToLive");
    }
  }

  // ---------------------------------------------------------------- Blob trigger

  @Test
  void blobTriggerCarriesContentMetadataUriAndProperties() {
    byte[] content = bytes("PNG...");
    AzureFunctions.blob(content, new FakeWorker.Context("thumbnail"), "BlobTrigger", "raw-images/cats/tom.png",
        "Properties", "{\"ETag\":\"\\\"0x8D4BCC2E4835CD0\\\"\",\"ContentType\":\"image/png\",\"ContentLength\":6,"
            + "\"LastModified\":\"2024-03-01T10:00:00+00:00\",\"BlobType\":\"BlockBlob\"}",
        "Metadata", "{\"owner\":\"tom\",\"camera\":\"x100\"}",
        "Uri", "https://acct.blob.core.windows.net/raw-images/cats/tom.png");

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.metadata()).contains(Map.of("owner", "tom", "camera", "x100"));
    assertThat(e.time()).contains(Instant.parse("2024-03-01T10:00:00Z"));
    assertThat(e.size()).hasValue(6);
    assertThat(e.contentType()).contains("image/png");
    assertThat(e.origin().payload()).isEqualTo(content);
    assertThat(e.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.blob.uri", "https://acct.blob.core.windows.net/raw-images/cats/tom.png",
        "azure.blob.blobType", "BlockBlob"));
  }

  @Test
  void blobTriggerWithoutPropertiesHasNoTimeAndNoMetadata() {
    AzureFunctions.blob(new byte[3], new FakeWorker.Context("thumbnail"), "BlobTrigger", "raw-images/bare.png");

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.time()).isEmpty();
    assertThat(e.metadata()).isEmpty(); // not delivered, which is not "present and empty"
    assertThat(e.size()).hasValue(3);
  }

  @Test
  void badBlobMetadataIsRejected() {
    for (String[] bad : List.of(new String[] {"Metadata", "[1]"}, new String[] {"Metadata", "{\"n\":1}"},
        new String[] {"Properties", "[]"}, new String[] {"Properties", "{\"ContentLength\":\"big\"}"})) {
      assertThatThrownBy(() -> AzureFunctions.blob(new byte[0], new FakeWorker.Context("thumbnail"),
          "BlobTrigger", "raw-images/a.png", bad[0], bad[1])).as(bad[1])
          .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
  }

  // ---------------------------------------------------------------- Event Grid

  @Test
  void eventGridBlobCreatedKeepsTheStorageFacts() throws Exception {
    String event = single("eventgrid-blob-created.json");
    AzureFunctions.eventGrid(event, new FakeWorker.Context("blobChanges"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.bucket()).isEqualTo("documents");
    assertThat(e.source()).endsWith("/storageAccounts/my-storage-account");
    assertThat(e.metadata()).isEmpty(); // Event Grid events carry no user metadata
    assertThat(e.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.eventgrid.api", "PutBlockList",
        "azure.eventgrid.clientRequestId", "6d79dbfb-0e37-4fc4-981f-442c9ca65760",
        "azure.eventgrid.requestId", "831e1650-001e-001b-66ab-eeb76e000000",
        "azure.eventgrid.blobType", "BlockBlob",
        "azure.eventgrid.url", "https://my-storage-account.blob.core.windows.net/documents/reports/q1%202024+final.pdf",
        "azure.eventgrid.sequencer", "00000000000004420000000000028963",
        "azure.eventgrid.storageAccount", "my-storage-account",
        "azure.eventgrid.dataVersion", "",
        "azure.eventgrid.metadataVersion", "1"));
    assertThat(e.origin().payload()).isEqualTo(bytes(event));
  }

  @Test
  void eventGridBlobDeletedFromTheDocumentation() throws Exception {
    AzureFunctions.eventGrid(single("eventgrid-blob-deleted.json"), new FakeWorker.Context("blobChanges"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(e.key()).isEqualTo("file.txt");
    assertThat(e.size()).isEmpty();
    assertThat(e.time()).contains(Instant.parse("2017-11-07T20:09:22.5674003Z"));
    assertThat(e.origin().attribute("azure.eventgrid.api")).contains("DeleteBlob");
    assertThat(e.origin().attribute("azure.eventgrid.sequencer")).contains("0000000000000281000000000002F5CA");
  }

  @Test
  void cloudEventsSchemaBlobCreatedMapsLikeTheEventGridSchema() throws Exception {
    AzureFunctions.eventGrid(single("cloudevents-blob-created.json"), new FakeWorker.Context("blobChanges"));

    ObjectEvent e = TestApp.last(ObjectEvent.class);
    assertThat(e.id()).isEqualTo("9aeb0fdf-c01e-0131-0922-9eb54906e209");
    assertThat(e.time()).contains(Instant.parse("2019-08-21T16:15:04.9176032Z"));
    assertThat(e.key()).isEqualTo("new-file.txt");
    assertThat(e.size()).hasValue(30699);
    assertThat(e.origin().attribute("azure.eventgrid.storageAccount")).contains("my-storage-account");
    assertThat(e.origin().attribute("azure.eventgrid.sequencer"))
        .contains("000000000000000000000000000099240000000000c41c18");
  }

  @Test
  void blobSubjectWithoutItsLeadingSlashStillNamesTheContainer() {
    AzureFunctions.eventGrid("{\"specversion\":\"1.0\",\"id\":\"s-1\",\"type\":\"Microsoft.Storage.BlobCreated\","
        + "\"source\":\"/x\",\"subject\":\"blobServices/default/containers/documents/blobs/slashless.txt\","
        + "\"data\":{}}", new FakeWorker.Context("blobChanges"));
    assertThat(TestApp.last(ObjectEvent.class).key()).isEqualTo("slashless.txt");
  }

  @Test
  void eventGridEventWithoutATimeHasNone() {
    AzureFunctions.eventGrid("{\"id\":\"t-0\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":"
        + "\"/blobServices/default/containers/documents/blobs/untimed.txt\",\"data\":{}}",
        new FakeWorker.Context("blobChanges"));
    assertThat(TestApp.last(ObjectEvent.class).time()).isEmpty();
  }

  // ---------------------------------------------------------------- CloudEvent functions

  @Test
  void cloudEventsSchemaEventReachesACloudEventFunctionWithEveryAttribute() throws Exception {
    String event = AzureHttpEntryTest.resource("cloudevents-custom.json");
    AzureFunctions.eventGrid(event, new FakeWorker.Context("itemReceived"));

    CloudEvent e = TestApp.last(CloudEvent.class);
    assertThat(e.id()).isEqualTo("A234-1234-1234");
    assertThat(e.type()).isEqualTo("Contoso.Items.ItemReceived");
    assertThat(e.source()).isEqualTo("/contoso/items");
    assertThat(e.subject()).contains("widgets/1234");
    assertThat(e.time()).contains(Instant.parse("2018-04-05T17:31:00Z"));
    assertThat(e.specVersion()).isEqualTo("1.0");
    assertThat(e.dataContentType()).contains("application/json");
    assertThat(e.extensions()).containsExactlyInAnyOrderEntriesOf(Map.of("comexampleextension1", "value",
        "comexampleothervalue", "5"));
    assertThat(e.text()).isEqualTo("{\"itemSku\":\"Standard\",\"itemId\":\"1234\"}");
    assertThat(e.origin().payload()).isEqualTo(bytes(event));
  }

  @Test
  void cloudEventDataBase64AndTextData() {
    AzureFunctions.eventGrid("{\"specversion\":\"1.0\",\"id\":\"b-1\",\"type\":\"Contoso.Items.ItemReceived\","
        + "\"source\":\"/contoso/items\",\"datacontenttype\":\"application/octet-stream\","
        + "\"data_base64\":\"AAEC/w==\"}", new FakeWorker.Context("itemReceived"));
    assertThat(TestApp.last(CloudEvent.class).data()).containsExactly(0, 1, 2, 255);

    AzureFunctions.eventGrid("{\"specversion\":\"1.0\",\"id\":\"b-2\",\"type\":\"Contoso.Items.ItemReceived\","
        + "\"source\":\"/contoso/items\",\"datacontenttype\":\"text/plain\",\"data\":\"hello\"}",
        new FakeWorker.Context("itemReceived"));
    CloudEvent text = TestApp.last(CloudEvent.class);
    assertThat(text.text()).isEqualTo("hello");
    assertThat(text.time()).isEmpty();
  }

  @Test
  void badCloudEventsAreRejected() {
    String head = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"Contoso.Items.ItemReceived\",";
    for (String bad : new String[] {head + "\"source\":\"/s\",\"data_base64\":\"!!!\"}",
        head + "\"source\":\"/s\",\"data_base64\":\"AA==\",\"data\":{}}",
        head + "\"source\":\"/s\",\"ext\":{\"nested\":true}}", head + "\"data\":{}}",
        head + "\"source\":\"/s\",\"time\":\"noon\"}", head + "\"source\":42}"}) {
      assertThatThrownBy(() -> AzureFunctions.eventGrid(bad, new FakeWorker.Context("itemReceived"))).as(bad)
          .isInstanceOf(FunctionFailedException.class).hasMessageContaining("CLIENT_ERROR");
    }
  }

  @Test
  void eventGridSchemaEventWithoutAPortableKindIsACloudEvent() throws Exception {
    AzureFunctions.eventGrid(single("eventgrid-custom-topic.json"), new FakeWorker.Context("recordInserted"));

    CloudEvent e = TestApp.last(CloudEvent.class);
    assertThat(e.type()).isEqualTo("recordInserted");
    assertThat(e.source()).endsWith("/providers/Microsoft.EventGrid/topics/{topic}");
    assertThat(e.subject()).contains("/myapp/vehicles/motorcycles");
    assertThat(e.time()).contains(Instant.parse("2017-06-26T18:41:00.9584103Z"));
    assertThat(e.dataContentType()).isEmpty(); // the Event Grid schema does not say
    assertThat(e.text()).isEqualTo("{\"make\":\"Ducati\",\"model\":\"Monster\"}");
    assertThat(e.extensions()).isEmpty();
    assertThat(e.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.eventgrid.dataVersion", "1.0", "azure.eventgrid.metadataVersion", "1"));
  }

  @Test
  void aCloudEventFunctionOnABlobTypeGetsTheBlobEventAsACloudEvent() throws Exception {
    AzureFunctions.eventGrid(single("eventgrid-blob-created.json"), new FakeWorker.Context("blobAudit"));

    CloudEvent e = TestApp.last(CloudEvent.class);
    assertThat(e.type()).isEqualTo("Microsoft.Storage.BlobCreated");
    assertThat(e.text()).contains("\"api\":\"PutBlockList\"");
    assertThat(e.origin().attribute("azure.eventgrid.storageAccount")).contains("my-storage-account");
  }

  @Test
  void anEventGridSchemaEventWithoutATopicIsRejected() {
    assertThatThrownBy(() -> AzureFunctions.eventGrid("{\"id\":\"n\",\"eventType\":\"recordInserted\",\"data\":{}}",
        new FakeWorker.Context("recordInserted"))).hasMessageContaining("CLIENT_ERROR");
  }

  // ---------------------------------------------------------------- Timer

  @Test
  void timerInventsNoDueTimeAndKeysTheRunByTheRecordedNextOccurrence() throws Exception {
    String info = AzureHttpEntryTest.resource("timer.json");
    AzureFunctions.timer(info, new FakeWorker.Context("nightly"));
    ScheduleEvent first = TestApp.last(ScheduleEvent.class);
    AzureFunctions.timer(info, new FakeWorker.Context("nightly")); // a retry of the same run
    ScheduleEvent retry = TestApp.last(ScheduleEvent.class);

    assertThat(first.scheduledTime()).isEmpty();
    assertThat(first.time()).isEmpty();
    assertThat(first.id()).isEqualTo("nightly@2022-10-12T02:30:00Z").isEqualTo(retry.id());
    assertThat(first.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "azure.timer.lastUpdated", "2022-10-11T10:52:00.003967Z", "azure.timer.adjustForDST", "true"));
    assertThat(first.origin().payload()).isEqualTo(bytes(info));
  }

  @Test
  void timerWithoutScheduleStatusIsKeyedByTheInvocation() {
    FakeWorker.Context ctx = new FakeWorker.Context("nightly");
    AzureFunctions.timer("{\"Schedule\":{},\"ScheduleStatus\":null,\"IsPastDue\":false}", ctx);
    assertThat(TestApp.last(ScheduleEvent.class).id()).isEqualTo(ctx.invocationId);
    assertThatThrownBy(() -> AzureFunctions.timer("{\"Schedule\":{\"AdjustForDST\":\"yes\"}}",
        new FakeWorker.Context("nightly"))).hasMessageContaining("CLIENT_ERROR");
  }

  // ---------------------------------------------------------------- HTTP

  @Test
  void httpRequestPathKeepsTheApiPrefixAsSentAndRoutesMatchWithoutIt() {
    AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET, "https://app.azurewebsites.net/api/users/7",
        Optional.<String>empty(), "X-Forwarded-For", "203.0.113.9:4711"), new FakeWorker.Context("getUser"));

    HttpRequest r = TestApp.last(HttpRequest.class);
    assertThat(r.requestPath()).isEqualTo("/api/users/7");
    assertThat(r.path()).isEqualTo("/users/7");
    assertThat(r.requestTime()).isEmpty(); // the worker does not say when the host received it
    assertThat(r.origin().platform()).isEqualTo("azure");
    assertThat(r.origin().headers().first("x-forwarded-for")).contains("203.0.113.9:4711");
  }

  private static String single(String resource) throws Exception {
    String text = AzureHttpEntryTest.resource(resource);
    return text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
