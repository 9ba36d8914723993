package dev.faas4j.gcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.faas4j.local.testkit.contract.KeyValueStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The key-value contract against the Firestore emulator of the Google Cloud CLI: preconditions, create-if-absent,
 * ordered range queries and the 16-writer races run on Firestore's own server code. Skipped where the emulator is
 * not installed.
 */
class FirestoreKeyValueStoreEmulatorTest extends KeyValueStoreContract<FirestoreKeyValueStore> {
  static final Path LAUNCHER =
      Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator");
  private static Emulator emulator;
  private static Firestore firestore;
  private static final AtomicInteger TABLES = new AtomicInteger();

  @BeforeAll
  static void startEmulator() throws Exception {
    assumeTrue(Emulator.available(LAUNCHER), "the Firestore emulator is not installed here");
    emulator = Emulator.start(List.of(LAUNCHER.toString(), "start", "--host=127.0.0.1", "--port={port}"));
    firestore = FirestoreOptions.newBuilder().setProjectId("faas4j-test").setHost(emulator.hostPort())
        .setChannelProvider(InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(emulator.hostPort())
            .setChannelConfigurator(b -> b.usePlaintext()).build())
        .setCredentials(new FirestoreOptions.EmulatorCredentials()).build().getService();
  }

  @AfterAll
  static void stopEmulator() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected FirestoreKeyValueStore newSubject() {
    return new FirestoreKeyValueStore(firestore, "table" + TABLES.incrementAndGet(), Clock.systemUTC());
  }
}
