package dev.faas4j.aws;

import dev.faas4j.local.testkit.ListeningSockets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.testkit.contract.ObjectStorageContract;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ObjectStorage contract against Adobe S3Mock, started once for the class as its own JVM. Its plain-HTTP port
 * listens on every interface whatever the bind address says, so it is a random port and the server lives only as
 * long as this class.
 */
class S3ObjectStorageTest extends ObjectStorageContract<S3ObjectStorage> {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static Process s3mock;
  private static int httpPort;
  private static int httpsPort;
  private static S3Client client;

  @BeforeAll
  static void startS3Mock() throws Exception {
    httpPort = Emulators.freePort();
    httpsPort = Emulators.freePort();
    Path root = Path.of(System.getProperty("faas4j.emulators.dir")).resolveSibling("s3mock-data")
        .resolve("run-" + ProcessHandle.current().pid());
    s3mock = Emulators.startS3Mock(httpPort, httpsPort, root);
    client = Emulators.s3(httpPort);
  }

  @Test
  void s3MockListensOnLoopbackOnly() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs Linux /proc/net/tcp");
    for (int port : new int[] {httpPort, httpsPort}) {
      assertThat(ListeningSockets.on(port)).as("port %d", port).isNotEmpty()
          .allSatisfy(address -> assertThat(address.isLoopbackAddress()).as(address.toString()).isTrue());
    }
  }

  @AfterAll
  static void stopS3Mock() throws Exception {
    if (client != null) {
      client.close();
    }
    Emulators.stop(s3mock);
  }

  /**
   * S3Mock checks If-None-Match / If-Match and then writes without holding a lock, so under load several racing
   * writers can all win (seen in full builds on a busy machine); S3 evaluates the condition atomically. The
   * adapter's part — sending the header and mapping 412 to CONFLICT — is still covered by the sequential cases.
   */
  @Override
  protected boolean serializesConcurrentConditionalWrites() {
    return false;
  }

  @Override
  protected S3ObjectStorage newSubject() {
    String bucket = "bucket-" + BUCKETS.incrementAndGet();
    client.createBucket(b -> b.bucket(bucket));
    return new S3ObjectStorage(client, bucket);
  }

  @Test
  void missingBucketIsNotFound() {
    S3ObjectStorage missing = new S3ObjectStorage(client, "no-such-bucket");

    assertThatThrownBy(() -> missing.get("k")).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void keyDecodedFromAnS3NotificationIsStillCheckedByThePort() {
    String decoded = dev.faas4j.spi.Wire.formDecode("..%2F..%2Fetc%2Fpasswd", "key");

    assertThatThrownBy(() -> storage.put(decoded, "x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ObjectStorageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }
}
