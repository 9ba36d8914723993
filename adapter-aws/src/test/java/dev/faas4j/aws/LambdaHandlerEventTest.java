package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.handler;
import static dev.faas4j.aws.Fixtures.invoke;
import static dev.faas4j.aws.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.ChangeRecord;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class LambdaHandlerEventTest {
  private final RecordingApp app = new RecordingApp();
  private final LambdaHandler handler = handler(app);

  // ---------------------------------------------------------------- SQS

  @Test
  void sqsBatchReportsOnlyTheFailedMessage() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("sqs.json"));

    assertThat(failures(response)).containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
    assertThat(app.events).hasSize(3); // a standard queue carries on after a failure
  }

  @Test
  void sqsRecordMapsIdBodyAttributesAttemptAndTime() throws Exception {
    invoke(handler, Fixtures.bytes("sqs.json"));

    QueueMessage first = (QueueMessage) app.events.get(0);
    assertThat(first.id()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(first.queue()).isEqualTo("orders"); // physical acme-prod-orders mapped back through the setting
    assertThat(first.text()).isEqualTo("{\"order\":1}");
    assertThat(texts(first.attributes())).containsExactlyInAnyOrderEntriesOf(
        Map.of("tenant", "acme", "priority", "7", "blob", "AQID"));
    assertThat(first.time()).hasValue(Instant.ofEpochMilli(1712490000123L));
    assertThat(first.deliveryAttempt()).hasValue(1);
    assertThat(first.groupKey()).isEmpty();
    assertThat(((QueueMessage) app.events.get(1)).deliveryAttempt()).hasValue(3);
  }

  @Test
  void sqsBodyMarkedAsBase64IsDecodedAndTheMarkIsHidden() throws Exception {
    invoke(handler, Fixtures.bytes("sqs.json"));

    QueueMessage binary = (QueueMessage) app.events.get(2);
    assertThat(binary.body()).containsExactly(0, 1, 2, 0xff);
    assertThat(texts(binary.attributes())).isEmpty();
  }

  @Test
  void sqsBatchWithoutFailuresAnswersAnEmptyList() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.get("Records").get(1)).put("body", "fine");

    assertThat(failures(invoke(handler, event))).isEmpty();
  }

  @Test
  void fifoBatchStopsAtTheFirstFailureAndReportsTheRest() throws Exception {
    LambdaHandler fifo = handler(app, Map.of("FAAS4J_QUEUE_ORDERS", "acme-prod-orders.fifo"));

    JsonNode response = invoke(fifo, Fixtures.bytes("sqs-fifo.json"));

    assertThat(failures(response)).containsExactly("22d6ee51-4cc7-4302-9e22-7cd8afdaadf5",
        "33d6ee51-4cc7-4302-9e22-7cd8afdaadf5");
    assertThat(app.events).extracting(e -> ((QueueMessage) e).text()).containsExactly("first", "fail");
    assertThat(((QueueMessage) app.events.get(0)).groupKey()).contains("customer-1");
  }

  @Test
  void sqsRecordWithInvalidTimestampFailsAloneAndTheOthersRun() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.get("Records").get(0).get("attributes")).put("SentTimestamp", "yesterday");

    JsonNode response = invoke(handler, event);

    // the malformed record and the function's own failure, nothing else; the malformed one never reached it
    assertThat(failures(response)).containsExactlyInAnyOrder("2e1424d4-f796-459a-8184-9c92662be6da",
        "059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(app.events).hasSize(2);
  }

  @Test
  void malformedRecordIsLoggedOnceAsARejectionNamingItsIdNotItsValue() throws Exception {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    LambdaHandler logged = new LambdaHandler(app, new InMemoryPlatform(java.time.Clock.systemUTC(), Fixtures.ENV),
        Fixtures.ENV::get, (level, line) -> lines.add(line));
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.get("Records").get(0).get("attributes")).put("SentTimestamp", "yesterday");

    invoke(logged, event);

    List<String> rejections = lines.stream().filter(l -> l.contains("rejected")).toList();
    assertThat(rejections).hasSize(1);
    JsonNode line = logLine(rejections.get(0));
    assertThat(line.get("message").asText()).startsWith("Event rejected: Records[0].attributes.SentTimestamp");
    assertThat(line.get("itemId").asText()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(line.get("invocationId").asText()).isEqualTo("req-1");
    assertThat(rejections.get(0)).doesNotContain("yesterday");
  }

  @Test
  void sqsRecordWithInvalidBase64MarkedBodyFailsAlone() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.get("Records").get(2)).put("body", "%%%");

    JsonNode response = invoke(handler, event);

    assertThat(failures(response)).contains("c2ab1c4d-9a51-4c57-9f0b-7f3c2e1d0a55");
    assertThat(app.events).hasSize(2);
  }

  @Test
  void sqsRecordWithoutAMessageIdCannotBeReportedSoTheBatchIsATypedError() {
    ObjectNode event = tree("sqs.json");
    ObjectNode record = (ObjectNode) event.get("Records").get(0);
    record.remove("messageId");
    ((ObjectNode) record.get("attributes")).put("SentTimestamp", "yesterday");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("messageId");
  }

  @Test
  void fifoBatchWithAMalformedRecordRunsNothingAfterIt() throws Exception {
    LambdaHandler fifo = handler(app, Map.of("FAAS4J_QUEUE_ORDERS", "acme-prod-orders.fifo"));
    ObjectNode event = tree("sqs-fifo.json");
    ((ObjectNode) event.get("Records").get(0).get("attributes")).put("SentTimestamp", "yesterday");

    JsonNode response = invoke(fifo, event);

    assertThat(app.events).isEmpty();
    assertThat(failures(response)).hasSize(event.get("Records").size());
  }

  // ---------------------------------------------------------------- Kinesis and DynamoDB Streams

  @Test
  void kinesisBatchCheckpointsAtTheFirstFailedSequenceNumber() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("kinesis.json"));

    assertThat(failures(response)).containsExactly(
        "49590338271490256608559692540925702759324208523137515618",
        "49590338271490256608559692540925702759324208523137515619");
    QueueMessage first = (QueueMessage) app.events.get(0);
    assertThat(first.text()).isEqualTo("{\"n\":1}");
    assertThat(first.queue()).isEqualTo("clicks");
    assertThat(first.groupKey()).contains("customer-1");
    assertThat(first.time()).hasValue(Instant.parse("2024-04-07T13:20:01.123Z"));
    assertThat(app.events).hasSize(2);
  }

  @Test
  void dynamoDbStreamBatchReportsSequenceNumbersFromTheFirstFailure() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("dynamodb.json"));

    assertThat(failures(response)).containsExactly("4421584500000000017450439092", "4421584500000000017450439093");
    QueueMessage insert = (QueueMessage) app.events.get(0);
    assertThat(insert.queue()).isEqualTo("users");
    assertThat(insert.change().orElseThrow().operation()).isEqualTo(ChangeRecord.Operation.INSERT);
    assertThat(insert.change().orElseThrow().newImage()).contains("{\"Message\":\"New item!\",\"Id\":101}");
    assertThat(insert.time()).hasValue(Instant.ofEpochSecond(1712496600));
    assertThat(((QueueMessage) app.events.get(1)).time().orElseThrow().getEpochSecond()).isEqualTo(1635734407L);
  }

  // ---------------------------------------------------------------- SNS

  @Test
  void snsRecordBecomesATopicMessage() throws Exception {
    assertThat(invoke(handler, Fixtures.bytes("sns.json"))).isNull();

    TopicMessage m = (TopicMessage) app.events.get(0);
    assertThat(m.id()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
    assertThat(m.topic()).isEqualTo("user-created");
    assertThat(m.text()).isEqualTo("{\"userId\":\"42\"}");
    assertThat(texts(m.attributes())).containsEntry("tenant", "acme").containsEntry("count", "3")
        .containsEntry("tags", "[\"a\",\"b\"]");
    assertThat(m.time()).hasValue(Instant.parse("2024-04-07T12:30:15.482Z"));
    assertThat(m.subject()).isEmpty();
  }

  @Test
  void failingTopicFunctionThrowsSoLambdaRetries() {
    ObjectNode event = tree("sns.json");
    ((ObjectNode) event.get("Records").get(0).get("Sns")).put("Message", "boom");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOfSatisfying(FunctionFailedException.class, e -> {
      assertThat(e.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
      assertThat(e.getMessage()).doesNotContain("boom");
    });
  }

  // ---------------------------------------------------------------- S3

  @Test
  void s3NotificationKeyIsFormDecoded() throws Exception {
    invoke(handler, Fixtures.bytes("s3.json"));

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.key()).isEqualTo("photos/2024/red flower été.jpg");
    assertThat(e.bucket()).isEqualTo("raw-images");
    assertThat(e.kind()).isEqualTo(ObjectEventKind.CREATED);
    assertThat(e.size()).hasValue(1305107);
    assertThat(e.etag()).contains("b21b84d653bb07b05b1e6b33684dc11b");
    assertThat(e.version()).contains("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
    assertThat(e.time()).hasValue(Instant.parse("2024-04-07T12:30:15.482Z"));
    assertThat(e.id()).contains("0C0F6F405D6ED209E1");
  }

  @Test
  void s3RemovalWithoutSizeOrEtagMaps() throws Exception {
    invoke(handler, Fixtures.bytes("s3-delete.json"));

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(e.size()).isEmpty();
    assertThat(e.etag()).isEmpty();
  }

  @Test
  void hostileS3KeyIsDecodedThenRefusedByThePort() {
    ObjectNode event = tree("s3.json");
    ((ObjectNode) event.at("/Records/0/s3/object")).put("key", "..%2F..%2Fetc%2Fpasswd");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOfSatisfying(FunctionFailedException.class,
        e -> assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR));
    assertThat(((ObjectEvent) app.events.get(0)).key()).isEqualTo("../../etc/passwd");
  }

  @Test
  void s3KeyWithMalformedEscapeIsRejectedAsBadInputWithoutRunningTheFunction() {
    ObjectNode event = tree("s3.json");
    ((ObjectNode) event.at("/Records/0/s3/object")).put("key", "bad%G1");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOfSatisfying(FunctionFailedException.class, e -> {
      assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
      assertThat(e.getMessage()).contains("Records[0].s3.object.key").doesNotContain("G1");
    });
    assertThat(app.events).isEmpty();
  }

  @Test
  void s3EventViaEventBridgeKeepsTheKeyAsIs() throws Exception {
    invoke(handler, Fixtures.bytes("s3-eventbridge.json"));

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.key()).isEqualTo("photos/red flower+x%2F.jpg");
    assertThat(e.id()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
    assertThat(e.bucket()).isEqualTo("raw-images");
    assertThat(e.size()).hasValue(5);
    assertThat(e.version()).contains("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
  }

  // ---------------------------------------------------------------- schedules

  @Test
  void eventBridgeRuleAndSchedulerRunsBecomeScheduleEvents() throws Exception {
    invoke(handler, Fixtures.bytes("schedule.json"));
    invoke(handler, Fixtures.bytes("scheduler.json"));

    assertThat(app.events).hasSize(2).allSatisfy(e -> {
      ScheduleEvent s = (ScheduleEvent) e;
      assertThat(s.schedule()).isEqualTo("dailyReport");
      assertThat(s.scheduledTime()).hasValue(Instant.parse("2024-03-10T02:00:00Z"));
      assertThat(s.pastDue()).isFalse();
    });
    assertThat(app.events.get(0).source()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/dailyReport");
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void malformedJsonIsATypedError() {
    assertThatThrownBy(() -> invoke(handler, "{\"Records\": [".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void emptyInputIsATypedError() {
    assertThatThrownBy(() -> invoke(handler, new byte[0])).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void unknownShapesAreATypedError() {
    for (String json : List.of("{\"hello\":\"world\"}", "[1,2]", "\"text\"", "{\"Records\":[]}",
        "{\"Records\":[{\"eventSource\":\"aws:kafka\"}]}", "{\"detail-type\":\"Custom\",\"source\":\"acme\"}")) {
      assertThatThrownBy(() -> invoke(handler, json.getBytes(StandardCharsets.UTF_8))).as(json)
          .isInstanceOf(InvalidEventException.class).hasMessageContaining("Unrecognised Lambda event");
    }
  }

  @Test
  void recordOfTheWrongTypeIsATypedError() {
    ObjectNode event = tree("sqs.json");
    ((ArrayNode) event.get("Records")).add("not an object");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("Records[3] must be an object");
  }

  @Test
  void missingRequiredFieldIsATypedErrorNotANullPointer() {
    ObjectNode event = tree("sns.json");
    ((ObjectNode) event.at("/Records/0/Sns")).remove("TopicArn");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOfSatisfying(FunctionFailedException.class, e -> {
      assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
      assertThat(e.getMessage()).contains("Records[0].Sns.TopicArn is required");
    });
  }

  @Test
  void malformedSnsRecordFailsAloneTheOthersRunAndLambdaIsToldOfTheFailure() {
    ObjectNode event = tree("sns.json");
    ArrayNode records = (ArrayNode) event.get("Records");
    records.insert(0, records.get(0).deepCopy());
    ((ObjectNode) records.get(0).get("Sns")).put("Timestamp", "yesterday");

    assertThatThrownBy(() -> invoke(handler, event)).isInstanceOfSatisfying(FunctionFailedException.class,
        e -> assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR));
    assertThat(app.events).hasSize(1); // the well-formed second record still ran
  }

  @Test
  void kinesisRecordThatIsNotBase64CheckpointsThereAndRunsNothingAfterIt() throws Exception {
    ObjectNode event = tree("kinesis.json");
    ((ObjectNode) event.at("/Records/0/kinesis")).put("data", "***");

    JsonNode response = invoke(handler, event);

    // the stream is ordered: the bad record is the checkpoint and nothing after it ran
    assertThat(failures(response)).first()
        .isEqualTo("49590338271490256608559692538361571095921575989136588898");
    assertThat(failures(response)).hasSize(event.get("Records").size());
    assertThat(app.events).isEmpty();
  }

  private static JsonNode logLine(String line) {
    return WireJson.tree(line.getBytes(StandardCharsets.UTF_8), "log line");
  }

  private static List<String> failures(JsonNode response) {
    JsonNode list = response.get("batchItemFailures");
    assertThat(list.isArray()).isTrue();
    return StreamSupport.stream(list.spliterator(), false).map(n -> n.get("itemIdentifier").asText()).toList();
  }
  private static java.util.Map<String, String> texts(java.util.Map<String, dev.faas4j.event.AttributeValue> a) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    a.forEach((k, v) -> m.put(k, v.asText()));
    return m;
  }
}
