package dev.faas4j.gcp;

import static dev.faas4j.gcp.GcpHttpFunctionTest.binaryCe;
import static dev.faas4j.gcp.GcpHttpFunctionTest.fixture;
import static dev.faas4j.gcp.GcpHttpFunctionTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.log.LogSink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fact a Google Cloud delivery carries, through the real entry points: where it appears in the portable
 * event (typed, or an origin attribute), that facts the platform did not send stay absent, and that bad values of
 * them are client errors. Payloads are google-cloudevents' examples and the Pub/Sub and Scheduler documentation's.
 */
class EventFactsTest {
  private static final String STORAGE_SOURCE = "//storage.googleapis.com/projects/_/buckets/raw-images";
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
  private static final String PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

  @BeforeEach
  void clear() {
    EventFactsApp.EVENTS.clear();
    EventFactsApp.REQUESTS.clear();
  }

  private static GcpAdapter adapter(Map<String, String> config) {
    return GcpHttpFunctionTest.adapter(new EventFactsApp(), config, LogSink.stdout());
  }

  private static FakeHttp.Response call(Map<String, String> config, FakeHttp.Request request) throws IOException {
    return GcpHttpFunctionTest.call(adapter(config), request);
  }

  private static <T> T only(Class<T> type) {
    assertThat(EventFactsApp.EVENTS).hasSize(1);
    return type.cast(EventFactsApp.EVENTS.get(0));
  }

  // ------------------------------------------------------------------ Cloud Storage

  @Test
  void storageDataFactsAreTypedOrOriginAttributesAndThePayloadIsTheBody() throws IOException {
    String data = fixture("storage-complex-data.json");
    FakeHttp.Response response = call(Map.of(), binaryCe(FINALIZED, STORAGE_SOURCE)
        .header("ce-subject", "objects/MyFile").header("ce-time", "2020-05-18T09:07:51.799Z").json(data));

    assertThat(response.status).isEqualTo(204);
    ObjectEvent e = only(ObjectEvent.class);
    assertThat(e.version()).hasValue("96883251");
    assertThat(e.size()).isEqualTo(OptionalLong.of(0));
    assertThat(e.contentType()).hasValue("text/plain");
    assertThat(e.etag()).hasValue("COu8mb3Dn+kCEAE=");
    assertThat(e.metadata()).hasValue(Map.of()); // GCS objects carry metadata: present, here empty
    assertThat(e.origin().platform()).isEqualTo("gcp");
    assertThat(e.origin().attributes()).containsOnly(
        entry("gcp.storage.metageneration", "1"),
        entry("gcp.storage.componentCount", "2239872"),
        entry("gcp.storage.timeCreated", "2020-05-06T15:14:15.917Z"),
        entry("gcp.storage.updated", "1970-09-15T14:05:26.975Z"),
        entry("gcp.storage.timeDeleted", "2020-05-18T09:07:51.799Z"),
        entry("gcp.storage.timeStorageClassUpdated", "1988-10-25T10:29:01.558Z"),
        entry("gcp.storage.retentionExpirationTime", "1960-08-15T07:40:17.432Z"),
        entry("gcp.storage.storageClass", "MULTI_REGIONAL"),
        entry("gcp.storage.md5Hash", "xrX0h3SqCoeoKidv+GvlBw=="),
        entry("gcp.storage.crc32c", "AAAAAA=="),
        entry("gcp.storage.contentEncoding", "gzip"),
        entry("gcp.storage.contentDisposition", "attachment"),
        entry("gcp.storage.contentLanguage", "en"),
        entry("gcp.storage.cacheControl", "max-age=6000"),
        entry("gcp.storage.kmsKeyName", "nulla"),
        entry("gcp.storage.eventBasedHold", "true"),
        entry("gcp.storage.temporaryHold", "false"),
        entry("gcp.storage.customerEncryption.encryptionAlgorithm", "AES256"),
        entry("gcp.storage.customerEncryption.keySha256", "Vb/C17P2fk35hguiD/pdLoXJk2j2NlmWmUmnOPsLtfA="));
    assertThat(new String(e.origin().payload(), StandardCharsets.UTF_8)).isEqualTo(data);
    assertThat(e.origin().headers().first("ce-id")).hasValue("evt-1");
  }

