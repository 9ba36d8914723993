package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.invoke;
import static dev.faas4j.aws.Fixtures.tree;
import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.Event;
import dev.faas4j.event.ObjectEventKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Lambda delivers more than a function asked for (bucket-wide notifications, account-level subscriptions, a mapping
 * left on another queue): an event outside the trigger's filter is acknowledged and the function does not run,
 * whether the deployment names the function ({@code FAAS4J_FUNCTION}) or not.
 */
class LambdaHandlerFilterTest {
  private final List<Event> ran = new CopyOnWriteArrayList<>();
  private final FunctionApp app = (f, platform) -> {
    f.onObject("thumbnail", bucket("raw-images").prefix("in/").suffix(".jpg").on(ObjectEventKind.CREATED),
        (e, ctx) -> ran.add(e));
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> ran.add(m));
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> ran.add(m));
  };

  @Test
  void objectInsideTheFilterRuns() throws Exception {
    for (String name : names("thumbnail")) {
      assertThat(invoke(handler(name), s3(e -> key(e, "in%2Fcat.jpg")))).isNull();
    }
    assertThat(ran).hasSize(2);
  }

  @Test
  void objectWithAnotherKeyPrefixIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("thumbnail", () -> s3(e -> key(e, "out%2Fcat.jpg")));
  }

  @Test
  void objectWithAnotherKeySuffixIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("thumbnail", () -> s3(e -> key(e, "in%2Fcat.png")));
  }

  @Test
  void otherObjectEventKindIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("thumbnail", () -> s3(e -> {
      key(e, "in%2Fcat.jpg");
      ((ObjectNode) e.at("/Records/0")).put("eventName", "ObjectRemoved:Delete");
    }));
  }

  @Test
  void otherBucketIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("thumbnail", () -> s3(e -> {
      key(e, "in%2Fcat.jpg");
      ((ObjectNode) e.at("/Records/0/s3/bucket")).put("name", "someone-elses-bucket");
    }));
  }

  @Test
  void objectViaEventBridgeOutsideTheFilterIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("thumbnail",
        () -> fixture("s3-eventbridge.json", e -> ((ObjectNode) e.at("/detail/object")).put("key", "out/cat.jpg")));
  }

  @Test
  void otherTopicIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("welcome", () -> fixture("sns.json",
        e -> ((ObjectNode) e.at("/Records/0/Sns")).put("TopicArn", "arn:aws:sns:us-east-1:123456789012:audit")));
  }

  @Test
  void otherQueueIsAcknowledgedAndNotRun() throws Exception {
    assertAcknowledgedAndNotRun("orders", () -> fixture("sqs.json", e -> e.get("Records").forEach(
        r -> ((ObjectNode) r).put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:acme-prod-refunds"))));
  }

  /**
   * Lambda's success signal, unnamed and named: no response (SNS, S3, EventBridge) or no batch item failures (SQS);
   * and nothing ran.
   */
  private void assertAcknowledgedAndNotRun(String function, Supplier<JsonNode> event) throws Exception {
    for (String name : names(function)) {
      JsonNode response = invoke(handler(name), event.get());
      if (response != null) {
        assertThat(response.get("batchItemFailures").isEmpty()).as("named %s", name).isTrue();
      }
    }
    assertThat(ran).isEmpty();
  }

  private LambdaHandler handler(@Nullable String function) {
    Map<String, String> env = new HashMap<>();
    if (function != null) {
      env.put("FAAS4J_FUNCTION", function);
    }
    return Fixtures.handler(app, env);
  }

  /** Unnamed, then named. */
  private static List<String> names(String function) {
    return new ArrayList<>(Arrays.asList(null, function));
  }

  private static JsonNode s3(Consumer<ObjectNode> change) {
    return fixture("s3.json", change);
  }

  private static JsonNode fixture(String name, Consumer<ObjectNode> change) {
    ObjectNode event = tree(name);
    change.accept(event);
    return event;
  }

  private static void key(ObjectNode event, String encodedKey) {
    ((ObjectNode) event.at("/Records/0/s3/object")).put("key", encodedKey);
  }
}
