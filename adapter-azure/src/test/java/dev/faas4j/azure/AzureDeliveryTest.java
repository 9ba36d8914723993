package dev.faas4j.azure;

import static dev.faas4j.trigger.Triggers.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.FunctionApp;
import dev.faas4j.RetryableException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionFailedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Blob events through the real entry methods of one {@link AzureHandler}: the bucket comes from the event, the
 * dispatcher's trigger filters decide what runs, and a batch answers with the shared aggregate rule.
 */
class AzureDeliveryTest {
  private final List<ObjectEvent> uploads = new CopyOnWriteArrayList<>();
  private final List<ObjectEvent> flaky = new CopyOnWriteArrayList<>();

  private final FunctionApp app = (f, platform) -> {
    f.onObject("uploads", bucket("uploads"), (e, ctx) -> uploads.add(e));
    f.onObject("flaky", bucket("flaky"), (e, ctx) -> {
      flaky.add(e);
      throw new RetryableException("backend busy");
    });
    f.onObject("broken", bucket("broken"), (e, ctx) -> {
      throw new IllegalStateException("bug");
    });
  };

  private AzureHandler handler(Map<String, String> settings) {
    Function<String, String> config = settings::get;
    return new AzureHandler(app, new InMemoryPlatform(), config);
  }

  private final AzureHandler handler = handler(Map.of());

  /** An Event Grid BlobCreated event for {@code container/name}, as the subject names it. */
  private static String created(String id, String container, String name) {
    return "{\"id\":\"" + id + "\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"eventTime\":"
        + "\"2024-01-01T00:00:00Z\",\"subject\":\"/blobServices/default/containers/" + container + "/blobs/" + name
        + "\",\"data\":{\"url\":\"https://acct.blob.core.windows.net/" + container + "/" + name + "\"}}";
  }