  @Test
  void userMetadataIsTheObjectsAndAbsentMetadataIsEmpty() throws IOException {
    String withMetadata = fixture("storage-finalized-data.json")
        .replace("\"kind\": \"storage#object\",", "\"kind\": \"storage#object\", \"metadata\": {\"owner\": \"ada\"},");
    call(Map.of(), binaryCe(FINALIZED, STORAGE_SOURCE).json(withMetadata));
    call(Map.of(), binaryCe(FINALIZED, STORAGE_SOURCE).json(fixture("storage-finalized-data.json")));

    assertThat(((ObjectEvent) EventFactsApp.EVENTS.get(0)).metadata()).hasValue(Map.of("owner", "ada"));
    assertThat(((ObjectEvent) EventFactsApp.EVENTS.get(1)).metadata()).hasValue(Map.of());
  }

  @Test
  void theBucketComesFromTheDataNotTheSource() throws IOException {
    call(Map.of(), binaryCe(FINALIZED, "//storage.googleapis.com/projects/_/buckets/elsewhere")
        .json(fixture("storage-finalized-data.json")));

    assertThat(only(ObjectEvent.class).bucket()).isEqualTo("raw-images");
  }

  @Test
  void aStorageEventWithoutATimeHasNoneNotTheObjectsUpdateTime() throws IOException {
    call(Map.of(), binaryCe(FINALIZED, STORAGE_SOURCE).json(fixture("storage-finalized-data.json")));

    ObjectEvent e = only(ObjectEvent.class);
    assertThat(e.time()).isEmpty();
    assertThat(e.origin().attribute("gcp.storage.updated")).hasValue("2020-04-23T07:38:57.230Z");
  }

