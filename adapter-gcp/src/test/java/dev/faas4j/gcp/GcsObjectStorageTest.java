package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.faas4j.local.testkit.contract.ObjectStorageContract;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PutOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The object-storage contract through the real GCS client library against {@link GcsJsonApiFake}, a loopback
 * model of the JSON API (no GCS emulator runs here), plus the exact precondition parameters the client sends.
 */
class GcsObjectStorageTest extends ObjectStorageContract<GcsObjectStorage> {
  private static GcsJsonApiFake fake;
  private static Storage client;

  @BeforeAll
  static void startServer() throws IOException {
    fake = new GcsJsonApiFake();
    client = StorageOptions.newBuilder().setHost(fake.endpoint()).setProjectId("faas4j-test")
        .setCredentials(NoCredentials.getInstance()).setRetrySettings(ServiceOptions.getNoRetrySettings()).build()
        .getService();
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    fake.close();
  }

  @org.junit.jupiter.api.AfterEach
  void serverDidNotFail() {
    assertThat(fake.failures).isEmpty();
  }

  @Override
  protected GcsObjectStorage newSubject() {
    fake.clear();
    return new GcsObjectStorage(client, "test-bucket");
  }

  @Test
  void ifAbsentSendsIfGenerationMatchZeroAndIfMatchTheGeneration() {
    storage.put("k", "one".getBytes(StandardCharsets.UTF_8), PutOptions.defaults().ifAbsent());
    String etag = storage.head("k").orElseThrow().etag();
    storage.put("k", "two".getBytes(StandardCharsets.UTF_8), PutOptions.defaults().ifMatch(etag));

    assertThat(fake.requests).filteredOn(r -> r.startsWith("POST /upload/storage/v1/b/test-bucket/o"))
        .satisfiesExactly(
            first -> assertThat(first).contains("uploadType=multipart").contains("ifGenerationMatch=0"),
            second -> assertThat(second).contains("ifGenerationMatch=" + etag));
  }

  @Test
  void etagThatIsNoGenerationIsAConflict() {
    storage.put("k", new byte[] {1});

    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            storage.put("k", new byte[] {2}, PutOptions.defaults().ifMatch("\"d41d8cd98f00b204\"")))
        .isInstanceOfSatisfying(ObjectStorageException.class,
            e -> assertThat(e.reason()).isEqualTo(dev.faas4j.port.PortException.Reason.CONFLICT));
  }
}
