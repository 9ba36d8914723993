package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.spi.ResourceNames.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogicalNamesTest {
  private final FunctionRegistry registry = FunctionRegistry.of((f, p) -> f
      .onObject("thumbnail", bucket("uploads"), (e, c) -> {})
      .onQueueMessage("orders", queue("orders"), (m, c) -> {}), new NoPorts());

  @Test
  void mapsPhysicalNamesArnsAndUrlsBackToTheTriggersLogicalNames() {
    LogicalNames names = LogicalNames.of(registry, Map.of(
        "FAAS4J_BUCKET_UPLOADS", "acme-prod-uploads",
        "FAAS4J_QUEUE_ORDERS", "https://sqs.eu-west-1.amazonaws.com/123456789012/acme-orders")::get);

    assertThat(names.logical(Kind.BUCKET, "acme-prod-uploads")).isEqualTo("uploads");
    assertThat(names.logical(Kind.QUEUE, "arn:aws:sqs:eu-west-1:123456789012:acme-orders")).isEqualTo("orders");
    assertThat(names.logical(Kind.BUCKET, "someone-elses")).isEqualTo("someone-elses");
  }

  @Test
  void aResourceNamedLikeARemappedLogicalNameDoesNotPassForIt() {
    LogicalNames names = LogicalNames.of(registry, Map.of("FAAS4J_BUCKET_UPLOADS", "acme-prod-uploads")::get);

    // An account-level subscription delivers a container literally called "uploads": not the function's bucket.
    assertThat(names.logical(Kind.BUCKET, "uploads")).isNotEqualTo("uploads").startsWith("uploads");
    assertThat(names.logical(Kind.QUEUE, "orders")).isEqualTo("orders"); // not remapped: the name is the resource
  }

  @Test
  void readsTheSettingsOnceOnTheFirstLookUpNotWhenMade() {
    java.util.List<String> read = new java.util.ArrayList<>();
    LogicalNames names = LogicalNames.of(registry, name -> {
      read.add(name);
      return null;
    });
    assertThat(read).as("nothing read for an app whose events never name a resource").isEmpty();

    assertThat(names.logical(Kind.BUCKET, "uploads")).isEqualTo("uploads");
    assertThat(names.logical(Kind.QUEUE, "orders")).isEqualTo("orders");
    assertThat(read).containsExactlyInAnyOrder("FAAS4J_BUCKET_UPLOADS", "FAAS4J_QUEUE_ORDERS");
  }
}
