package dev.faas4j.gcp;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.FunctionApp;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Google Cloud delivers more than a function asked for: a Cloud Storage trigger fires for every object of the
 * bucket, whatever its key (a {@code prefix("in/")} function would otherwise run for what it writes itself). The
 * trigger's filters apply with and without {@code FAAS4J_FUNCTION} (the generated deploy script always sets it):
 * an event outside them is acknowledged (204, or a normal return to the invoker) and the function does not run.
 */
class TriggerFilterTest {
  private static final List<String> RAN = new CopyOnWriteArrayList<>();
  private static final FunctionApp APP = (f, platform) -> {
    f.onObject("resize", bucket("photos").prefix("in/"), (e, ctx) -> RAN.add("resize " + e.key()));
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> RAN.add("welcome " + m.id()));
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> RAN.add("orders " + m.id()));
  };
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
  private static final String DELETED = "google.cloud.storage.object.v1.deleted";
  private static final String PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

  private final List<String> logs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    RAN.clear();
  }

  private GcpAdapter deployment(boolean named, String function) {
    return GcpHttpFunctionTest.adapter(APP, named ? Map.of("FAAS4J_FUNCTION", function) : Map.of(),
        (level, line) -> logs.add(line));
  }

  @ParameterizedTest(name = "named={0}")
  @ValueSource(booleans = {true, false})
  void objectsOutsideThePrefixAreAcknowledgedAndNotRunTheInPrefixObjectRuns(boolean named) throws IOException {
    GcpAdapter deployment = deployment(named, "resize");

    FakeHttp.Response outside = GcpHttpFunctionTest.call(deployment, storage(FINALIZED, "photos", "out/cat.jpg"));
    FakeHttp.Response inside = GcpHttpFunctionTest.call(deployment, storage(FINALIZED, "photos", "in/cat.jpg"));

    assertThat(outside.status).isEqualTo(204);
    assertThat(inside.status).isEqualTo(204);
    assertThat(RAN).containsExactly("resize in/cat.jpg");
    assertThat(logs).filteredOn(l -> l.contains("Event skipped")).singleElement().asString()
        .contains(named ? "function 'resize' is triggered by keys starting with 'in/' only" : "no storage function")
        .doesNotContain("out/cat.jpg");
  }

  /** An event kind the trigger does not take (deleted for a created-only trigger), or another bucket. */
  @ParameterizedTest(name = "{0} {1} named={2}")
  @CsvSource({"deleted, photos, true", "deleted, photos, false", "finalized, other-bucket, true",
      "finalized, other-bucket, false"})
  void anotherObjectEventKindOrBucketIsAcknowledgedAndNotRun(String type, String bucket, boolean named)
      throws IOException {
    FakeHttp.Response response = GcpHttpFunctionTest.call(deployment(named, "resize"),
        storage("google.cloud.storage.object.v1." + type, bucket, "in/cat.jpg"));

    assertThat(response.status).isEqualTo(204);
    assertThat(RAN).isEmpty();
  }

  @ParameterizedTest(name = "{0} named={3}")
  @CsvSource({"welcome, user-created, billing, true", "welcome, user-created, billing, false",
      "orders, orders, payments, true", "orders, orders, payments, false"})
  void aMessageOnAnotherTopicOrQueueIsAcknowledgedAndNotRun(String function, String own, String other, boolean named)
      throws IOException {
    GcpAdapter deployment = deployment(named, function);

    FakeHttp.Response others = GcpHttpFunctionTest.call(deployment, published("m-1", other));
    FakeHttp.Response owns = GcpHttpFunctionTest.call(deployment, published("m-2", own));

    assertThat(others.status).isEqualTo(204);
    assertThat(owns.status).isEqualTo(204);
    assertThat(RAN).containsExactly(function + " m-2");
  }

  @ParameterizedTest(name = "named={0}")
  @ValueSource(booleans = {true, false})
  void theCloudEventTargetSkipsEventsOutsideTheFiltersWithoutFailing(boolean named) {
    GcpEventFunction function = new GcpEventFunction(deployment(named, "resize"));

    function.accept(event("e-1", FINALIZED, "photos", "out/cat.jpg"));
    function.accept(event("e-2", DELETED, "photos", "in/cat.jpg"));
    function.accept(event("e-3", FINALIZED, "other-bucket", "in/cat.jpg"));
    function.accept(event("e-4", FINALIZED, "photos", "in/cat.jpg"));

    assertThat(RAN).containsExactly("resize in/cat.jpg");
    assertThat(logs).filteredOn(l -> l.contains("Event skipped")).hasSize(3);
  }

  @Test
  void theCloudEventTargetRejectsBadInputOnceThroughTheRejectionPathAndThrowsForTheInvoker() {
    GcpEventFunction function = new GcpEventFunction(deployment(true, "resize"));

    assertThatThrownBy(() -> function.accept(FakeCloudEvent.of("e-bad", FINALIZED,
        "//storage.googleapis.com/projects/_/buckets/photos", "objects/x", "{\"bucket\": \"photos\", \"size\": \"many\"}")))
        .isInstanceOfSatisfying(FunctionFailedException.class, e -> {
          assertThat(e.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
          assertThat(e.getMessage()).contains("resize", "data.size must be").doesNotContain("many");
          assertThat(e.getCause()).isNull();
        });
    assertThat(logs).filteredOn(l -> l.contains("Event rejected")).singleElement().asString()
        .contains("\"invocationId\":\"e-bad\"", "\"itemId\":\"e-bad\"", "\"function\":\"resize\"",
            "data.size must be");
    assertThat(logs).hasSize(1);
    assertThat(RAN).isEmpty();
  }

  private static FakeCloudEvent event(String id, String type, String bucket, String key) {
    return FakeCloudEvent.of(id, type, "//storage.googleapis.com/projects/_/buckets/" + bucket, "objects/" + key,
        objectData(bucket, key));
  }

  static FakeHttp.Request storage(String type, String bucket, String key) {
    return GcpHttpFunctionTest.binaryCe(type, "//storage.googleapis.com/projects/_/buckets/" + bucket)
        .header("ce-subject", "objects/" + key).json(objectData(bucket, key));
  }

  private static String objectData(String bucket, String key) {
    return "{\"bucket\": \"" + bucket + "\", \"name\": \"" + key + "\", \"size\": \"10\", \"generation\": \"1\"}";
  }

  /** A messagePublished CloudEvent as Eventarc sends it for a topic (it names the topic, unlike a push envelope). */
  private static FakeHttp.Request published(String id, String topic) {
    return GcpHttpFunctionTest.binaryCe(PUBLISHED, "//pubsub.googleapis.com/projects/my-project/topics/" + topic)
        .json("{\"subscription\": \"projects/my-project/subscriptions/eventarc-sub\", \"message\": {\"data\": "
            + "\"aGk=\", \"messageId\": \"" + id + "\"}}");
  }
}
