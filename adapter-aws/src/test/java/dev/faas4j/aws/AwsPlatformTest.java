package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsPlatformTest {
  private final Map<String, String> env = Map.of(
      "FAAS4J_BUCKET_RAW_IMAGES", "acme-prod-raw-images",
      "FAAS4J_QUEUE_ORDERS", "https://sqs.eu-west-1.amazonaws.com/123456789012/acme-orders",
      "FAAS4J_TOPIC_USER_CREATED", "arn:aws:sns:eu-west-1:123456789012:acme-user-created",
      "FAAS4J_TABLE_USERS", "acme-users");
  private final AwsPlatform platform = new AwsPlatform(env::get, Clock.systemUTC());

  @Test
  void portsAnswerWithTheLogicalNamesTheAppUses() {
    assertThat(platform.name()).isEqualTo("aws-lambda");
    // as on every cloud (spi.PortCache); the settings name the physical resources the ports' clients address
    assertThat(platform.objectStorage("raw-images").bucket()).isEqualTo("raw-images");
    assertThat(platform.keyValueStore("users").table()).isEqualTo("users");
    assertThat(platform.messageQueue("orders").queue()).isEqualTo("orders");
    assertThat(platform.messagePublisher("user-created").topic()).isEqualTo("user-created");
  }

  @Test
  void queueUrlAndTopicArnSettingsAreUsedWithoutALookup() {
    Supplier<SqsClient> noSqs = () -> {
      throw new AssertionError("no SQS client is needed");
    };
    Supplier<SnsClient> noSns = () -> {
      throw new AssertionError("no SNS client is needed");
    };
    SqsMessageQueue orders = new SqsMessageQueue(noSqs, "orders", env.get("FAAS4J_QUEUE_ORDERS"));
    SnsMessagePublisher topic = new SnsMessagePublisher(noSns, "user-created", env.get("FAAS4J_TOPIC_USER_CREATED"));

    assertThat(orders.queueUrl()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/acme-orders");
    assertThat(topic.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:acme-user-created");
  }

  @Test
  void portsAreCreatedOncePerName() {
    assertThat(platform.objectStorage("raw-images")).isSameAs(platform.objectStorage("raw-images"));
    assertThat(platform.messageQueue("orders")).isSameAs(platform.messageQueue("orders"));
    assertThat(platform.config("FAAS4J_TABLE_USERS")).contains("acme-users");
  }
}