  @Test
  void legacyObjectChangeSaysInResourceStateWhatHappened() throws IOException {
    String notExists = fixture("legacy-storage-change.json");
    String created = notExists.replace("\"not_exists\"", "\"exists\"");
    String updated = created.replace("\"metageneration\": \"1\"", "\"metageneration\": \"3\"");
    GcpAdapter adapter = adapter(Map.of());
    for (String body : new String[] {notExists, created, updated}) {
      assertThat(GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/").json(body)).status)
          .isEqualTo(204);
    }

    assertThat(EventFactsApp.EVENTS).extracting(e -> ((ObjectEvent) e).kind()).containsExactly(
        ObjectEventKind.DELETED, ObjectEventKind.CREATED, ObjectEventKind.METADATA_UPDATED);
    ObjectEvent deleted = (ObjectEvent) EventFactsApp.EVENTS.get(0);
    assertThat(deleted.origin().attributes()).contains(entry("gcp.storage.resourceState", "not_exists"),
        entry("gcp.storage.timeDeleted", "2020-04-23T07:40:01.093Z"));
    assertThat(deleted.metadata()).hasValue(Map.of("owner", "ada"));
    assertThat(deleted.time()).hasValue(Instant.parse("2020-04-23T07:40:01.120Z"));
  }

  @Test
  void theCloudEventTargetKeepsTheSameFactsWithTheDataAsPayload() {
    String data = fixture0("storage-complex-data.json");
    new GcpEventFunction(adapter(Map.of())).accept(FakeCloudEvent.of("e-1", FINALIZED, STORAGE_SOURCE,
        "objects/MyFile", data));

    ObjectEvent e = only(ObjectEvent.class);
    assertThat(e.metadata()).hasValue(Map.of());
    assertThat(e.origin().attribute("gcp.storage.timeDeleted")).hasValue("2020-05-18T09:07:51.799Z");
    assertThat(new String(e.origin().payload(), StandardCharsets.UTF_8)).isEqualTo(data);
    assertThat(e.origin().headers().names()).isEmpty();
  }

  @Test
  void badValuesOfStorageFactsAre400s() throws IOException {
    String data = fixture("storage-finalized-data.json");
    Map<String, String> cases = Map.of(
        data.replace("\"kind\": \"storage#object\",", "\"metadata\": {\"n\": 1},"), "data.metadata values must be strings",
        data.replace("\"kind\": \"storage#object\",", "\"metadata\": [\"a\"],"), "data.metadata must be an object",
        data.replace("\"metageneration\": \"1\"", "\"metageneration\": \"one\""), "data.metageneration",
        data.replace("\"kind\": \"storage#object\",", "\"eventBasedHold\": \"yes\","), "data.eventBasedHold must be",
        data.replace("\"storageClass\": \"STANDARD\"", "\"storageClass\": 7"), "data.storageClass must be a string",
        data.replace("\"kind\": \"storage#object\",", "\"customerEncryption\": \"AES\","),
        "data.customerEncryption must be an object");
    GcpAdapter adapter = adapter(Map.of());
    for (Map.Entry<String, String> c : cases.entrySet()) {
      FakeHttp.Response response = GcpHttpFunctionTest.call(adapter, binaryCe(FINALIZED, STORAGE_SOURCE).json(c.getKey()));
      assertThat(response.status).as(c.getValue()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).contains(c.getValue());
    }
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }

  // ------------------------------------------------------------------ Pub/Sub

  @Test
  void eventarcPubSubNamesSubscriptionProjectAndTopicAndCountsNoDeliveries() throws IOException {
    String event = fixture("pubsub-published-structured.json");
    call(Map.of(), new FakeHttp.Request("POST", "/").header("Content-Type", "application/cloudevents+json")
        .body(event.getBytes(StandardCharsets.UTF_8)));

    TopicMessage m = only(TopicMessage.class);
    assertThat(m.id()).isEqualTo("2070443601311540");
    assertThat(m.topic()).isEqualTo("user-created");
    assertThat(m.time()).hasValue(Instant.parse("2021-02-26T19:13:55.749Z"));
    assertThat(m.groupKey()).hasValue("user-42");
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.attributeValue("tenant")).hasValue(dev.faas4j.event.AttributeValue.text("acme"));
    assertThat(m.origin().attributes()).containsOnly(
        entry("gcp.pubsub.subscription", "projects/my-project/subscriptions/eventarc-us-central1-welcome-sub-123"),
        entry("gcp.pubsub.project", "my-project"),
        entry("gcp.pubsub.topic", "projects/my-project/topics/user-created"));
    assertThat(new String(m.origin().payload(), StandardCharsets.UTF_8)).isEqualTo(event);
  }

  @Test
  void aPushEnvelopeNamesItsSubscriptionAndTheTopicIsTheNamedFunctionsTrigger() throws IOException {
    String envelope = fixture("pubsub-push.json");
    call(Map.of("FAAS4J_FUNCTION", "welcome"), new FakeHttp.Request("POST", "/").json(envelope)
        .header("User-Agent", "APIs-Google"));

    TopicMessage m = only(TopicMessage.class);
    assertThat(m.topic()).isEqualTo("user-created");
    assertThat(m.deliveryAttempt()).hasValue(3);
    assertThat(m.origin().attributes()).containsOnly(
        entry("gcp.pubsub.subscription", "projects/my-project/subscriptions/user-created-push"),
        entry("gcp.pubsub.project", "my-project")); // no topic: the envelope does not name one
    assertThat(m.origin().headers().first("User-Agent")).hasValue("APIs-Google");
    assertThat(new String(m.origin().payload(), StandardCharsets.UTF_8)).isEqualTo(envelope);
  }

