package dev.faas4j.aws;

import dev.faas4j.spi.FunctionHost;
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
import java.util.function.Supplier;
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
 * dynamodb) and {@code url-connection-client} for the ports you use. A port whose SDK module is missing is still
 * declared at no cost; each of its operations fails with the port's {@code PortException} naming what to add.
 */
public final class AwsPlatform implements Platform {
  private final Function<String, String> config;
  private final Clock clock;
  private final PortCache ports;
  private final boolean pathStyle;
  private final ClassLoader sdkLoader;
  /** Per {@link NewClient} kind: 0 not checked yet, 1 its SDK is there, 2 it is not (a benign race: same answer). */
  private final byte[] sdk = new byte[4];
  // Typed Object so that creating the platform resolves no SDK type: a function without AWS ports has no SDK jar.
  // Made by a class rather than method references: each reference's call site would be linked at every cold start.
  private final Lazy<Object> s3 = Lazy.of(new NewClient(this, NewClient.S3));
  private final Lazy<Object> sqs = Lazy.of(new NewClient(this, NewClient.SQS));
  private final Lazy<Object> sns = Lazy.of(new NewClient(this, NewClient.SNS));
  private final Lazy<Object> dynamoDb = Lazy.of(new NewClient(this, NewClient.DYNAMODB));

  public AwsPlatform(Function<String, String> config, Clock clock) {
    this(config, clock, AwsPlatform.class.getClassLoader());
  }

  /** Like {@link #AwsPlatform(Function, Clock)}, looking for the SDK modules in {@code sdkLoader} (tests). */
  AwsPlatform(Function<String, String> config, Clock clock, ClassLoader sdkLoader) {
    this.sdkLoader = sdkLoader;
    this.config = config;
    this.clock = clock;
    this.ports = new PortCache(config);
    this.pathStyle = "true".equalsIgnoreCase(String.valueOf(config.apply("FAAS4J_S3_PATH_STYLE")).trim());
  }

  /** Settings from the process environment, the system clock. */
  public static AwsPlatform fromEnvironment() {
    return new AwsPlatform(FunctionHost.ENVIRONMENT, Clock.systemUTC());
  }

  @Override
  public String name() {
    return "aws-lambda";
  }

  // Each port's class is named only once its SDK client is known to be there: a packaged function without that SDK
  // module ships no such class (META-INF/faas4j/requires.properties), and gets a port that says what to add.
  @Override
  public ObjectStorage objectStorage(String bucket) {
    return ports.objectStorage(bucket, (logical, physical) -> hasSdk(NewClient.S3,
        "software.amazon.awssdk.services.s3.S3Client")
        ? new S3ObjectStorage(() -> (S3Client) s3.get(), physical, clock)
        : MissingSdk.port(ObjectStorage.class, "S3 bucket", logical, "s3"));
  }

  @Override
  public MessageQueue messageQueue(String queue) {
    return ports.messageQueue(queue, (logical, physical) -> hasSdk(NewClient.SQS,
        "software.amazon.awssdk.services.sqs.SqsClient")
        ? new SqsMessageQueue(() -> (SqsClient) sqs.get(), logical, physical)
        : MissingSdk.port(MessageQueue.class, "SQS queue", logical, "sqs"));
  }

  @Override
  public MessagePublisher messagePublisher(String topic) {
    return ports.messagePublisher(topic, (logical, physical) -> hasSdk(NewClient.SNS,
        "software.amazon.awssdk.services.sns.SnsClient")
        ? new SnsMessagePublisher(() -> (SnsClient) sns.get(), logical, physical)
        : MissingSdk.port(MessagePublisher.class, "SNS topic", logical, "sns"));
  }

  @Override
  public KeyValueStore keyValueStore(String table) {
    return ports.keyValueStore(table, (logical, physical) -> hasSdk(NewClient.DYNAMODB,
        "software.amazon.awssdk.services.dynamodb.DynamoDbClient")
        ? new DynamoDbKeyValueStore(() -> (DynamoDbClient) dynamoDb.get(), physical, clock)
        : MissingSdk.port(KeyValueStore.class, "DynamoDB table", logical, "dynamodb"));
  }

  /**
   * Whether {@code client} and the HTTP client {@link AwsClients} builds it with are on the class path: looked up as
   * class files (the slimmer's test too), so a declared port loads no SDK class at start-up.
   */
  private boolean hasSdk(int kind, String client) {
    if (sdk[kind] == 0) {
      boolean both = present(client) && present("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
      sdk[kind] = (byte) (both ? 1 : 2);
    }
    return sdk[kind] == 1;
  }

  private boolean present(String className) {
    return sdkLoader.getResource(className.replace('.', '/') + ".class") != null;
  }

  /** Builds one SDK client on first use (not {@code AwsClients::sqs}: binding that resolves an SDK type). */
  private static final class NewClient implements Supplier<Object> {
    static final int S3 = 0;
    static final int SQS = 1;
    static final int SNS = 2;
    static final int DYNAMODB = 3;
    private final AwsPlatform platform;
    private final int client;

    NewClient(AwsPlatform platform, int client) {
      this.platform = platform;
      this.client = client;
    }

    @Override
    public Object get() {
      return switch (client) {
        case S3 -> AwsClients.s3(platform.pathStyle);
        case SQS -> AwsClients.sqs();
        case SNS -> AwsClients.sns();
        default -> AwsClients.dynamoDb();
      };
    }
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
