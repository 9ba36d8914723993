package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.log.LogSink;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpHttpFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

  @BeforeEach
  void clearEvents() {
    TestApp.EVENTS.clear();
  }

  static GcpAdapter adapter(Map<String, String> config) {
    return adapter(new TestApp(), config, LogSink.stdout());
  }

  /** The adapter a deployment of {@code app} with settings {@code config} runs, logging to {@code sink}. */
  static GcpAdapter adapter(FunctionApp app, Map<String, String> config, LogSink sink) {
    Map<String, String> env = new HashMap<>(config);
    FunctionHost host = FunctionHost.start(app, new InMemoryPlatform(), GcpLogFormat.of("my-project"), sink,
        env::get);
    return new GcpAdapter(host, env::get, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static FakeHttp.Response call(GcpAdapter adapter, FakeHttp.Request request) throws IOException {
    FakeHttp.Response response = new FakeHttp.Response();
    new GcpHttpFunction(adapter).service(request, response);
    return response;
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = GcpHttpFunctionTest.class.getResourceAsStream("/gcp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonNode json(FakeHttp.Response response) throws IOException {
    return JSON.readTree(response.body.toByteArray());
  }

  // ------------------------------------------------------------------ HTTP

  @Test
  void httpRequestKeepsMultimapsDecodesPathOnceAndWritesEveryHeaderAndCookie() throws IOException {
    FakeHttp.Request request = new FakeHttp.Request("POST", "/echo/a%2Bb%20c?q=1&q=x%2By+z&flag")
        .header("X-Tag", "one").header("x-tag", "two").header("Cookie", "session=abc; other=1")
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .header("Function-Execution-Id", "exec-123")
        .body(new byte[] {1, 2, 3});

    FakeHttp.Response response = call(adapter(Map.of()), request);

    assertThat(response.status).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("path").asText()).isEqualTo("/echo/a+b c");
    assertThat(body.get("id").asText()).isEqualTo("a+b c");
    assertThat(body.get("rawQuery").asText()).isEqualTo("q=1&q=x%2By+z&flag");
    assertThat(body.get("q").toString()).isEqualTo("[\"1\",\"x+y z\"]");
    assertThat(body.get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(body.get("cookie").asText()).isEqualTo("abc");
    assertThat(body.get("bodyLength").asInt()).isEqualTo(3);
    assertThat(body.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(body.get("invocationId").asText()).isEqualTo("exec-123");
    assertThat(body.get("platform").asText()).isEqualTo("test");
    assertThat(response.headers.get("X-Multi")).containsExactly("a", "b");
    assertThat(response.headers.get("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(response.getContentType()).contains("application/json");
  }

  @Test
  void withoutAUsableExecutionIdEachRequestGetsTwelveFreshHexDigits() throws IOException {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String given : new String[] {null, " ", "x".repeat(129)}) {
      FakeHttp.Request request = new FakeHttp.Request("GET", "/echo/1");
      if (given != null) {
        request.header("Function-Execution-Id", given);
      }
      String id = json(call(adapter(Map.of()), request)).get("invocationId").asText();
      assertThat(id).matches("[0-9a-f]{12}");
      ids.add(id);
    }
    assertThat(ids).hasSize(3);
    assertThat(json(call(adapter(Map.of()), new FakeHttp.Request("GET", "/echo/1")
        .header("Function-Execution-Id", "x".repeat(128)))).get("invocationId").asText()).isEqualTo("x".repeat(128));
  }

  @Test
  void binaryBodiesPassThroughUnchanged() throws IOException {
    byte[] png = new byte[256];
    for (int i = 0; i < png.length; i++) {
      png[i] = (byte) i;
    }
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/binary")
        .header("Content-Type", "image/png").body(png));

    assertThat(response.status).isEqualTo(200);
    assertThat(response.body.toByteArray()).isEqualTo(png);
    assertThat(response.getContentType()).contains("application/octet-stream");
  }

  @Test
  void cloudTraceContextIsReadWhenThereIsNoTraceparent() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("GET", "/echo/1")
        .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1"));

    assertThat(json(response).get("traceId").asText()).isEqualTo("105445aa7843bc8bf206b12000100000");
  }

  @Test
  void routingFailuresAndFunctionErrorsUseTheDispatcherPolicy() throws IOException {
    GcpAdapter adapter = adapter(Map.of());

    assertThat(call(adapter, new FakeHttp.Request("GET", "/nowhere")).status).isEqualTo(404);
    assertThat(call(adapter, new FakeHttp.Request("DELETE", "/echo/1")).status).isEqualTo(405);
    FakeHttp.Response failed = call(adapter, new FakeHttp.Request("GET", "/fail"));
    assertThat(failed.status).isEqualTo(500);
    assertThat(failed.text()).doesNotContain("secret internal detail").contains("invocationId");
  }

  @Test
  void aBodyThatCannotBeReadIsA500LoggedOnceAndNothingEscapes() throws IOException {
    java.util.List<String> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeHttp.Response response = call(adapter(new TestApp(), Map.of(), (level, line) -> logs.add(line)),
        new FakeHttp.Request("POST", "/echo/1").header("Function-Execution-Id", "exec-9").failingBody());

    assertThat(response.status).isEqualTo(500);
    assertThat(json(response).get("invocationId").asText()).isEqualTo("exec-9");
    assertThat(logs).singleElement().asString().contains("Invocation failed in the", "IOException", "exec-9");
  }

  @Test
  void aResponseThatCannotBeWrittenIsLoggedOnceAndNothingEscapes() throws IOException {
    java.util.List<String> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeHttp.Response response = new FakeHttp.Response().failingWrites();
    new GcpHttpFunction(adapter(new TestApp(), Map.of(), (level, line) -> logs.add(line)))
        .service(new FakeHttp.Request("GET", "/echo/1").header("Function-Execution-Id", "exec-10"), response);

    assertThat(logs).singleElement().asString().contains("Invocation failed in the", "broken pipe", "exec-10");
  }

  @Test
  void malformedPercentEscapeInThePathIsA400() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("GET", "/echo/%zz"));

    assertThat(response.status).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("percent-escape");
  }

  // ------------------------------------------------------------------ Cloud Storage

  @Test
  void binaryStorageEventWithInt64AsStringsAndEncodedSubject() throws IOException {
    FakeHttp.Request request = new FakeHttp.Request("POST", "/")
        .header("ce-specversion", "1.0").header("ce-id", "2384794752389034")
        .header("ce-source", "//storage.googleapis.com/projects/_/buckets/raw-images")
        .header("ce-type", "google.cloud.storage.object.v1.finalized")
        .header("ce-subject", "objects/folder/cat%20photo.jpg")
        .header("ce-time", "2020-04-23T07:38:57.230Z").header("ce-bucket", "raw-images")
        .json(fixture("storage-finalized-data.json"));

    FakeHttp.Response response = call(adapter(Map.of()), request);

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(ObjectEvent.class, e -> {
      assertThat(e.id()).isEqualTo("2384794752389034");
      assertThat(e.kind()).isEqualTo(ObjectEventKind.CREATED);
      assertThat(e.bucket()).isEqualTo("raw-images");
      assertThat(e.key()).isEqualTo("folder/cat photo.jpg");
      assertThat(e.subject()).contains("objects/folder/cat photo.jpg");
      assertThat(e.size()).isEqualTo(OptionalLong.of(352));
      assertThat(e.version()).contains("1587627537231057");
      assertThat(e.etag()).contains("CNHZkbuF/ugCEAE=");
      assertThat(e.contentType()).contains("image/jpeg");
      assertThat(e.time()).hasValue(Instant.parse("2020-04-23T07:38:57.230Z"));
    });
  }

  @Test
  void hostileObjectNameReachesTheFunctionVerbatimAndIsRefusedAsBadInput() throws IOException {
    String data = fixture("storage-finalized-data.json")
        .replaceFirst("\"name\"\\s*:\\s*\"[^\"]*\"", "\"name\": \"../../etc/passwd\"");
    FakeHttp.Response response = call(adapter(Map.of()), binaryCe("google.cloud.storage.object.v1.finalized",
        "//storage.googleapis.com/projects/_/buckets/raw-images").json(data));

    assertThat(((ObjectEvent) TestApp.EVENTS.get(0)).key()).isEqualTo("../../etc/passwd");
    assertThat(response.status).isEqualTo(400); // a client error: acknowledged as bad, never a 500 or a file read
    assertThat(json(response).get("message").asText()).contains("'..'");
  }

  @Test
  void structuredStorageEventWithInt64AsNumbers() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json; charset=utf-8")
        .body(fixture("storage-finalized-structured.json").getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(ObjectEvent.class, e -> {
      assertThat(e.size()).isEqualTo(OptionalLong.of(352));
      assertThat(e.version()).contains("1587627537231057");
      assertThat(e.time()).hasValue(Instant.parse("2021-11-25T21:04:32.279744Z"));
    });
  }

  @Test
  void everyStorageEventTypeMapsToItsKind() throws IOException {
    Map<String, ObjectEventKind> kinds = Map.of("finalized", ObjectEventKind.CREATED, "deleted",
        ObjectEventKind.DELETED, "archived", ObjectEventKind.ARCHIVED, "metadataUpdated",
        ObjectEventKind.METADATA_UPDATED);
    GcpAdapter adapter = adapter(Map.of());
    for (Map.Entry<String, ObjectEventKind> k : kinds.entrySet()) {
      TestApp.EVENTS.clear();
      FakeHttp.Response response = call(adapter, binaryCe("google.cloud.storage.object.v1." + k.getKey(),
          "//storage.googleapis.com/projects/_/buckets/raw-images").json(fixture("storage-finalized-data.json")));
      assertThat(response.status).as(k.getKey()).isEqualTo(204);
      assertThat(((ObjectEvent) TestApp.EVENTS.get(0)).kind()).isEqualTo(k.getValue());
    }
  }

  @Test
  void physicalBucketNamesMapBackToTheLogicalTriggerName() throws IOException {
    String data = fixture("storage-finalized-data.json").replace("\"raw-images\"", "\"acme-prod-raw\"");
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_BUCKET_RAW_IMAGES", "acme-prod-raw")),
        binaryCe("google.cloud.storage.object.v1.finalized", "//storage.googleapis.com/projects/_/buckets/acme-prod-raw")
            .json(data));

    assertThat(response.status).isEqualTo(204);
    assertThat(((ObjectEvent) TestApp.EVENTS.get(0)).bucket()).isEqualTo("raw-images");
  }

  @Test
  void legacyStorageEventIsConvertedAndTheKeyComesFromDataName() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .json(fixture("legacy-storage.json")));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(ObjectEvent.class, e -> {
      assertThat(e.id()).isEqualTo("1147091835525187");
      assertThat(e.type()).isEqualTo("google.cloud.storage.object.v1.finalized");
      assertThat(e.source()).isEqualTo("//storage.googleapis.com/projects/_/buckets/raw-images");
      assertThat(e.subject()).contains("objects/folder/cat photo.jpg");
      assertThat(e.key()).isEqualTo("folder/cat photo.jpg");
      assertThat(e.time()).hasValue(Instant.parse("2020-04-23T07:38:57.772Z"));
    });
  }

  // ------------------------------------------------------------------ Pub/Sub

  @Test
  void structuredPubSubEventKeepsDataAttributesOrderingKeyAndPublishTime() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json")
        .body(fixture("pubsub-published-structured.json").getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(TopicMessage.class, m -> {
      assertThat(m.id()).isEqualTo("2070443601311540");
      assertThat(m.topic()).isEqualTo("user-created");
      assertThat(m.text()).isEqualTo("Ada joined");
      assertThat(texts(m.attributes())).containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "origin", "signup"));
      assertThat(m.groupKey()).contains("user-42");
      assertThat(m.time()).hasValue(Instant.parse("2021-02-26T19:13:55.749Z"));
      assertThat(m.deliveryAttempt()).isEmpty(); // Eventarc does not count deliveries: unknown, not 1
    });
  }

  @Test
  void binaryPubSubEventAsEventarcSendsIt() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), binaryCe("google.cloud.pubsub.topic.v1.messagePublished",
        "//pubsub.googleapis.com/projects/my-project/topics/user-created")
        .header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
        .json(fixture("pubsub-published-data.json")));

    assertThat(response.status).isEqualTo(204);
    assertThat(((TopicMessage) TestApp.EVENTS.get(0)).text()).isEqualTo("Ada joined");
  }

  @Test
  void pushEnvelopeWithDeliveryAttemptNanosecondTimeAndOrderingKey() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .json(fixture("pubsub-push.json")));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(TopicMessage.class, m -> {
      assertThat(m.id()).isEqualTo("136969346945");
      assertThat(m.text()).isEqualTo("pushed hello");
      assertThat(m.deliveryAttempt()).hasValue(3);
      assertThat(m.groupKey()).contains("customer-7");
      assertThat(m.time()).hasValue(Instant.parse("2024-01-15T10:00:00.123456789Z"));
      assertThat(m.source()).isEqualTo("//pubsub.googleapis.com/projects/my-project/subscriptions/user-created-push");
    });
  }

  @Test
  void pushEnvelopeWithOnlySnakeCaseIdsAndNoDataIsAnEmptyBody() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_FUNCTION", "welcome")), new FakeHttp.Request("POST", "/")
        .json(fixture("pubsub-push-attributes-only.json")));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(TopicMessage.class, m -> {
      assertThat(m.id()).isEqualTo("136969346946");
      assertThat(m.body()).isEmpty();
      assertThat(m.topic()).isEqualTo("user-created");
      assertThat(texts(m.attributes())).containsEntry("kind", "ping");
      assertThat(m.time()).hasValue(Instant.parse("2024-01-15T10:00:01Z"));
    });
  }

  @Test
  void legacyPubSubEventIsConverted() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .json(fixture("legacy-pubsub.json")));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(TopicMessage.class, m -> {
      assertThat(m.id()).isEqualTo("1215011316659232");
      assertThat(m.topic()).isEqualTo("user-created");
      assertThat(m.text()).isEqualTo("legacy hello");
      assertThat(texts(m.attributes())).containsExactlyEntriesOf(Map.of("tenant", "acme"));
      assertThat(m.time()).hasValue(Instant.parse("2020-05-18T12:13:19.209Z"));
    });
  }

  @Test
  void pubSubMessageToAQueueFunctionIsAQueueMessage() throws IOException {
    String push = fixture("pubsub-push.json");
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_FUNCTION", "orders")), new FakeHttp.Request("POST", "/")
        .json(push));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(QueueMessage.class, m -> {
      assertThat(m.queue()).isEqualTo("orders");
      assertThat(m.groupKey()).contains("customer-7");
      assertThat(m.deliveryAttempt()).hasValue(3);
    });
  }

  @Test
  void functionOutcomesBecomePushStatuses() throws IOException {
    GcpAdapter adapter = adapter(Map.of("FAAS4J_FUNCTION", "welcome"));

    FakeHttp.Response rejected = call(adapter, push("reject"));
    FakeHttp.Response flaky = call(adapter, push("flaky"));

    assertThat(rejected.status).isEqualTo(400);
    assertThat(json(rejected).get("message").asText()).isEqualTo("the function rejected this message");
    assertThat(flaky.status).isEqualTo(503);
    assertThat(flaky.headers.get("Retry-After")).containsExactly("1");
  }

  // ------------------------------------------------------------------ Scheduler

  @Test
  void schedulerHttpTargetBecomesAScheduleEvent() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_FUNCTION", "nightly")),
        new FakeHttp.Request("POST", "/").header("X-CloudScheduler", "true")
            .header("X-CloudScheduler-JobName", "nightly-job")
            .header("X-CloudScheduler-ScheduleTime", "2030-01-02T02:00:00.000Z")
            .header("User-Agent", "Google-Cloud-Scheduler").body("anything".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(ScheduleEvent.class, e -> {
      assertThat(e.schedule()).isEqualTo("nightly");
      assertThat(e.scheduledTime()).hasValue(Instant.parse("2030-01-02T02:00:00Z"));
      assertThat(e.time()).isEmpty(); // Cloud Scheduler does not say when the run started: not the clock's time
      assertThat(e.origin().attribute("gcp.scheduler.jobName")).hasValue("nightly-job");
    });
  }

  @Test
  void schedulerCloudEventBecomesAScheduleEvent() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json")
        .body(fixture("scheduler-executed-structured.json").getBytes(StandardCharsets.UTF_8)));

    assertThat(response.status).isEqualTo(204);
    assertThat(TestApp.EVENTS).singleElement().isInstanceOfSatisfying(ScheduleEvent.class, e -> {
      assertThat(e.time()).hasValue(Instant.parse("2030-01-02T02:00:00Z")); // when the job ran
      assertThat(e.scheduledTime()).isEmpty(); // the event does not say when it was due
      assertThat(e.origin().attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "gcp.scheduler.jobName", "projects/my-project/locations/us-central1/jobs/nightly",
          "gcp.scheduler.customData", "e30="));
    });
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void aCloudEventTypeTheNamedFunctionDoesNotTakeIsA400NamingTheType() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_FUNCTION", "welcome")),
        binaryCe("google.cloud.firestore.document.v1.written",
            "//firestore.googleapis.com/projects/p/databases/(default)").json("{}"));

    assertThat(response.status).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("Unsupported CloudEvent type")
        .contains("google.cloud.firestore.document.v1.written");
    assertThat(TestApp.EVENTS).isEmpty();
  }

  @Test
  void badBase64IsA400WithoutTheValue() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of()), new FakeHttp.Request("POST", "/")
        .json(fixture("pubsub-push-bad-base64.json")));

    assertThat(response.status).isEqualTo(400);
    assertThat(response.getContentType()).contains("application/json");
    assertThat(json(response).get("message").asText()).isEqualTo("message.data is not valid base64")
        .doesNotContain("not*base64");
  }

  @Test
  void malformedJsonToAnEventFunctionIsA400() throws IOException {
    FakeHttp.Response response = call(adapter(Map.of("FAAS4J_FUNCTION", "welcome")),
        new FakeHttp.Request("POST", "/").json("{\"message\": {\"data\": \"abc\""));

    assertThat(response.status).isEqualTo(400);
    assertThat(json(response).get("message").asText()).startsWith("Request body is not valid JSON");
  }

  @Test
  void malformedPushEnvelopesAre400s() throws IOException {
    GcpAdapter adapter = adapter(Map.of("FAAS4J_FUNCTION", "welcome"));
    Map<String, String> cases = Map.of(
        "{\"subscription\": \"projects/p/subscriptions/s\", \"message\": \"not an object\"}", "message must be an object",
        "{\"subscription\": \"projects/p/subscriptions/s\", \"message\": {\"data\": \"aGk=\"}}", "messageId is required",
        "{\"subscription\": 42, \"message\": {\"messageId\": \"1\"}}", "subscription must be a string",
        "{\"hello\": \"world\"}", "not a CloudEvent, a legacy event or a Pub/Sub push envelope");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      FakeHttp.Response response = call(adapter, new FakeHttp.Request("POST", "/").json(c.getKey()));
      assertThat(response.status).as(c.getKey()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).as(c.getKey()).contains(c.getValue());
    }
  }

  @Test
  void binaryCloudEventWithoutRequiredHeadersOrWithBadTimeIsA400() throws IOException {
    GcpAdapter adapter = adapter(Map.of());
    FakeHttp.Response noId = call(adapter, new FakeHttp.Request("POST", "/").header("ce-specversion", "1.0")
        .header("ce-source", "//x").header("ce-type", "t").json("{}"));
    FakeHttp.Response badTime = call(adapter, binaryCe("google.cloud.storage.object.v1.finalized", "//x")
        .header("ce-time", "yesterday").json(fixture("storage-finalized-data.json")));
    FakeHttp.Response badSize = call(adapter, binaryCe("google.cloud.storage.object.v1.finalized", "//x")
        .json(fixture("storage-finalized-data.json").replace("\"352\"", "\"a lot\"")));

    assertThat(noId.status).isEqualTo(400);
    assertThat(json(noId).get("message").asText()).contains("ce-id");
    assertThat(badTime.status).isEqualTo(400);
    assertThat(json(badTime).get("message").asText()).contains("ce-time");
    assertThat(badSize.status).isEqualTo(400);
    assertThat(json(badSize).get("message").asText()).contains("data.size");
  }

  @Test
  void unsupportedLegacyEventTypeAndBatchModeAre400s() throws IOException {
    GcpAdapter adapter = adapter(Map.of("FAAS4J_FUNCTION", "welcome"));
    FakeHttp.Response legacy = call(adapter, new FakeHttp.Request("POST", "/").json(
        "{\"context\":{\"eventId\":\"1\",\"eventType\":\"providers/google.firebase.analytics/eventTypes/event.log\","
            + "\"resource\":\"projects/p/events/e\"},\"data\":{}}"));
    FakeHttp.Response batch = call(adapter, new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents-batch+json").body("[]".getBytes(StandardCharsets.UTF_8)));

    assertThat(legacy.status).isEqualTo(400);
    assertThat(json(legacy).get("message").asText()).contains("Unsupported legacy event type");
    assertThat(batch.status).isEqualTo(400);
  }

  // ------------------------------------------------------------------ helpers

  static FakeHttp.Request binaryCe(String type, String source) {
    return new FakeHttp.Request("POST", "/").header("ce-specversion", "1.0").header("ce-id", "evt-1")
        .header("ce-source", source).header("ce-type", type);
  }

  static FakeHttp.Request push(String text) {
    String data = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return new FakeHttp.Request("POST", "/").json("{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"m-"
        + text + "\"},\"subscription\":\"projects/p/subscriptions/user-created-push\"}");
  }
  private static java.util.Map<String, String> texts(java.util.Map<String, dev.faas4j.event.AttributeValue> a) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    a.forEach((k, v) -> m.put(k, v.asText()));
    return m;
  }
}
