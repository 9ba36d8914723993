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
    for (String name : names("thumbnail")) {
      assertThat(invoke(handler(name), s3(e -> key(e, "out%2Fcat.jpg")))).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void objectWithAnotherKeySuffixIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("thumbnail")) {
      assertThat(invoke(handler(name), s3(e -> key(e, "in%2Fcat.png")))).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void otherObjectEventKindIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("thumbnail")) {
      JsonNode event = s3(e -> {
        key(e, "in%2Fcat.jpg");
        ((ObjectNode) e.at("/Records/0")).put("eventName", "ObjectRemoved:Delete");
      });
      assertThat(invoke(handler(name), event)).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void otherBucketIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("thumbnail")) {
      JsonNode event = s3(e -> {
        key(e, "in%2Fcat.jpg");
        ((ObjectNode) e.at("/Records/0/s3/bucket")).put("name", "someone-elses-bucket");
      });
      assertThat(invoke(handler(name), event)).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void objectViaEventBridgeOutsideTheFilterIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("thumbnail")) {
      ObjectNode event = tree("s3-eventbridge.json");
      ((ObjectNode) event.at("/detail/object")).put("key", "out/cat.jpg");
      assertThat(invoke(handler(name), event)).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void otherTopicIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("welcome")) {
      ObjectNode event = tree("sns.json");
      ((ObjectNode) event.at("/Records/0/Sns")).put("TopicArn", "arn:aws:sns:us-east-1:123456789012:audit");
      assertThat(invoke(handler(name), event)).as("named %s", name).isNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void otherQueueIsAcknowledgedAndNotRun() throws Exception {
    for (String name : names("orders")) {
      ObjectNode event = tree("sqs.json");
      for (JsonNode r : event.get("Records")) {
        ((ObjectNode) r).put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:acme-prod-refunds");
      }
      JsonNode response = invoke(handler(name), event);
      assertThat(response.get("batchItemFailures").isEmpty()).as("named %s", name).isTrue();
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
    ObjectNode event = tree("s3.json");
    change.accept(event);
    return event;
  }

  private static void key(ObjectNode event, String encodedKey) {
    ((ObjectNode) event.at("/Records/0/s3/object")).put("key", encodedKey);
  }
}