  @Test
  void eventGridEventForAnotherContainerIsAcknowledgedAndNotRunEvenByTheNamedFunction() {
    FakeWorker.Context ctx = new FakeWorker.Context("uploads");
    handler.eventGrid(created("e-1", "other", "secret.txt"), ctx); // no exception: acknowledged

    assertThat(uploads).isEmpty();
    assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("Event skipped")
        .contains("bucket 'uploads', not 'other'").contains(ctx.invocationId));
  }

  @Test
  void eventGridEventForAnotherContainerIsSkippedWithoutAFunctionName() {
    // An Azure function that is not a faas4j function (one trigger for an account-level subscription)
    handler.eventGrid(created("e-2", "other", "secret.txt"), new FakeWorker.Context("allBlobEvents"));
    assertThat(uploads).isEmpty();

    handler.eventGrid(created("e-3", "uploads", "cat.png"), new FakeWorker.Context("allBlobEvents"));
    assertThat(uploads).singleElement().satisfies(e -> {
      assertThat(e.bucket()).isEqualTo("uploads");
      assertThat(e.key()).isEqualTo("cat.png");
    });
  }

  @Test
  void withoutASubjectTheContainerComesFromTheUrl() {
    handler.eventGrid("{\"id\":\"e-4\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{\"url\":"
        + "\"https://acct.blob.core.windows.net/other/secret.txt\"}}", new FakeWorker.Context("uploads"));
    assertThat(uploads).isEmpty();

    handler.eventGrid("{\"id\":\"e-5\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{\"url\":"
        + "\"https://acct.blob.core.windows.net/uploads/a%20b.txt\"}}", new FakeWorker.Context("uploads"));
    assertThat(uploads).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("a b.txt"));
  }

  @Test
  void eventKindsTheTriggerDoesNotTakeAreAcknowledgedAndNotRun() {
    handler.eventGrid(created("e-6", "uploads", "gone.txt").replace("BlobCreated", "BlobDeleted"),
        new FakeWorker.Context("uploads"));
    assertThat(uploads).isEmpty();
  }

  @Test
  void thePhysicalContainerMapsBackToTheLogicalBucket() {
    AzureHandler mapped = handler(Map.of("FAAS4J_BUCKET_UPLOADS", "prod-uploads"));
    mapped.eventGrid(created("e-7", "prod-uploads", "x.txt"), new FakeWorker.Context("uploads"));
    mapped.blob(new byte[3], "prod-uploads/y.txt", null, new FakeWorker.Context("uploads"));

    assertThat(uploads).extracting(ObjectEvent::bucket).containsExactly("uploads", "uploads");
    assertThat(uploads).extracting(ObjectEvent::key).containsExactly("x.txt", "y.txt");
  }

  @Test
  void blobTriggerTakesTheContainerFromItsMetadata() {
    handler.blob(new byte[1], "other/secret.txt", null, new FakeWorker.Context("uploads"));
    handler.blob(new byte[1], "other/secret.txt", null, new FakeWorker.Context("allBlobs"));
    assertThat(uploads).isEmpty();

    handler.blob(new byte[1], "uploads/cat.png", null, new FakeWorker.Context("allBlobs"));
    assertThat(uploads).extracting(ObjectEvent::bucket).containsExactly("uploads");
  }

  @Test
  void webhookBatchForAnotherContainerIsAcknowledgedWithoutARun() {
    HttpResponseMessage response = webhook("[" + created("w-1", "other", "secret.txt") + "]", "uploads");

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(uploads).isEmpty();
  }

  @Test
  void aRetryableFailureWinsOverABadEventSoEventGridRedeliversTheBatch() {
    String bad = "{\"id\":\"w-bad\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{}}";
    FakeWorker.Context ctx = new FakeWorker.Context("blobEvents");
    HttpResponseMessage response = webhook("[" + bad + "," + created("w-2", "flaky", "a.txt") + ","
        + created("w-3", "uploads", "b.txt") + "]", ctx);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(flaky).hasSize(1);
    assertThat(uploads).hasSize(1); // each event went to its own function
    // the bad event was rejected alone, logged once with the shared fields
    assertThat(ctx.lines()).filteredOn(line -> line.contains("Event rejected")).singleElement()
        .satisfies(line -> assertThat(line).contains("\"itemId\":\"w-bad\"").contains(ctx.invocationId)
            .contains("\"error\":{\"type\":\"dev.faas4j.event.InvalidEventException\""));
  }

  @Test
  void webhookEventsShareTheBatchAsTheirPayloadWithTheRequestHeaders() {
    String body = "[" + created("w-7", "uploads", "a.txt") + "," + created("w-8", "uploads", "b.txt") + "]";
    HttpResponseMessage response = handler.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/events", Optional.of(body), "Content-Type", "application/json", "aeg-event-type",
        "Notification"), new FakeWorker.Context("blobEvents"));

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(uploads).hasSize(2).allSatisfy(e -> {
      assertThat(e.origin().payload()).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(e.origin().headers().first("aeg-event-type")).contains("Notification");
    });
  }

  @Test
  void aServerErrorWinsOverEverythingElse() {
    HttpResponseMessage response = webhook("[" + created("w-4", "flaky", "a.txt") + ","
        + created("w-5", "broken", "b.txt") + "]", "blobEvents");
    assertThat(response.getStatusCode()).isEqualTo(500);
  }

  @Test
  void aBadEventAloneIsABadRequestThatEventGridDoesNotRedeliver() {
    HttpResponseMessage response = webhook("[{\"id\":\"w-6\",\"eventType\":\"Contoso.Custom\",\"data\":{}}]",
        "blobEvents");
    assertThat(response.getStatusCode()).isEqualTo(400);
  }

  @Test
  void failedEventsAreThrownWithTheSharedException() {
    assertThatThrownBy(() -> handler.eventGrid(created("e-8", "flaky", "a.txt"), new FakeWorker.Context("flaky")))
        .isInstanceOf(FunctionFailedException.class).hasMessageContaining("RETRYABLE_ERROR")
        .satisfies(e -> assertThat(((FunctionFailedException) e).status().name()).isEqualTo("RETRYABLE_ERROR"));
  }

  private HttpResponseMessage webhook(String body, String function) {
    return webhook(body, new FakeWorker.Context(function));
  }

  private HttpResponseMessage webhook(String body, FakeWorker.Context ctx) {
    return handler.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/events",
        Optional.of(body), "Content-Type", "application/json"), ctx);
  }
}
