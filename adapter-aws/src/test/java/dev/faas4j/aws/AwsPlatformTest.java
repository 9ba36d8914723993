package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsPlatformTest {
  private final Map<String, String> env = Map.of(
      "FAAS4J_BUCKET_RAW_IMAGES", "acme-prod-raw-images",
      "FAAS4J_QUEUE_ORDERS", "https://sqs.eu-west-1.amazonaws.com/123456789012/acme-orders",
      "FAAS4J_TOPIC_USER_CREATED", "arn:aws:sns:eu-west-1:123456789012:acme-user-created",
      "FAAS4J_TABLE_USERS", "acme-users");
  private final AwsPlatform platform = new AwsPlatform(env::get, Clock.systemUTC());

  @Test
  void logicalNamesResolveThroughTheSettings() {
    assertThat(platform.name()).isEqualTo("aws-lambda");
    assertThat(platform.objectStorage("raw-images").bucket()).isEqualTo("acme-prod-raw-images");
    assertThat(platform.keyValueStore("users").table()).isEqualTo("acme-users");
    assertThat(platform.objectStorage("other").bucket()).isEqualTo("other");
  }

  @Test
  void queueUrlAndTopicArnSettingsAreUsedWithoutALookup() {
    SqsMessageQueue orders = (SqsMessageQueue) platform.messageQueue("orders");
    SnsMessagePublisher topic = (SnsMessagePublisher) platform.messagePublisher("user-created");

    // no client is built for these: the settings already are the URL and the ARN
    assertThat(orders.queueUrl()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/acme-orders");
    assertThat(orders.queue()).isEqualTo("orders");
    assertThat(topic.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:acme-user-created");
  }

  @Test
  void portsAreCreatedOncePerName() {
    assertThat(platform.objectStorage("raw-images")).isSameAs(platform.objectStorage("raw-images"));
    assertThat(platform.messageQueue("orders")).isSameAs(platform.messageQueue("orders"));
    assertThat(platform.config("FAAS4J_TABLE_USERS")).contains("acme-users");
  }
}
