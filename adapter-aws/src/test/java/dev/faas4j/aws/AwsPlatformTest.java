package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException;

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

  /** With the SDK there, the ports are its implementations: they check their input before any client is built. */
  @Test
  void withTheSdkOnTheClassPathEachPortIsItsSdkImplementation() {
    assertThat(catchThrowableOfType(ObjectStorageException.class, () -> platform.objectStorage("raw-images").get("")))
        .returns(PortException.Reason.INVALID_ARGUMENT, PortException::reason);
    assertThat(catchThrowableOfType(KeyValueStoreException.class, () -> platform.keyValueStore("users").get("")))
        .returns(PortException.Reason.INVALID_ARGUMENT, PortException::reason);
    assertThat(catchThrowableOfType(MessagePublisherException.class, () -> platform.messagePublisher("user-created")
        .publish(OutgoingMessage.of(new byte[1]).delay(java.time.Duration.ofSeconds(5)))))
        .returns(PortException.Reason.INVALID_ARGUMENT, PortException::reason);
  }

  /** A packaged function without an SDK module: declaring its port costs nothing, using it says what to add. */
  @Test
  void aPortWhoseSdkIsAbsentFailsEveryOperationWithItsTypedExceptionNamingTheArtifacts() {
    AwsPlatform noSdk = new AwsPlatform(env::get, Clock.systemUTC(), new ClassLoader(null) { });
    var bucket = noSdk.objectStorage("raw-images");
    var queue = noSdk.messageQueue("orders");
    var topic = noSdk.messagePublisher("user-created");
    var table = noSdk.keyValueStore("users");
    assertThat(bucket.bucket()).isEqualTo("raw-images");
    assertThat(table.table()).isEqualTo("users");
    assertThat(noSdk.objectStorage("raw-images")).isSameAs(bucket);

    assertMissing(catchThrowableOfType(ObjectStorageException.class, () -> bucket.get("a.txt")),
        "S3 bucket 'raw-images'", "software.amazon.awssdk:s3");
    assertMissing(catchThrowableOfType(ObjectStorageException.class, () -> bucket.put("a.txt", new byte[1])),
        "S3 bucket", "software.amazon.awssdk:s3");
    assertMissing(catchThrowableOfType(MessageQueueException.class, () -> queue.send(OutgoingMessage.of(new byte[1]))),
        "SQS queue 'orders'", "software.amazon.awssdk:sqs");
    assertMissing(catchThrowableOfType(MessagePublisherException.class,
        () -> topic.publish(OutgoingMessage.of(new byte[1]))), "SNS topic 'user-created'",
        "software.amazon.awssdk:sns");
    assertMissing(catchThrowableOfType(KeyValueStoreException.class, () -> table.delete("k")),
        "DynamoDB table 'users'", "software.amazon.awssdk:dynamodb");
    // logging such a port, or keeping it in a set, works
    var missing = MissingSdk.port(dev.faas4j.port.ObjectStorage.class, "S3 bucket", "raw-images", "s3");
    assertThat(missing).hasToString("ObjectStorage[raw-images, refused]").isEqualTo(missing)
        .isNotEqualTo(MissingSdk.port(dev.faas4j.port.ObjectStorage.class, "S3 bucket", "raw-images", "s3"))
        .hasSameHashCodeAs(missing);
  }

  private static void assertMissing(PortException e, String port, String artifact) {
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(PortException.Reason.UNKNOWN);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains(port, artifact, "software.amazon.awssdk:url-connection-client");
  }
}
