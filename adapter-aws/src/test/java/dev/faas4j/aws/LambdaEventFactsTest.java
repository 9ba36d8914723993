package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.handler;
import static dev.faas4j.aws.Fixtures.invoke;
import static dev.faas4j.aws.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.ChangeRecord;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.WireJson;
import dev.faas4j.trigger.Triggers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every fact a documented Lambda payload delivers reaches the event, typed or in its origin; none is invented. */
class LambdaEventFactsTest {
  private final RecordingApp app = new RecordingApp();
  private final LambdaHandler handler = handler(app);

  // ---------------------------------------------------------------- SQS

  @Test
  void sqsMessageWithoutSentTimestampHasNoTimeAndWithoutReceiveCountNoAttempt() throws Exception {
    ObjectNode event = tree("sqs.json");
    ObjectNode attributes = (ObjectNode) event.at("/Records/0/attributes");
    attributes.remove("SentTimestamp");
    attributes.remove("ApproximateReceiveCount");

    invoke(handler, event);

    QueueMessage m = (QueueMessage) app.events.get(0);
    assertThat(m.time()).isEmpty();
    assertThat(m.deliveryAttempt()).isEmpty();
  }

  @Test
  void sqsAttemptIsTheReceiveCount() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.at("/Records/0/attributes")).put("ApproximateReceiveCount", "4");

    invoke(handler, event);

    assertThat(((QueueMessage) app.events.get(0)).deliveryAttempt()).hasValue(4);
  }

  @Test
  void sqsReceiveCountOfZeroIsRejected() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.at("/Records/0/attributes")).put("ApproximateReceiveCount", "0");

    assertThat(failures(invoke(handler, event))).contains("059f36b4-87a3-44ab-83d2-661975830a7d");
  }

  @Test
  void sqsMessageAttributesKeepTheirTypesAndCustomTypesTheirBaseKind() throws Exception {
    ObjectNode event = tree("sqs.json");
    ObjectNode attrs = (ObjectNode) event.at("/Records/0/messageAttributes");
    attrs.putObject("precise").put("stringValue", "12345678901234567890.5").put("dataType", "Number.decimal");
    attrs.putObject("nome").put("stringValue", "x").put("dataType", "String.nome");

    invoke(handler, event);

    QueueMessage m = (QueueMessage) app.events.get(0);
    assertThat(m.attributeValue("tenant")).contains(new AttributeValue.Text("acme"));
    assertThat(m.attributeValue("priority")).contains(new AttributeValue.Number("7"));
    assertThat(m.attributeValue("blob")).contains(new AttributeValue.Binary(new byte[] {1, 2, 3}));
    assertThat(((AttributeValue.Number) m.attributeValue("precise").orElseThrow()).asBigDecimal())
        .isEqualTo(new BigDecimal("12345678901234567890.5"));
    assertThat(m.attributeValue("nome")).contains(new AttributeValue.Text("x"));
  }

  @Test
  void badSqsAttributeValuesRejectTheirMessageOnly() throws Exception {
    for (ObjectNode attribute : List.of(
        attr("binaryValue", "%%%", "Binary"), attr("stringValue", "seven", "Number"),
        attr("stringValue", "x", "Float"), attr("stringValue", "x", null), attr("binaryValue", "AQID", "String"))) {
      ObjectNode event = tree("sqs.json");
      ((ObjectNode) event.at("/Records/0/messageAttributes")).set("bad", attribute);
      app.events.clear();

      List<String> failed = failures(invoke(handler, event));

      assertThat(failed).as(attribute.toString()).contains("059f36b4-87a3-44ab-83d2-661975830a7d");
      assertThat(app.events).as(attribute.toString()).noneMatch(e -> e.id().startsWith("059f36b4"));
    }
  }

  @Test
  void sqsFifoFactsAreTypedOrInTheOrigin() throws Exception {
    invoke(handler(app, Map.of("FAAS4J_QUEUE_ORDERS", "acme-prod-orders.fifo")), Fixtures.bytes("sqs-fifo.json"));

    QueueMessage m = (QueueMessage) app.events.get(0);
    assertThat(m.groupKey()).contains("customer-1");
    assertThat(m.origin().platform()).isEqualTo("aws");
    assertThat(m.origin().attributes())
        .containsEntry("aws.sqs.sequenceNumber", "18849496460467696128")
        .containsEntry("aws.sqs.messageDeduplicationId", "1")
        .containsEntry("aws.sqs.senderId", "AIDAIO23YVJENQZJOL4VO")
        .containsEntry("aws.sqs.approximateFirstReceiveTimestamp", "2019-11-08T22:18:30.774Z")
        .containsEntry("aws.sqs.awsRegion", "us-east-2")
        .containsKey("aws.sqs.receiptHandle");
  }

  @Test
  void sqsFactOfTheWrongTypeRejectsItsMessageWhenMappedNotWhenRead() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.at("/Records/0/attributes")).put("SenderId", 7);
    ((ObjectNode) event.at("/Records/1/attributes")).put("ApproximateFirstReceiveTimestamp", "soon");

    List<String> failed = failures(invoke(handler, event));

    assertThat(failed).contains("059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da");
    assertThat(app.events).hasSize(1);
    assertThat(app.events.get(0).origin().attributes()).containsKey("aws.sqs.receiptHandle");
  }

  @Test
  void sqsTraceHeaderAndRawBatchAreInTheOriginSharedByTheBatch() throws Exception {
    byte[] payload = Fixtures.bytes("sqs.json");
    invoke(handler, payload);

    QueueMessage first = (QueueMessage) app.events.get(0);
    assertThat(first.origin().attribute("aws.sqs.awsTraceHeader"))
        .contains("Root=1-66124a10-0123456789abcdef01234567;Parent=1234567890abcdef;Sampled=1");
    assertThat(first.origin().payload()).isEqualTo(payload);
    assertThat(app.events.get(1).origin().payload()).isEqualTo(payload);
    assertThat(first.origin().headers().names()).isEmpty();
    assertThat(first.origin().toString()).doesNotContain("Root=1");
  }

  // ---------------------------------------------------------------- SNS

  @Test
  void snsAttributesKeepTheirTypes() throws Exception {
    ObjectNode event = tree("sns.json");
    ObjectNode attrs = (ObjectNode) event.at("/Records/0/Sns/MessageAttributes");
    attrs.putObject("bin").put("Type", "Binary").put("Value", "AQID");
    attrs.putObject("mixed").put("Type", "String.Array").put("Value", "[\"a\",1,true,null]");

    invoke(handler, event);

    TopicMessage m = (TopicMessage) app.events.get(0);
    assertThat(m.attributeValue("tenant")).contains(new AttributeValue.Text("acme"));
    assertThat(m.attributeValue("count")).contains(new AttributeValue.Number("3"));
    assertThat(m.attributeValue("tags")).contains(new AttributeValue.TextList(List.of("a", "b")));
    assertThat(m.attributeValue("bin")).contains(new AttributeValue.Binary(new byte[] {1, 2, 3}));
    assertThat(m.attributeValue("mixed")).contains(new AttributeValue.TextList(List.of("a", "1", "true", "null")));
  }

  @Test
  void badSnsAttributeValuesAreRejected() {
    for (String[] bad : new String[][] {{"Binary", "%%%"}, {"Number", "x"}, {"String.Array", "[[1]]"},
        {"String.Array", "{\"a\":1}"}, {"String.Array", "[1"}, {"Map", "x"}}) {
      ObjectNode event = tree("sns.json");
      ((ObjectNode) event.at("/Records/0/Sns/MessageAttributes")).putObject("bad").put("Type", bad[0])
          .put("Value", bad[1]);

      assertThatThrownBy(() -> invoke(handler, event)).as(bad[0] + " " + bad[1])
          .isInstanceOfSatisfying(FunctionFailedException.class, e -> {
            assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
            assertThat(e.getMessage()).contains("MessageAttributes.bad");
          });
    }
    assertThat(app.events).isEmpty();
  }

  @Test
  void snsWithoutTimestampHasNoTimeAndKeepsItsEnvelopeInTheOrigin() throws Exception {
    ObjectNode event = tree("sns.json");
    ((ObjectNode) event.at("/Records/0/Sns")).remove("Timestamp");

    invoke(handler, event);

    TopicMessage m = (TopicMessage) app.events.get(0);
    assertThat(m.time()).isEmpty();
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.origin().attributes())
        .containsEntry("aws.sns.type", "Notification")
        .containsEntry("aws.sns.signatureVersion", "1")
        .containsEntry("aws.sns.eventSubscriptionArn",
            "arn:aws:sns:us-east-1:123456789012:user-created:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55")
        .containsKeys("aws.sns.signature", "aws.sns.signingCertUrl", "aws.sns.unsubscribeUrl");
  }

  // ---------------------------------------------------------------- S3

  @Test
  void s3WithoutEventTimeHasNoTime() throws Exception {
    ObjectNode event = tree("s3.json");
    ((ObjectNode) event.at("/Records/0")).remove("eventTime");

    invoke(handler, event);

    assertThat(app.events.get(0).time()).isEmpty();
  }

  @Test
  void s3NotificationFactsAreInTheOrigin() throws Exception {
    invoke(handler, Fixtures.bytes("s3-delete.json"));

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.origin().attributes())
        .containsEntry("aws.s3.eventName", "ObjectRemoved:Delete")
        .containsEntry("aws.s3.sequencer", "0C0F6F405D6ED209E2")
        .containsEntry("aws.s3.configurationId", "testConfigRule")
        .containsEntry("aws.s3.principalId", "AWS:AIDAINPONIXQXHT3IKHL2")
        .containsEntry("aws.s3.sourceIPAddress", "205.255.255.255")
        .containsEntry("aws.s3.requestId", "C3D13FE58DE4C810")
        .containsKey("aws.s3.hostId");
    assertThat(e.metadata()).isEmpty(); // S3 events do not carry user metadata
  }

  @Test
  void s3DeleteMarkerIsADeletionWithTheMarkersVersionAndItsEventName() throws Exception {
    ObjectNode event = tree("s3-delete.json");
    ((ObjectNode) event.at("/Records/0")).put("eventName", "ObjectRemoved:DeleteMarkerCreated");
    ((ObjectNode) event.at("/Records/0/s3/object")).put("versionId", "1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF");

    invoke(handler, event);

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(e.version()).contains("1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF");
    assertThat(e.origin().attribute("aws.s3.eventName")).contains("ObjectRemoved:DeleteMarkerCreated");
  }

  @Test
  void s3EventBridgeDetailFactsAreInTheOrigin() throws Exception {
    byte[] payload = Fixtures.bytes("s3-eventbridge-delete-marker.json");
    invoke(handler, payload);

    ObjectEvent e = (ObjectEvent) app.events.get(0);
    assertThat(e.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(e.time()).contains(Instant.parse("2021-11-12T00:00:00Z"));
    assertThat(e.version()).contains("1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF");
    assertThat(e.origin().attributes())
        .containsEntry("aws.s3.reason", "DeleteObject")
        .containsEntry("aws.s3.deletionType", "Delete Marker Created")
        .containsEntry("aws.s3.sequencer", "00617F0837834E74F7")
        .containsEntry("aws.s3.requestId", "0BH729840619AG5K")
        .containsEntry("aws.s3.requester", "123456789012")
        .containsEntry("aws.s3.sourceIpAddress", "1.2.3.4")
        .containsEntry("aws.events.account", "123456789012")
        .containsEntry("aws.events.region", "ca-central-1");
    assertThat(e.origin().payload()).isEqualTo(payload);
  }

  @Test
  void s3EventBridgeWithoutTimeHasNoTime() throws Exception {
    ObjectNode event = tree("s3-eventbridge.json");
    event.remove("time");

    invoke(handler, event);

    assertThat(app.events.get(0).time()).isEmpty();
  }

  // ---------------------------------------------------------------- Kinesis

  @Test
  void kinesisShardSequenceEncryptionAndPartitionKey() throws Exception {
    ObjectNode event = tree("kinesis.json");
    ((ObjectNode) event.at("/Records/0/kinesis")).put("encryptionType", "KMS");

    invoke(handler, event);

    QueueMessage m = (QueueMessage) app.events.get(0);
    assertThat(m.groupKey()).contains("customer-1");
    assertThat(m.attributes()).isEmpty();
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.origin().attributes())
        .containsEntry("aws.kinesis.shardId", "shardId-000000000006")
        .containsEntry("aws.kinesis.sequenceNumber", "49590338271490256608559692538361571095921575989136588898")
        .containsEntry("aws.kinesis.encryptionType", "KMS")
        .containsEntry("aws.kinesis.awsRegion", "us-east-2");
  }

  @Test
  void kinesisWithoutArrivalTimeHasNoTime() throws Exception {
    ObjectNode event = tree("kinesis.json");
    ((ObjectNode) event.at("/Records/0/kinesis")).remove("approximateArrivalTimestamp");

    invoke(handler, event);

    assertThat(app.events.get(0).time()).isEmpty();
  }

  // ---------------------------------------------------------------- DynamoDB Streams

  @Test
  void dynamoDbChangeHasKeysAndImagesAsPlainJsonOfEveryType() throws Exception {
    ObjectNode event = tree("dynamodb.json");
    ObjectNode image = (ObjectNode) WireJson.tree(("{\"Id\":{\"N\":\"101\"},"
        + "\"Big\":{\"N\":\"12345678901234567890123456789012345678\"},\"Frac\":{\"N\":\"0.10\"},"
        + "\"Bin\":{\"B\":\"AQID\"},\"On\":{\"BOOL\":true},\"Nothing\":{\"NULL\":true},"
        + "\"Tags\":{\"SS\":[\"a\",\"b\"]},\"Nums\":{\"NS\":[\"1\",\"2.5\"]},\"Bins\":{\"BS\":[\"AQ==\"]},"
        + "\"Doc\":{\"M\":{\"k\":{\"L\":[{\"S\":\"x\"},{\"N\":\"3\"}]}}}}").getBytes(), "image");
    ((ObjectNode) event.at("/Records/0/dynamodb")).set("NewImage", image);

    invoke(handler, event);

    QueueMessage m = (QueueMessage) app.events.get(0);
    ChangeRecord c = m.change().orElseThrow();
    assertThat(c.keys()).isEqualTo("{\"Id\":101}");
    assertThat(c.oldImage()).isEmpty();
    assertThat(c.newImage()).contains("{\"Id\":101,\"Big\":12345678901234567890123456789012345678,\"Frac\":0.10,"
        + "\"Bin\":\"AQID\",\"On\":true,\"Nothing\":null,\"Tags\":[\"a\",\"b\"],\"Nums\":[1,2.5],\"Bins\":[\"AQ==\"],"
        + "\"Doc\":{\"k\":[\"x\",3]}}");
    assertThat(c.removedByTtl()).isFalse();
    assertThat(m.body()).isEmpty();
    assertThat(m.origin().attributes())
        .containsEntry("aws.dynamodb.sequenceNumber", "4421584500000000017450439091")
        .containsEntry("aws.dynamodb.eventName", "INSERT")
        .containsEntry("aws.dynamodb.streamViewType", "NEW_AND_OLD_IMAGES")
        .containsEntry("aws.dynamodb.sizeBytes", "26");
  }

  @Test
  void dynamoDbTtlRemovalIsMarkedAndAWriterRemovalIsNot() throws Exception {
    invoke(handler, Fixtures.bytes("dynamodb.json")); // the MODIFY fails: the REMOVE is not run
    ObjectNode event = tree("dynamodb.json");
    ObjectNode writer = (ObjectNode) event.at("/Records/2").deepCopy();
    writer.remove("userIdentity");
    ((ObjectNode) writer.get("dynamodb")).put("SequenceNumber", "4421584500000000017450439094");
    event.putArray("Records").add(writer);
    ObjectNode ttl = tree("dynamodb.json");
    ttl.putArray("Records").add(tree("dynamodb.json").at("/Records/2"));
    app.events.clear();

    invoke(handler, ttl);
    invoke(handler, event);

    ChangeRecord byTtl = ((QueueMessage) app.events.get(0)).change().orElseThrow();
    assertThat(byTtl.operation()).isEqualTo(ChangeRecord.Operation.REMOVE);
    assertThat(byTtl.removedByTtl()).isTrue();
    assertThat(byTtl.newImage()).isEmpty();
    assertThat(byTtl.oldImage()).contains("{\"Message\":\"fail\",\"Id\":101}");
    assertThat(app.events.get(0).origin().attributes())
        .containsEntry("aws.dynamodb.userIdentityType", "Service")
        .containsEntry("aws.dynamodb.userIdentityPrincipalId", "dynamodb.amazonaws.com");
    assertThat(((QueueMessage) app.events.get(1)).change().orElseThrow().removedByTtl()).isFalse();
  }

  @Test
  void badDynamoDbValuesRejectTheirRecordWithoutEchoingThem() throws Exception {
    for (String bad : List.of("{\"X\":{\"N\":\"12abc\"}}", "{\"X\":{\"B\":\"%%%\"}}", "{\"X\":{\"Q\":\"1\"}}",
        "{\"X\":{\"S\":\"a\",\"N\":\"1\"}}", "{\"X\":{\"BOOL\":\"yes\"}}", "{\"X\":{\"L\":{}}}",
        "{\"X\":{\"NS\":[1]}}", "{\"X\":\"plain\"}")) {
      ObjectNode event = tree("dynamodb.json");
      ((ObjectNode) event.at("/Records/0/dynamodb")).set("NewImage", WireJson.tree(bad.getBytes(), "bad"));
      app.events.clear();

      List<String> failed = failures(invoke(handler, event));

      assertThat(failed).as(bad).first().isEqualTo("4421584500000000017450439091");
      assertThat(app.events).as(bad).isEmpty();
    }
    ObjectNode event = tree("dynamodb.json");
    ((ObjectNode) event.at("/Records/0")).put("eventName", "UPSERT");
    assertThat(failures(invoke(handler, event))).first().isEqualTo("4421584500000000017450439091");
  }

  @Test
  void dynamoDbWithoutCreationTimeHasNoTime() throws Exception {
    ObjectNode event = tree("dynamodb.json");
    ((ObjectNode) event.at("/Records/0/dynamodb")).remove("ApproximateCreationDateTime");

    invoke(handler, event);

    assertThat(app.events.get(0).time()).isEmpty();
  }

  // ---------------------------------------------------------------- HTTP

  @Test
  void restRequestKeepsThePathAsSentWithTheStageAndItsTimeAndContext() throws Exception {
    byte[] payload = Fixtures.bytes("apigw-rest.json");
    invoke(handler, payload);

    HttpRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/echo/hello world");
    assertThat(r.requestPath()).isEqualTo("/prod/echo/hello world");
    assertThat(r.requestTime()).contains(Instant.ofEpochMilli(1712481243512L));
    assertThat(r.origin().payload()).isEqualTo(payload);
    assertThat(r.origin().attributes())
        .containsEntry("aws.apigateway.stage", "prod")
        .containsEntry("aws.apigateway.resource", "/{proxy+}")
        .containsEntry("aws.apigateway.resourcePath", "/{proxy+}")
        .containsEntry("aws.apigateway.requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
        .containsEntry("aws.apigateway.extendedRequestId", "Xyz1AbcdIAMEbEw=")
        .containsEntry("aws.apigateway.apiId", "1234567890")
        .containsEntry("aws.apigateway.accountId", "123456789012")
        .containsEntry("aws.apigateway.domainName", "1234567890.execute-api.us-east-1.amazonaws.com");
  }

  @Test
  void restRequestWithoutContextPathOrTimeHasNeitherInvented() throws Exception {
    ObjectNode event = tree("apigw-rest.json");
    ((ObjectNode) event.get("requestContext")).remove(List.of("path", "requestTimeEpoch"));

    invoke(handler, event);

    HttpRequest r = app.requests.get(0);
    assertThat(r.requestPath()).isEqualTo("/echo/hello world");
    assertThat(r.requestTime()).isEmpty();
  }

  @Test
  void streamedHttpApiRequestReadsItsPayloadWhenAsked() throws Exception {
    byte[] payload = Fixtures.bytes("http-api-v2.json");
    invoke(handler, payload);

    HttpRequest r = app.requests.get(0);
    assertThat(r.origin().payload()).isEqualTo(payload);
    assertThat(r.requestTime()).contains(Instant.ofEpochMilli(1712481243512L));
  }

  @Test
  void badRequestTimeIsA400() throws Exception {
    ObjectNode event = tree("apigw-rest.json");
    ((ObjectNode) event.get("requestContext")).put("requestTimeEpoch", "yesterday");

    assertThat(invoke(handler, event).get("statusCode").asInt()).isEqualTo(400);
    ObjectNode v2 = tree("http-api-v2.json");
    ((ObjectNode) v2.get("requestContext")).put("timeEpoch", "yesterday");

    assertThat(invoke(handler, v2).get("statusCode").asInt()).isEqualTo(400);
    ObjectNode path = tree("apigw-rest.json");
    ((ObjectNode) path.get("requestContext")).put("path", "../../etc/passwd");

    assertThat(invoke(handler, path).get("statusCode").asInt()).isEqualTo(400);
    assertThat(app.requests).isEmpty();
  }

  @Test
  void albRequestHasItsTargetGroupAndNoInventedTime() throws Exception {
    invoke(handler, Fixtures.bytes("alb.json"));

    HttpRequest r = app.requests.get(0);
    assertThat(r.requestTime()).isEmpty();
    assertThat(r.requestPath()).isEqualTo(r.path());
    assertThat(r.origin().attribute("aws.elb.targetGroupArn"))
        .contains("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-tg/6d0ecf831eec9f09");
  }

  // ---------------------------------------------------------------- schedules and CloudEvents

  @Test
  void scheduledRuleTimeIsTheEventTimeAndTheDueTimeAndTheEnvelopeIsInTheOrigin() throws Exception {
    invoke(handler, Fixtures.bytes("schedule.json"));

    ScheduleEvent e = (ScheduleEvent) app.events.get(0);
    assertThat(e.time()).contains(Instant.parse("2024-03-10T02:00:00Z"));
    assertThat(e.scheduledTime()).contains(Instant.parse("2024-03-10T02:00:00Z"));
    assertThat(e.origin().attributes()).containsEntry("aws.events.account", "123456789012")
        .containsEntry("aws.events.region", "us-east-1")
        .containsEntry("aws.events.resources", "[\"arn:aws:events:us-east-1:123456789012:rule/dailyReport\"]");
  }

  @Test
  void scheduledEventWithoutTimeHasNoTimes() throws Exception {
    ObjectNode event = tree("schedule.json");
    event.remove("time");

    invoke(handler, event);

    ScheduleEvent e = (ScheduleEvent) app.events.get(0);
    assertThat(e.time()).isEmpty();
    assertThat(e.scheduledTime()).isEmpty();
  }

  @Test
  void eventBridgeEventReachesACloudEventFunctionWithDetailAsData() throws Exception {
    List<Event> got = new CopyOnWriteArrayList<>();
    LambdaHandler h = handler((f, p) -> f.onCloudEvent("orders",
        Triggers.cloudEvent("Order Placed").source("com.acme.orders"), (e, ctx) -> got.add(e)), Map.of());
    byte[] payload = ("{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":"
        + "\"Order Placed\",\"source\":\"com.acme.orders\",\"account\":\"111122223333\",\"time\":"
        + "\"2017-12-22T18:43:48Z\",\"region\":\"us-west-1\",\"resources\":[],\"detail\":{\"orderId\":\"42\"}}")
        .getBytes();

    invoke(h, payload);

    CloudEvent e = (CloudEvent) got.get(0);
    assertThat(e.id()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    assertThat(e.type()).isEqualTo("Order Placed");
    assertThat(e.source()).isEqualTo("com.acme.orders");
    assertThat(e.time()).contains(Instant.parse("2017-12-22T18:43:48Z"));
    assertThat(e.text()).isEqualTo("{\"orderId\":\"42\"}");
    assertThat(e.dataContentType()).contains("application/json");
    assertThat(e.extensions()).isEmpty();
    assertThat(e.origin().attributes()).containsEntry("aws.events.account", "111122223333")
        .containsEntry("aws.events.region", "us-west-1").doesNotContainKey("aws.events.resources");
    assertThat(e.origin().payload()).isEqualTo(payload);
  }

  @Test
  void scheduledEventGoesToACloudEventFunctionThatAsksForIt() throws Exception {
    List<Event> got = new CopyOnWriteArrayList<>();
    LambdaHandler h = handler((f, p) -> f.onCloudEvent("raw", Triggers.cloudEvent("Scheduled Event"),
        (e, ctx) -> got.add(e)), Map.of());

    invoke(h, Fixtures.bytes("schedule.json"));

    assertThat(got).singleElement().isInstanceOf(CloudEvent.class);
    assertThat(((CloudEvent) got.get(0)).source()).isEqualTo("aws.events");
  }

  @Test
  void eventBridgeEventWithoutACloudEventFunctionIsATypedError() {
    byte[] payload = "{\"id\":\"1\",\"detail-type\":\"Order Placed\",\"source\":\"com.acme\",\"detail\":{}}"
        .getBytes();

    assertThatThrownBy(() -> invoke(handler, payload)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("CloudEvent function");
  }

  @Test
  void cloudEventsStructuredSqsBodyIsNotGuessed() throws Exception {
    ObjectNode event = tree("sqs.json");
    ((ObjectNode) event.at("/Records/0")).put("body",
        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}");

    invoke(handler, event);

    assertThat(app.events.get(0)).isInstanceOf(QueueMessage.class);
  }

  private static ObjectNode attr(String valueField, String value, String dataType) {
    ObjectNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put(valueField, value);
    return dataType == null ? a : a.put("dataType", dataType);
  }

  private static List<String> failures(JsonNode response) {
    return java.util.stream.StreamSupport.stream(response.get("batchItemFailures").spliterator(), false)
        .map(n -> n.get("itemIdentifier").asText()).toList();
  }
}
