package dev.faas4j.local;

import static dev.faas4j.trigger.Triggers.cloudEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.spi.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CloudEvent functions: pushed to the local runtime over HTTP in every content mode, and through the test kit. */
class LocalCloudEventsTest {
  @TempDir Path dataDir;
  private final List<CloudEvent> seen = new CopyOnWriteArrayList<>();

  private final FunctionApp app = (f, p) -> f.onCloudEvent("audit",
      cloudEvent("google.cloud.audit.log.v1.written"), (e, c) -> {
        if (e.extension("methodname").orElse("").equals("bad")) {
          throw new InvalidEventException("unknown method");
        }
        seen.add(e);
      });

  private static HttpResponse<String> post(URI base, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/_faas4j/cloudevents"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cloudEventsPushedInEveryModeReachTheFunctionWithTheirAttributes() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.builder(app).port(0).dataDir(dataDir).logSink((level, line) -> { })
        .shutdownGrace(Duration.ofSeconds(5)).start()) {
      URI base = runtime.baseUri();

      HttpResponse<String> structured = post(base, "application/cloudevents+json", """
          {"specversion":"1.0","id":"s-1","source":"//cloudaudit.googleapis.com/projects/p","type":
           "google.cloud.audit.log.v1.written","methodname":"storage.buckets.create","data":{"n":1}}""");
      HttpResponse<String> binary = post(base, "application/json", "{\"n\":2}", "ce-specversion", "1.0",
          "ce-id", "b-1", "ce-source", "//cloudaudit.googleapis.com/projects/p",
          "ce-type", "google.cloud.audit.log.v1.written", "ce-methodname", "x");
      HttpResponse<String> otherType = post(base, "application/cloudevents+json", """
          {"specversion":"1.0","id":"o-1","source":"/s","type":"com.example.other"}""");
      HttpResponse<String> malformed = post(base, "application/cloudevents+json", "{\"specversion\":\"1.0\"}");
      HttpResponse<String> rejected = post(base, "application/cloudevents+json", """
          {"specversion":"1.0","id":"r-1","source":"/s","type":"google.cloud.audit.log.v1.written",
           "methodname":"bad"}""");

      assertThat(structured.statusCode()).isEqualTo(204);
      assertThat(binary.statusCode()).isEqualTo(204);
      assertThat(otherType.statusCode()).as("no function takes it: acknowledged and skipped").isEqualTo(204);
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).contains("CloudEvent.id is required");
      assertThat(rejected.statusCode()).isEqualTo(400);
      assertThat(seen).extracting(CloudEvent::id).containsExactly("s-1", "b-1");
      assertThat(seen.get(0).extension("methodname")).hasValue("storage.buckets.create");
      assertThat(seen.get(0).text()).isEqualTo("{\"n\":1}");
      assertThat(seen.get(1).text()).isEqualTo("{\"n\":2}");
      assertThat(seen.get(1).dataContentType()).hasValue("application/json");
    }
  }

  @Test
  void theTestKitCallsACloudEventFunctionAloneOrInItsApp() {
    Outcome alone = FunctionTester.cloudEvent((e, c) -> seen.add(e))
        .call(TestEvents.cloudEvent("com.example.thing", java.util.Map.of("n", 1)).extension("tenant", "acme"));
    Outcome inApp = FunctionTester.forApp(app).cloudEvent("audit")
        .call(TestEvents.cloudEvent("google.cloud.audit.log.v1.written", "hi"));
    Outcome filtered = FunctionTester.forApp(app).cloudEvent("audit")
        .call(TestEvents.cloudEvent("com.example.other", "hi"));

    assertThat(alone.isSuccess()).isTrue();
    assertThat(inApp.isSuccess()).isTrue();
    assertThat(filtered.status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).extension("tenant")).hasValue("acme");
    assertThat(seen.get(0).dataContentType()).hasValue("application/json");
    assertThat(seen.get(1).text()).isEqualTo("hi");
  }
}
