package dev.faas4j.gcp;

import dev.faas4j.local.testkit.ListeningSockets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The adapter under the real Functions Framework invoker 2.0.0: our {@link GcpHttpFunction} for HTTP and every
 * event shape over HTTP, and our {@link GcpEventFunction} behind the invoker's own CloudEvent decoding.
 */
class InvokerEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration LOG_WAIT = Duration.ofSeconds(20);

  static HttpResponse<byte[]> send(Invoker invoker, HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofByteArray());
  }

  static HttpRequest.Builder post(Invoker invoker, String path, String contentType, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + invoker.port + path))
        .header("Content-Type", contentType).POST(BodyPublishers.ofString(body));
  }

  static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class HttpTarget {
    Invoker invoker;

    @BeforeAll
    void start() throws Exception {
      invoker = Invoker.start(GcpHttpFunction.class, Map.of());
    }

    @AfterAll
    void stop() throws IOException {
      if (invoker != null) {
        invoker.close();
      }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
      org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs Linux /proc/net/tcp");
      assertThat(ListeningSockets.on(invoker.port)).isNotEmpty()
          .allSatisfy(address -> assertThat(address.isLoopbackAddress()).as(address.toString()).isTrue());
    }

    @Test
    void servesHttpWithMultiValuedHeadersCookiesAndTrace() throws Exception {
      HttpResponse<byte[]> r = send(invoker, HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + invoker.port + "/echo/a%2Bb?q=1&q=x%2By"))
          .header("X-Tag", "one").header("X-Tag", "two").header("Cookie", "session=s1")
          .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1").GET());

      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r);
      assertThat(body.get("id").asText()).isEqualTo("a+b");
      assertThat(body.get("q").toString()).isEqualTo("[\"1\",\"x+y\"]");
      assertThat(body.get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
      assertThat(body.get("cookie").asText()).isEqualTo("s1");
      assertThat(body.get("traceId").asText()).isEqualTo("105445aa7843bc8bf206b12000100000");
      assertThat(body.get("platform").asText()).isEqualTo("gcp-functions");
      assertThat(r.headers().allValues("X-Multi")).containsExactly("a", "b");
      assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    }

    @Test
    void echoesBinaryBodies() throws Exception {
      byte[] bytes = new byte[256];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      HttpResponse<byte[]> r = send(invoker, HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + invoker.port + "/binary")).header("Content-Type", "image/png")
          .POST(BodyPublishers.ofByteArray(bytes)));

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(bytes);
    }

    @Test
    void binaryCloudEventForStorage() throws Exception {
      HttpResponse<byte[]> r = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("storage-finalized-data.json"))
          .header("ce-specversion", "1.0").header("ce-id", "e2e-storage-1")
          .header("ce-source", "//storage.googleapis.com/projects/_/buckets/raw-images")
          .header("ce-type", "google.cloud.storage.object.v1.finalized")
          .header("ce-subject", "objects/folder/cat%20photo.jpg"));

      assertThat(r.statusCode()).isEqualTo(204);
      String line = invoker.awaitLine(LOG_WAIT, "object event", "e2e-storage-1");
      assertThat(line).contains("\"severity\":\"INFO\"", "\"key\":\"folder/cat photo.jpg\"", "\"size\":352",
          "\"generation\":\"1587627537231057\"");
    }

    @Test
    void structuredCloudEventForPubSub() throws Exception {
      HttpResponse<byte[]> r = send(invoker, post(invoker, "/", "application/cloudevents+json",
          GcpHttpFunctionTest.fixture("pubsub-published-structured.json")));

      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(invoker.awaitLine(LOG_WAIT, "topic message", "2070443601311540"))
          .contains("\"text\":\"Ada joined\"", "\"orderingKey\":\"user-42\"", "\"topic\":\"user-created\"");
    }

    @Test
    void legacyStorageAndPubSubEvents() throws Exception {
      HttpResponse<byte[]> storage = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("legacy-storage.json")));
      HttpResponse<byte[]> pubsub = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("legacy-pubsub.json")));

      assertThat(storage.statusCode()).isEqualTo(204);
      assertThat(pubsub.statusCode()).isEqualTo(204);
      invoker.awaitLine(LOG_WAIT, "object event", "\"key\":\"folder/cat photo.jpg\"", "1147091835525187");
      invoker.awaitLine(LOG_WAIT, "topic message", "\"text\":\"legacy hello\"", "1215011316659232");
    }

    @Test
    void pushEnvelopeThatTheInvokerAloneRejects() throws Exception {
      HttpResponse<byte[]> r = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("pubsub-push.json")));

      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(invoker.awaitLine(LOG_WAIT, "topic message", "136969346945"))
          .contains("\"text\":\"pushed hello\"", "\"attempt\":3", "\"orderingKey\":\"customer-7\"");
    }

    @Test
    void badInputIsA400JsonBodyAndAFailureA500WithoutDetails() throws Exception {
      HttpResponse<byte[]> badBase64 = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("pubsub-push-bad-base64.json")));
      HttpResponse<byte[]> badData = send(invoker, post(invoker, "/", "application/json", "{}")
          .header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "//x")
          .header("ce-type", "google.cloud.storage.object.v1.finalized"));
      HttpResponse<byte[]> malformed = send(invoker, post(invoker, "/", "application/cloudevents+json",
          "{\"specversion\":\"1.0\","));
      HttpResponse<byte[]> failure = send(invoker, HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + invoker.port + "/fail")).GET());

      assertThat(badBase64.statusCode()).isEqualTo(400);
      assertThat(json(badBase64).get("message").asText()).isEqualTo("message.data is not valid base64");
      assertThat(badData.statusCode()).isEqualTo(400);
      assertThat(json(badData).get("message").asText()).contains("data.bucket is required");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(json(malformed).get("message").asText()).startsWith("CloudEvent is not valid JSON");
      assertThat(failure.statusCode()).isEqualTo(500);
      assertThat(new String(failure.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("secret internal detail").doesNotContain("at dev.faas4j");
      assertThat(invoker.awaitLine(LOG_WAIT, "\"severity\":\"ERROR\"", "Invocation failed"))
          .contains("stack_trace", "logging.googleapis.com/labels");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class CloudEventTarget {
    Invoker invoker;

    @BeforeAll
    void start() throws Exception {
      invoker = Invoker.start(GcpEventFunction.class, Map.of());
    }

    @AfterAll
    void stop() throws IOException {
      if (invoker != null) {
        invoker.close();
      }
    }

    @Test
    void binaryStorageEventDecodedByTheInvoker() throws Exception {
      HttpResponse<byte[]> r = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("storage-finalized-data.json"))
          .header("ce-specversion", "1.0").header("ce-id", "e2e-ce-storage")
          .header("ce-source", "//storage.googleapis.com/projects/_/buckets/raw-images")
          .header("ce-type", "google.cloud.storage.object.v1.finalized")
          .header("ce-subject", "objects/folder/cat photo.jpg"));

      assertThat(r.statusCode()).isEqualTo(200);
      invoker.awaitLine(LOG_WAIT, "object event", "\"key\":\"folder/cat photo.jpg\"", "e2e-ce-storage");
    }

    @Test
    void structuredPubSubEventDecodedByTheInvoker() throws Exception {
      HttpResponse<byte[]> r = send(invoker, post(invoker, "/", "application/cloudevents+json",
          GcpHttpFunctionTest.fixture("pubsub-published-structured.json")));

      assertThat(r.statusCode()).isEqualTo(200);
      invoker.awaitLine(LOG_WAIT, "topic message", "\"text\":\"Ada joined\"");
    }

    @Test
    void legacyEventsConvertedByTheInvoker() throws Exception {
      HttpResponse<byte[]> storage = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("legacy-storage.json")));
      HttpResponse<byte[]> pubsub = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("legacy-pubsub.json")));

      assertThat(storage.statusCode()).isEqualTo(200);
      assertThat(pubsub.statusCode()).isEqualTo(200);
      invoker.awaitLine(LOG_WAIT, "object event", "1147091835525187");
      invoker.awaitLine(LOG_WAIT, "topic message", "\"text\":\"legacy hello\"");
    }

    @Test
    void aFirestoreEventWithProtobufDataReachesTheCloudEventFunctionAsSent() throws Exception {
      byte[] protobuf = {0x0a, 0x05, 0x12, 0x03, 'a', 'b', (byte) 0xff};
      HttpResponse<byte[]> r = send(invoker, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + invoker.port + "/"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(protobuf)).header("Content-Type", "application/protobuf")
          .header("ce-specversion", "1.0").header("ce-id", "e2e-ce-firestore")
          .header("ce-source", "//firestore.googleapis.com/projects/p/databases/(default)")
          .header("ce-type", "google.cloud.firestore.document.v1.written")
          .header("ce-subject", "documents/users/ada").header("ce-database", "(default)"));

      assertThat(r.statusCode()).isEqualTo(200);
      invoker.awaitLine(LOG_WAIT, "cloud event", "e2e-ce-firestore", "\"subject\":\"documents/users/ada\"",
          "\"contentType\":\"application/protobuf\"", "\"dataLength\":7", "\"database\":\"(default)\"");
    }

    @Test
    void failuresAreTheInvokers500SoTheEventIsRedelivered() throws Exception {
      HttpResponse<byte[]> malformed = send(invoker, post(invoker, "/", "application/json", "{}")
          .header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "//x")
          .header("ce-type", "google.cloud.storage.object.v1.finalized"));
      HttpResponse<byte[]> push = send(invoker, post(invoker, "/", "application/json",
          GcpHttpFunctionTest.fixture("pubsub-push.json")));

      assertThat(malformed.statusCode()).isEqualTo(500);
      assertThat(push.statusCode()).as("the invoker rejects push envelopes before our code runs").isEqualTo(500);
    }
  }
}
