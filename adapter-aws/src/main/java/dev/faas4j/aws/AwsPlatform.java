package dev.faas4j.aws;

import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.Lazy;
import dev.faas4j.spi.PortCache;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The ports on AWS: S3 buckets, SQS queues, SNS topics and DynamoDB tables. Logical names map to physical ones
 * through {@code FAAS4J_BUCKET_<NAME>}, {@code FAAS4J_QUEUE_<NAME>} (a name or a queue URL),
 * {@code FAAS4J_TOPIC_<NAME>} (a topic ARN, or a name looked up once) and {@code FAAS4J_TABLE_<NAME>}. Ports
 * ({@link PortCache}) and SDK clients are created on first use and shared by every invocation of the instance, so
 * declaring a port in {@code configure} costs nothing at start-up. {@code FAAS4J_S3_PATH_STYLE=true} selects path-style S3 addressing
 * (S3-compatible endpoints).
 *
 * <p>The SDK modules are optional dependencies of this adapter: add {@code software.amazon.awssdk:s3} (sqs, sns,
 * dynamodb) and {@code url-connection-client} for the ports you use.
 */
public final class AwsPlatform implements Platform {
  private final Function<String, String> config;
  private final Clock clock;
  private final PortCache ports;
  private final boolean pathStyle;
  // Typed Object so that creating the platform resolves no SDK type: a function without AWS ports has no SDK jar.
  private final Lazy<Object> s3 = Lazy.of(this::newS3);
  // Not AwsClients::sqs: binding a method reference resolves its return type, an SDK class.
  private final Lazy<Object> sqs = Lazy.of(this::newSqs);
  private final Lazy<Object> sns = Lazy.of(this::newSns);
  private final Lazy<Object> dynamoDb = Lazy.of(this::newDynamoDb);

  public AwsPlatform(Function<String, String> config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.ports = new PortCache(config);
    this.pathStyle = "true".equalsIgnoreCase(String.valueOf(config.apply("FAAS4J_S3_PATH_STYLE")).trim());
  }

  /** Settings from the process environment, the system clock. */
  public static AwsPlatform fromEnvironment() {
    return new AwsPlatform(System::getenv, Clock.systemUTC());
  }

  @Override
  public String name() {
    return "aws-lambda";
  }

  @Override
  public ObjectStorage objectStorage(String bucket) {
    return ports.objectStorage(bucket, (logical, physical) ->
        new S3ObjectStorage(() -> (S3Client) s3.get(), physical, clock));
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    return ports.messageQueue(queue, (logical, physical) ->
        new SqsMessageQueue(() -> (SqsClient) sqs.get(), logical, physical));
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    return ports.messagePublisher(topic, (logical, physical) ->
        new SnsMessagePublisher(() -> (SnsClient) sns.get(), logical, physical));
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    return ports.keyValueStore(table, (logical, physical) ->
        new DynamoDbKeyValueStore(() -> (DynamoDbClient) dynamoDb.get(), physical, clock));
  }

  private Object newS3() {
    return AwsClients.s3(pathStyle);
  }

  private Object newSqs() {
    return AwsClients.sqs();
  }

  private Object newSns() {
    return AwsClients.sns();
  }

  private Object newDynamoDb() {
    return AwsClients.dynamoDb();
  }

  @Override
  public Optional<String> config(String key) {
    return Optional.ofNullable(config.apply(key));
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
