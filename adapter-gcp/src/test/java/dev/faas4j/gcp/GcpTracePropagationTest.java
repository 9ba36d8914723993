package dev.faas4j.gcp;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.pubsub.v1.PubsubMessage;
import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.OutgoingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One trace through Cloud Run functions: HTTP -> Pub/Sub topic -> Pub/Sub as a queue -> GCS -> object function,
 * each hop writing through the real port (Pub/Sub to an in-process gRPC fake, GCS to a JSON API fake) and what the
 * backend stored becoming the next CloudEvent: the message's attributes, the object's metadata in the storage
 * event's data. Pub/Sub pushes one message per request, so there is no batch here.
 */
class GcpTracePropagationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, TraceContext> traces = new ConcurrentHashMap<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final PubSubFake pubsub = new PubSubFake();
  private final GcsJsonApiFake gcs = new GcsJsonApiFake();
  private final Storage storage = StorageOptions.newBuilder().setHost(gcs.endpoint()).setProjectId("faas4j-test")
      .setCredentials(NoCredentials.getInstance()).setRetrySettings(ServiceOptions.getNoRetrySettings()).build()
      .getService();

  GcpTracePropagationTest() throws IOException {}

  @AfterEach
  void stop() throws Exception {
    storage.close();
    gcs.close();
    pubsub.close();
  }

  final class Chain implements FunctionApp {
    @Override
    public void configure(Functions f, Platform p) {
      try {
        PubSubMessagePublisher orders = new PubSubMessagePublisher(pubsub.publisher("user-created"));
        PubSubMessageQueue work = new PubSubMessageQueue(pubsub.publisher("work"));
        GcsObjectStorage results = new GcsObjectStorage(storage, "results");
        f.http("start", route("POST /start"), (request, c) -> {
          record("start", c);
          orders.publish(OutgoingMessage.text(request.text()));
          return HttpResponse.noContent().empty();
        });
        f.onTopicMessage("fanIn", topic("user-created"), (m, c) -> {
          record("fanIn", c);
          work.send(OutgoingMessage.text(m.text()));
        });
        f.onQueueMessage("work", queue("work"), (m, c) -> {
          record("work", c);
          c.logger().info("writing");
          results.put("out/" + m.text(), m.body());
        });
        f.onObject("done", bucket("results"), (e, c) -> record("done", c));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private void record(String function, InvocationContext c) {
      traces.put(function, c.trace().orElseThrow());
    }
  }

  @Test
  void oneTraceFollowsARequestThroughPubSubAndGcs() throws IOException {
    GcpAdapter adapter = GcpHttpFunctionTest.adapter(new Chain(), Map.of(), (level, line) -> logs.add(line));

    GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/start")
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .header("tracestate", "vendor=1").body("a".getBytes(StandardCharsets.UTF_8)));
    PubsubMessage topicMessage = pubsub.published("user-created").get(0).message();
    assertThat(topicMessage.getAttributesMap()).containsKey("traceparent")
        .noneSatisfy((k, v) -> assertThat(k).startsWith("googclient_"));
    assertThat(GcpHttpFunctionTest.call(adapter, published("user-created", topicMessage)).status).isEqualTo(204);
    PubsubMessage queueMessage = pubsub.published("work").get(0).message();
    assertThat(GcpHttpFunctionTest.call(adapter, published("work", queueMessage)).status).isEqualTo(204);
    Map<String, String> metadata = storage.get(BlobId.of("results", "out/a")).getMetadata();
    assertThat(GcpHttpFunctionTest.call(adapter, finalized("results", "out/a", metadata)).status).isEqualTo(204);

    String parent = "00f067aa0ba902b7";
    for (String hop : new String[] {"start", "fanIn", "work", "done"}) {
      assertThat(traces.get(hop).traceId()).as(hop).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(traces.get(hop).parentSpanId()).as(hop).contains(parent);
      parent = traces.get(hop).spanId();
    }
    // Cloud Logging joins the line to the trace and to the consumer's own span.
    assertThat(logs).filteredOn(l -> l.contains("\"writing\"")).singleElement().asString()
        .contains("\"logging.googleapis.com/trace\":\"projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736\"")
        .contains("\"logging.googleapis.com/spanId\":\"" + traces.get("work").spanId() + "\"");
  }

  /** An Eventarc messagePublished CloudEvent carrying {@code m} as Pub/Sub delivers it. */
  private static FakeHttp.Request published(String topic, PubsubMessage m) throws IOException {
    ObjectNode data = JSON.createObjectNode();
    data.put("subscription", "projects/my-project/subscriptions/eventarc-" + topic);
    ObjectNode message = data.putObject("message");
    message.put("data", Base64.getEncoder().encodeToString(m.getData().toByteArray()))
        .put("messageId", "m-" + topic);
    ObjectNode attributes = message.putObject("attributes");
    m.getAttributesMap().forEach(attributes::put);
    return GcpHttpFunctionTest.binaryCe("google.cloud.pubsub.topic.v1.messagePublished",
        "//pubsub.googleapis.com/projects/my-project/topics/" + topic).json(JSON.writeValueAsString(data));
  }

  private static FakeHttp.Request finalized(String bucket, String key, Map<String, String> metadata)
      throws IOException {
    ObjectNode data = JSON.createObjectNode().put("bucket", bucket).put("name", key).put("size", "1")
        .put("generation", "1");
    ObjectNode meta = data.putObject("metadata");
    metadata.forEach(meta::put);
    return GcpHttpFunctionTest.binaryCe("google.cloud.storage.object.v1.finalized",
        "//storage.googleapis.com/projects/_/buckets/" + bucket).header("ce-subject", "objects/" + key)
        .json(JSON.writeValueAsString(data));
  }
}
