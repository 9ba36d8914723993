package dev.faas4j.maven;

import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.spi.ResourceInventory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin's own pieces: client selection per cloud, the default host.json, JSON strings as Jackson writes them. */
class DescriptorPartsTest {
  @Test
  void eachCloudAddsOnlyTheClientsOfTheKindsTheAppNames() {
    assertThat(Cloud.AWS.clients(List.of("TABLE"))).containsExactly("software.amazon.awssdk:dynamodb",
        "software.amazon.awssdk:url-connection-client");
    assertThat(Cloud.GCP.clients(List.of("QUEUE", "TOPIC"))).containsExactly("com.google.cloud:google-cloud-pubsub");
    assertThat(Cloud.AZURE.clients(List.of("QUEUE"))).containsExactly("com.azure:azure-storage-queue",
        "com.azure:azure-storage-blob", "com.azure:azure-core-http-jdk-httpclient");
    assertThat(Cloud.AWS.clients(List.of())).isEmpty(); // no port, no SDK, no HTTP client
  }

  @Test
  void anUnknownCloudIsNamedInTheError() {
    assertThat(Cloud.parse(" GCP ")).isEqualTo(Cloud.GCP);
    assertThatThrownBy(() -> Cloud.parse("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown cloud '../../etc/passwd'; known: aws, gcp, azure");
  }

  @Test
  void hostJsonCarriesTheLongestTimeoutAndTheLargestQueueRetryLimit() throws Exception {
    ResourceInventory inventory = ResourceInventory.of((f, p) -> {
      f.http("hello", route("GET /hello"), (r, c) -> HttpResponse.ok().text("hi")).timeout(Duration.ofSeconds(30));
      f.onQueueMessage("a", queue("a"), (m, c) -> { }).timeout(Duration.ofMinutes(7)).maxDeliveries(3);
      f.onQueueMessage("b", queue("b"), (m, c) -> { }).maxDeliveries(8);
    });
    assertThat(AzureHostJson.of(inventory)).isEqualTo("""
        {
          "version": "2.0",
          "functionTimeout": "00:07:00",
          "extensions": {
            "queues": {
              "maxDequeueCount": 8
            }
          },
          "extensionBundle": {
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": "[4.*, 5.0.0)"
          }
        }
        """);
    assertThat(AzureHostJson.of(ResourceInventory.of((f, p) -> f.onSchedule("n", cron("0 2 * * *"), (e, c) -> { }))))
        .doesNotContain("functionTimeout").doesNotContain("queues").contains("extensionBundle");
  }

  @Test
  void jsonStringsAreEscapedAsJacksonEscapesThem() {
    assertThat(AzureFunctionJson.string("a\"b\\c/d\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c/d\\n\\t\\u0001é\"");
  }
}
