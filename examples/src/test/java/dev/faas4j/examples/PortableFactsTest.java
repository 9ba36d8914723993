package dev.faas4j.examples;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.examples.clouds.AwsCloud;
import dev.faas4j.examples.clouds.AzureCloud;
import dev.faas4j.examples.clouds.Cloud;
import dev.faas4j.examples.clouds.Cloud.Message;
import dev.faas4j.examples.clouds.GcpCloud;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The portable view of the same request, message, publication and upload on every cloud: what a function sees
 * through the shared concepts (issue 14's cross-cloud check). Facts only some platforms deliver (a delivery count on
 * a Pub/Sub push without a dead-letter policy, a request time from Azure's worker) are compared where shared, and
 * every event says which platform it came from and carries the payload as received.
 */
class PortableFactsTest {
  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  /** What a function saw, reduced to the portable facts every cloud must agree on. */
  record View(String http, String queue, String topic, String object) {}

  private static View run(BiFunction<Supplier<FunctionApp>, InMemoryPlatform, Cloud> cloudOf) {
    Map<String, String> seen = new LinkedHashMap<>();
    FunctionApp probe = (f, p) -> {
      f.http("probeHttp", route("POST /probe/{id}"), (r, c) -> {
        seen.put("http", r.method() + " " + r.path() + " id=" + r.pathParameter("id") + " body=" + r.text()
            + " origin=" + r.origin().platform());
        return HttpResponse.ok().text("ok");
      });
      f.onQueueMessage("probeQueue", queue("probe-q"), (m, c) -> seen.put("queue", queueView(m)));
      f.onTopicMessage("probeTopic", topic("probe-t"), (m, c) -> seen.put("topic", topicView(m)));
      f.onObject("probeObject", bucket("probe-b"), (e, c) -> seen.put("object", objectView(e)));
    };
    InMemoryPlatform platform = new InMemoryPlatform(new ManualClock(NOW), Map.of());
    Cloud cloud = cloudOf.apply(() -> probe, platform);
    byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(cloud.http("probeHttp", "POST", "/probe/42", "{\"n\":1}").status()).isEqualTo(200);
    assertThat(cloud.queue("probeQueue", "probe-q", List.of(new Message("m-1", body)))).isEmpty();
    assertThat(cloud.topic("probeTopic", "probe-t", new Message("t-1", body))).isTrue();
    assertThat(cloud.objectCreated("probeObject", "probe-b", "in/cat.png", 7)).isTrue();

    // Every event names its platform and keeps the payload the entry point received.
    assertThat(seen.values()).allSatisfy(v -> assertThat(v).contains("origin=" + cloud.name()));
    return new View(seen.get("http").replace(cloud.name(), "<cloud>"), seen.get("queue").replace(cloud.name(), "<cloud>"),
        seen.get("topic").replace(cloud.name(), "<cloud>"), seen.get("object").replace(cloud.name(), "<cloud>"));
  }

  private static String queueView(QueueMessage m) {
    return "id=" + m.id() + " queue=" + m.queue() + " body=" + m.text() + " sent=" + m.time().orElse(null)
        + " attempt<=1=" + (m.deliveryAttempt().orElse(1) <= 1) + " group=" + m.groupKey().orElse("-")
        + " origin=" + m.origin().platform() + " payload=" + (m.origin().payloadLength() > 0);
  }

  private static String topicView(TopicMessage m) {
    return "id=" + m.id() + " topic=" + m.topic() + " body=" + m.text() + " published=" + m.time().orElse(null)
        + " origin=" + m.origin().platform() + " payload=" + (m.origin().payloadLength() > 0);
  }

  private static String objectView(ObjectEvent e) {
    return e.kind() + " " + e.bucket() + "/" + e.key() + " size=" + e.size() + " time=" + e.time().isPresent()
        + " origin=" + e.origin().platform() + " payload=" + (e.origin().payloadLength() > 0);
  }

  @Test
  void everyCloudShowsTheSamePortableFacts() {
    View aws = run(AwsCloud::new);
    View gcp = run(GcpCloud::new);
    View azure = run(AzureCloud::new);

    assertThat(aws.http()).isEqualTo("POST /probe/42 id=42 body={\"n\":1} origin=<cloud>");
    assertThat(aws.queue()).isEqualTo("id=m-1 queue=probe-q body={\"n\":1} sent=" + NOW
        + " attempt<=1=true group=- origin=<cloud> payload=true");
    assertThat(aws.topic()).isEqualTo("id=t-1 topic=probe-t body={\"n\":1} published=" + NOW
        + " origin=<cloud> payload=true");
    assertThat(aws.object()).isEqualTo("CREATED probe-b/in/cat.png size=OptionalLong[7] time=true origin=<cloud> "
        + "payload=true");
    assertThat(gcp).as("gcp, compared with aws").isEqualTo(aws);
    assertThat(azure).as("azure, compared with aws").isEqualTo(aws);
  }
}
