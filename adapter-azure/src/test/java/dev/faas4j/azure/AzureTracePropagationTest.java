package dev.faas4j.azure;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.microsoft.azure.functions.HttpMethod;
import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace through Azure Functions: HTTP -> Service Bus topic -> Queue Storage -> Blob -> blob trigger, each hop
 * writing through the real port (Service Bus to a capturing sender, Queue and Blob Storage to Azurite) and what the
 * backend received becoming the next entry point's input: the Service Bus application properties, the queue message
 * as the host hands it over, the blob's metadata as the trigger's {@code Metadata} binding. The host's own trace
 * context for each hop is unrelated, so only what faas4j carried can join them.
 */
class AzureTracePropagationTest {
  private static Azurite azurite;
  private final Map<String, TraceContext> traces = new ConcurrentHashMap<>();
  private final List<ServiceBusMessage> published = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() {
    if (azurite != null) {
      azurite.close();
    }
  }

  private final String queueName = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final QueueClient queueClient = new QueueServiceClientBuilder().connectionString(azurite.connectionString())
      .httpClient(AzureClients.httpClient()).buildClient().getQueueClient(queueName);
  private final BlobContainerClient results = new BlobServiceClientBuilder()
      .connectionString(azurite.connectionString()).httpClient(AzureClients.httpClient()).buildClient()
      .getBlobContainerClient("c" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));

  final class Chain implements FunctionApp {
    @Override
    public void configure(Functions f, Platform p) {
      ServiceBusMessagePublisher orders = new ServiceBusMessagePublisher("user-created", published::add);
      QueueStorageMessageQueue work = new QueueStorageMessageQueue(queueClient);
      BlobObjectStorage blobs = new BlobObjectStorage(results);
      f.http("start", route("POST /start"), (request, c) -> {
        record("start", c);
        orders.publish(OutgoingMessage.text(request.text()));
        return HttpResponse.noContent().empty();
      });
      f.onTopicMessage("fanIn", topic("user-created"), (m, c) -> {
        record("fanIn", c);
        work.send(OutgoingMessage.text(m.text()).attribute("tenant", "acme"));
        work.send(OutgoingMessage.text("plain"));
      });
      f.onQueueMessage("work", queue("work"), (m, c) -> {
        record("work:" + m.text(), c);
        c.logger().info("writing");
        blobs.put("out/" + m.text(), m.body());
      });
      f.onObject("done", bucket(results.getBlobContainerName()), (e, c) -> record("done", c));
    }

    private void record(String function, InvocationContext c) {
      c.trace().ifPresent(t -> traces.put(function, t));
    }
  }

  @Test
  void oneTraceFollowsARequestThroughServiceBusQueueStorageAndBlob() {
    queueClient.create();
    results.create();
    AzureHandler handler = new AzureHandler(new Chain(), new InMemoryPlatform(), name -> null);
    FakeWorker.Context http = new FakeWorker.Context("start");
    http.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost:7071/api/start", Optional.of("a")),
        http);
    ServiceBusMessage sb = published.get(0);
    assertThat(sb.getApplicationProperties().get("traceparent"))
        .isEqualTo(sb.getApplicationProperties().get("Diagnostic-Id"));
    FakeWorker.Context topicHop = new FakeWorker.Context("fanIn"); // the host's trace: another one
    handler.serviceBusTopic(sb.getBody().toBytes(), sb.getMessageId(), "1",
        new ObjectMapper().valueToTree(sb.getApplicationProperties()).toString(), null, topicHop);
    for (QueueMessageItem item : queueClient.receiveMessages(10, Duration.ofSeconds(30), null, null)) {
      FakeWorker.Context queueHop = new FakeWorker.Context("work");
      queueHop.traceparent = null;
      handler.queue(Base64.getDecoder().decode(item.getBody().toString()), item.getMessageId(), "1", null,
          queueHop);
    }

    // The blob trigger's Metadata binding, as the worker hands it over (a JSON object).
    Map<String, String> metadata = results.getBlobClient("out/a").getProperties().getMetadata();
    handler.blob(new byte[1], new FakeWorker.Context("done"), "BlobTrigger", results.getBlobContainerName() + "/out/a",
        "Metadata", new ObjectMapper().valueToTree(metadata).toString());

    String parent = "00f067aa0ba902b7";
    for (String hop : new String[] {"start", "fanIn", "work:a", "done"}) {
      assertThat(traces.get(hop).traceId()).as(hop).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(traces.get(hop).parentSpanId()).as(hop).contains(parent);
      parent = traces.get(hop).spanId();
    }
    // A queue message without attributes travels as its plain body, so it carries no trace (documented).
    assertThat(traces).doesNotContainKey("work:plain");
    assertThat(results.getBlobClient("out/a").getProperties().getMetadata().get("traceparent"))
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + traces.get("work:a").spanId() + "-01");
  }

  @Test
  void aMalformedTraceInBlobMetadataIsIgnoredAndTheHostsTraceContinued() {
    List<TraceContext> seen = new CopyOnWriteArrayList<>();
    AzureHandler handler = new AzureHandler((f, p) -> f.onObject("done", bucket("photos"),
        (e, c) -> seen.add(c.trace().orElseThrow())), new InMemoryPlatform(), name -> null);
    FakeWorker.Context ctx = new FakeWorker.Context("done");

    handler.blob(new byte[1], ctx, "BlobTrigger", "photos/b.png", "Metadata",
        "{\"traceparent\":\"../../etc/passwd\"}");
    handler.blob(new byte[1], ctx, "BlobTrigger", "photos/c.png", "Metadata", "{\"traceparent\":\"00-zz\"}");

    assertThat(seen).hasSize(2).allSatisfy(t -> {
      assertThat(t.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c"); // FakeWorker's host trace
      assertThat(t.parentSpanId()).contains("b7ad6b7169203331");
    });
  }
}