  @Test
  void aPushEnvelopeWithoutDeliveryAttemptOrPublishTimeHasNeither() throws IOException {
    call(Map.of("FAAS4J_FUNCTION", "orders"), new FakeHttp.Request("POST", "/").json(
        "{\"message\":{\"data\":\"aGk=\",\"messageId\":\"7\"},\"subscription\":\"projects/p/subscriptions/s\"}"));

    QueueMessage m = only(QueueMessage.class);
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.time()).isEmpty();
    assertThat(m.queue()).isEqualTo("orders");
    assertThat(m.origin().attribute("gcp.pubsub.project")).hasValue("p");
  }

  @Test
  void anUnnamedPushEnvelopeThatNoSingleFunctionTakesIsA400NeverASubscriptionNamedTopic() throws IOException {
    FakeHttp.Response response = call(Map.of(), new FakeHttp.Request("POST", "/").json(fixture("pubsub-push.json")));

    assertThat(response.status).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("names no topic", "FAAS4J_FUNCTION");
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }

  @Test
  void badDeliveryAttemptsAndAttributesAre400s() throws IOException {
    Map<String, String> cases = Map.of(
        "\"deliveryAttempt\": 0", "deliveryAttempt must be a positive integer",
        "\"deliveryAttempt\": \"x\"", "deliveryAttempt must be a positive integer",
        "\"deliveryAttempt\": true", "deliveryAttempt must be a positive integer",
        "\"deliveryAttempt\": 1.5", "deliveryAttempt must be a positive integer");
    GcpAdapter adapter = adapter(Map.of("FAAS4J_FUNCTION", "welcome"));
    String push = fixture("pubsub-push.json");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      FakeHttp.Response response = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
          .json(push.replace("\"deliveryAttempt\": 3", c.getKey())));
      assertThat(response.status).as(c.getKey()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).contains(c.getValue());
    }
    FakeHttp.Response numberAttribute = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
        .json(push.replace("\"tenant\": \"acme\"", "\"tenant\": 42")));
    FakeHttp.Response listAttributes = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
        .json(push.replace("\"attributes\": {", "\"attributes\": [").replace("\"acme\"\n    },", "\"acme\"\n    ],")));
    assertThat(numberAttribute.status).isEqualTo(400);
    assertThat(json(numberAttribute).get("message").asText()).contains("attributes values must be strings");
    assertThat(listAttributes.status).isEqualTo(400);
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }

  @Test
  void aSchedulerRunWithoutItsDueTimeHasNone() throws IOException {
    call(Map.of("FAAS4J_FUNCTION", "nightly"), new FakeHttp.Request("POST", "/")
        .header("Function-Execution-Id", "exec-7").header("X-CloudScheduler-JobName", "nightly-job"));

    ScheduleEvent e = only(ScheduleEvent.class);
    assertThat(e.scheduledTime()).isEmpty();
    assertThat(e.time()).isEmpty();
    assertThat(e.id()).isEqualTo("exec-7");
    assertThat(e.origin().attributes()).containsOnly(entry("gcp.scheduler.jobName", "nightly-job"));
  }

  // ------------------------------------------------------------------ HTTP

  @Test
  void anHttpRequestsOriginHoldsTheTargetExecutionIdTraceHeaderBodyAndHeaders() throws IOException {
    call(Map.of("FUNCTION_TARGET", "dev.faas4j.gcp.GcpHttpFunction"), new FakeHttp.Request("POST", "/echo/a%20b")
        .header("Function-Execution-Id", "exec-1")
        .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1")
        .body("hello".getBytes(StandardCharsets.UTF_8)));
    call(Map.of(), new FakeHttp.Request("GET", "/echo/1"));

    HttpRequest r = EventFactsApp.REQUESTS.get(0);
    assertThat(r.requestPath()).isEqualTo("/echo/a b").isEqualTo(r.path()); // Cloud Functions takes no prefix off
    assertThat(r.requestTime()).isEmpty(); // the invoker does not say when the request arrived
    assertThat(r.origin().attributes()).containsOnly(entry("gcp.functions.target", "dev.faas4j.gcp.GcpHttpFunction"),
        entry("gcp.functions.executionId", "exec-1"),
        entry("gcp.functions.traceContext", "105445aa7843bc8bf206b12000100000/1;o=1"));
    assertThat(r.origin().payload()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(r.origin().headers().first("Function-Execution-Id")).hasValue("exec-1");
    assertThat(EventFactsApp.REQUESTS.get(1).origin().attributes()).isEmpty();
  }

  // ------------------------------------------------------------------ the generic CloudEvent

  @Test
  void anAuditLogEventReachesItsCloudEventFunctionWithEveryAttributeAndExtension() throws IOException {
    String data = fixture("audit-log-data.json");
    FakeHttp.Response response = call(Map.of(), binaryCe(EventFactsApp.AUDIT,
        "//cloudaudit.googleapis.com/projects/test-project/logs/activity")
        .header("ce-subject", "pubsub.googleapis.com/projects/test-project/topics/test-auditlogs-source")
        .header("ce-time", "2020-06-30T16:14:47.593398572Z")
        .header("ce-dataschema", "https://googleapis.github.io/google-cloudevents/jsonschema/google/events/cloud/audit/v1/LogEntryData.json")
        .header("ce-methodname", "google.pubsub.v1.Publisher.CreateTopic")
        .header("ce-servicename", "pubsub.googleapis.com")
        .header("ce-resourcename", "projects/test-project/topics/test-auditlogs-source")
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .json(data));

    assertThat(response.status).isEqualTo(204);
    CloudEvent e = only(CloudEvent.class);
    assertThat(e.id()).isEqualTo("evt-1");
    assertThat(e.type()).isEqualTo(EventFactsApp.AUDIT);
    assertThat(e.source()).isEqualTo("//cloudaudit.googleapis.com/projects/test-project/logs/activity");
    assertThat(e.subject()).hasValue("pubsub.googleapis.com/projects/test-project/topics/test-auditlogs-source");
    assertThat(e.time()).hasValue(Instant.parse("2020-06-30T16:14:47.593398572Z"));
    assertThat(e.specVersion()).isEqualTo("1.0");
    assertThat(e.dataContentType()).hasValue("application/json");
    assertThat(e.dataSchema()).hasValueSatisfying(s -> assertThat(s).endsWith("LogEntryData.json"));
    assertThat(e.extensions()).containsOnly(entry("methodname", "google.pubsub.v1.Publisher.CreateTopic"),
        entry("servicename", "pubsub.googleapis.com"),
        entry("resourcename", "projects/test-project/topics/test-auditlogs-source"),
        entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    assertThat(e.text()).isEqualTo(data);
    assertThat(e.origin().headers().first("ce-methodname")).hasValue("google.pubsub.v1.Publisher.CreateTopic");
  }

  @Test
  void aFirestoreEventKeepsItsProtobufBytesAndContentType() throws IOException {
    byte[] protobuf = {0x0a, 0x05, 0x12, 0x03, 'a', 'b', (byte) 0xff};
    FakeHttp.Response response = call(Map.of("FAAS4J_FUNCTION", "documents"),
        binaryCe(EventFactsApp.FIRESTORE_WRITTEN, "//firestore.googleapis.com/projects/project-id/databases/(default)")
            .header("ce-subject", "documents/gcf-test/2Vm2mI1d0wIaK2Waj5to").header("ce-database", "(default)")
            .header("ce-namespace", "(default)").header("ce-document", "gcf-test/2Vm2mI1d0wIaK2Waj5to")
            .header("Content-Type", "application/protobuf").body(protobuf));

    assertThat(response.status).isEqualTo(204);
    CloudEvent e = only(CloudEvent.class);
    assertThat(e.data()).isEqualTo(protobuf);
    assertThat(e.dataContentType()).hasValue("application/protobuf");
    assertThat(e.subject()).hasValue("documents/gcf-test/2Vm2mI1d0wIaK2Waj5to");
    assertThat(e.extensions()).containsOnly(entry("database", "(default)"), entry("namespace", "(default)"),
        entry("document", "gcf-test/2Vm2mI1d0wIaK2Waj5to"));
    assertThat(e.time()).isEmpty();
  }

  @Test
  void structuredCloudEventsKeepBase64DataAsBytesAndJsonDataAsJson() throws IOException {
    GcpAdapter adapter = adapter(Map.of());
    GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/").header("Content-Type",
        "application/cloudevents+json").body(("{\"specversion\":\"1.0\",\"id\":\"o-1\",\"source\":\"/shop\","
            + "\"type\":\"com.example.order.v1.placed\",\"datacontenttype\":\"application/octet-stream\","
            + "\"data_base64\":\"AAEC/w==\",\"tenant\":\"acme\",\"priority\":3}").getBytes(StandardCharsets.UTF_8)));
    GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/").header("Content-Type",
        "application/cloudevents+json").body(("{\"specversion\":\"1.0\",\"id\":\"o-2\",\"source\":\"/shop\","
            + "\"type\":\"com.example.order.v1.placed\",\"dataschema\":\"https://example.com/order.json\","
            + "\"data\":{\"orderId\":\"o-2\",\"items\":[1,2]}}").getBytes(StandardCharsets.UTF_8)));

    assertThat(EventFactsApp.EVENTS).hasSize(2);
    CloudEvent binary = (CloudEvent) EventFactsApp.EVENTS.get(0);
    assertThat(binary.data()).containsExactly(0, 1, 2, 0xff);
    assertThat(binary.extensions()).containsOnly(entry("tenant", "acme"), entry("priority", "3"));
    CloudEvent json = (CloudEvent) EventFactsApp.EVENTS.get(1);
    assertThat(json.text()).isEqualTo("{\"orderId\":\"o-2\",\"items\":[1,2]}");
    assertThat(json.dataSchema()).hasValue("https://example.com/order.json");
    assertThat(json.dataContentType()).isEmpty();
    assertThat(json.extensions()).isEmpty();
  }

  @Test
  void aGenericCloudEventWithBadBase64OrBothDataFormsIsA400() throws IOException {
    GcpAdapter adapter = adapter(Map.of());
    String head = "{\"specversion\":\"1.0\",\"id\":\"o-1\",\"source\":\"/shop\",\"type\":\"com.example.order.v1.placed\",";
    FakeHttp.Response badBase64 = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json")
        .body((head + "\"data_base64\":\"not*base64!\"}").getBytes(StandardCharsets.UTF_8)));
    FakeHttp.Response both = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json")
        .body((head + "\"data_base64\":\"AAE=\",\"data\":{}}").getBytes(StandardCharsets.UTF_8)));

    assertThat(badBase64.status).isEqualTo(400);
    assertThat(json(badBase64).get("message").asText()).contains("data_base64").doesNotContain("not*base64");
    assertThat(both.status).isEqualTo(400);
    assertThat(json(both).get("message").asText()).contains("data or data_base64, not both");
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }

  @Test
  void aCloudEventFunctionClaimsAPortableTypeForItsSourceOnly() throws IOException {
    GcpAdapter adapter = adapter(Map.of());
    GcpHttpFunctionTest.call(adapter, binaryCe(FINALIZED, EventFactsApp.CLAIMED_BUCKET)
        .json(fixture("storage-finalized-data.json")));
    GcpHttpFunctionTest.call(adapter, binaryCe(FINALIZED, STORAGE_SOURCE).json(fixture("storage-finalized-data.json")));

    assertThat(EventFactsApp.EVENTS).hasSize(2);
    assertThat(EventFactsApp.EVENTS.get(0)).isInstanceOf(CloudEvent.class);
    assertThat(EventFactsApp.EVENTS.get(1)).isInstanceOf(ObjectEvent.class);
  }

  @Test
  void theCloudEventTargetDeliversAnyTypeToItsCloudEventFunction() {
    byte[] protobuf = {0x0a, 0x02, 0x08, 0x01};
    new GcpEventFunction(adapter(Map.of())).accept(new BytesCloudEvent("d-1", EventFactsApp.FIRESTORE_WRITTEN,
        "//firestore.googleapis.com/projects/project-id/databases/(default)", "documents/users/ada",
        OffsetDateTime.parse("2024-01-15T10:00:00Z"), "application/protobuf", "https://example.com/document.proto",
        protobuf, Map.of("database", "(default)")));

    CloudEvent e = only(CloudEvent.class);
    assertThat(e.data()).isEqualTo(protobuf);
    assertThat(e.dataContentType()).hasValue("application/protobuf");
    assertThat(e.dataSchema()).hasValue("https://example.com/document.proto");
    assertThat(e.time()).hasValue(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(e.extensions()).containsOnly(entry("database", "(default)"));
    assertThat(e.origin().payload()).isEqualTo(protobuf);
  }

  @Test
  void aLegacyFirestoreEventIsConvertedToItsCloudEvent() throws IOException {
    FakeHttp.Response response = call(Map.of("FAAS4J_FUNCTION", "documents"),
        new FakeHttp.Request("POST", "/").json(fixture("legacy-firestore.json")));

    assertThat(response.status).isEqualTo(204);
    CloudEvent e = only(CloudEvent.class);
    assertThat(e.type()).isEqualTo(EventFactsApp.FIRESTORE_WRITTEN);
    assertThat(e.source()).isEqualTo("//firestore.googleapis.com/projects/project-id/databases/(default)");
    assertThat(e.subject()).hasValue("documents/gcf-test/2Vm2mI1d0wIaK2Waj5to");
    assertThat(e.time()).hasValue(Instant.parse("2020-04-23T09:58:53.211035Z"));
    assertThat(e.json(com.fasterxml.jackson.databind.JsonNode.class).has("value")).isTrue();
  }

  @Test
  void aCloudEventNoFunctionTakesIsAcknowledgedAsSkippedAndToANamedPortableFunctionIsA400() throws IOException {
    FakeHttp.Response unmatched = call(Map.of(), binaryCe("com.example.unknown", "/x").json("{}"));
    FakeHttp.Response named = call(Map.of("FAAS4J_FUNCTION", "welcome"),
        binaryCe("com.example.order.v1.placed", "/shop").json("{}"));

    assertThat(unmatched.status).isEqualTo(204);
    assertThat(named.status).isEqualTo(400);
    assertThat(json(named).get("message").asText()).contains("Unsupported CloudEvent type 'com.example.order.v1.placed'");
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }

  /** A CloudEvent with every core attribute, as the invoker hands it over after decoding a request. */
  private record BytesCloudEvent(String id, String type, String source, String subject, OffsetDateTime time,
      String contentType, String schema, byte[] data, Map<String, Object> extensions) implements io.cloudevents.CloudEvent {
    @Override public io.cloudevents.CloudEventData getData() { return () -> data; }
    @Override public io.cloudevents.SpecVersion getSpecVersion() { return io.cloudevents.SpecVersion.V1; }
    @Override public String getId() { return id; }
    @Override public String getType() { return type; }
    @Override public URI getSource() { return URI.create(source); }
    @Override public String getDataContentType() { return contentType; }
    @Override public URI getDataSchema() { return URI.create(schema); }
    @Override public String getSubject() { return subject; }
    @Override public OffsetDateTime getTime() { return time; }
    @Override public Object getAttribute(String name) { throw new IllegalArgumentException(name); }
    @Override public Object getExtension(String name) { return extensions.get(name); }
    @Override public java.util.Set<String> getExtensionNames() { return extensions.keySet(); }
  }

  private static String fixture0(String name) {
    try {
      return fixture(name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
