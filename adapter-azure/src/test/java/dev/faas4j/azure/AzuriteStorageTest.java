package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import dev.faas4j.idempotency.Idempotency;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.contract.KeyValueStoreContract;
import dev.faas4j.local.testkit.contract.MessageQueueContract;
import dev.faas4j.local.testkit.contract.ObjectStorageContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import dev.faas4j.QueueFunction;
import dev.faas4j.event.QueueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Blob, Queue and Table ports against Azurite (one server for the class), held to the shared contracts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzuriteStorageTest {
  private static Azurite azurite;

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() {
    if (azurite != null) {
      azurite.close();
    }
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  static BlobContainerClient container() {
    BlobContainerClient c = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
        .httpClient(AzureClients.httpClient()).buildClient().getBlobContainerClient(unique("c"));
    c.create();
    return c;
  }

  static TableClient table() {
    return new TableServiceClientBuilder().connectionString(azurite.connectionString())
        .httpClient(AzureClients.httpClient()).buildClient().createTable(unique("t"));
  }

  @Nested
  class BlobContract extends ObjectStorageContract<BlobObjectStorage> {
    @Override
    protected BlobObjectStorage newSubject() {
      return new BlobObjectStorage(container());
    }
  }

  @Nested
  class QueueContract extends MessageQueueContract<QueueStorageMessageQueue> {
    private BlobContainerClient overflow;

    @Override
    protected QueueStorageMessageQueue newSubject() {
      QueueClient q = new QueueServiceClientBuilder().connectionString(azurite.connectionString())
          .httpClient(AzureClients.httpClient()).buildClient().getQueueClient(unique("q"));
      q.create();
      overflow = container();
      return new QueueStorageMessageQueue(q, overflow);
    }

    @Override
    protected List<ReceivedMessage> receive(QueueStorageMessageQueue subject, int max) {
      QueueClient q = new QueueServiceClientBuilder().connectionString(azurite.connectionString())
          .httpClient(AzureClients.httpClient()).buildClient().getQueueClient(subject.queue());
      List<ReceivedMessage> out = new ArrayList<>();
      for (QueueMessageItem item : q.receiveMessages(max, Duration.ofSeconds(30), null, null)) {
        // what the Functions host does with messageEncoding=base64, then what the adapter's queue entry does
        QueueEnvelope.Content content = QueueStorageMessageQueue.decode(
            item.getBody() == null ? "" : item.getBody().toString(), overflow);
        out.add(new ReceivedMessage(item.getMessageId(), content.body(), content.attributes(), Optional.empty()));
        q.deleteMessage(item.getMessageId(), item.getPopReceipt());
      }
      return out;
    }

    @Override
    protected boolean supportsGroupKeys() {
      return false;
    }

    @Test
    void messageTextIsTheBase64OfTheBodyAsTheFunctionsHostExpects() {
      queue.send(dev.faas4j.port.OutgoingMessage.text("plain body"));
      QueueClient q = new QueueServiceClientBuilder().connectionString(azurite.connectionString())
          .httpClient(AzureClients.httpClient()).buildClient().getQueueClient(queue.queue());
      BinaryData body = q.receiveMessage().getBody();
      assertThat(body.toString()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
          "plain body".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Nested
  class TableContract extends KeyValueStoreContract<TableKeyValueStore> {
    private final ManualClock clock = ManualClock.startingAtEpochOf2030();

    @Override
    protected TableKeyValueStore newSubject() {
      return new TableKeyValueStore(table(), clock);
    }

    @Override
    protected java.time.Clock clock() {
      return clock;
    }

    @Override
    protected void advanceTime(Duration amount) {
      clock.advance(amount.plusMillis(1));
    }

    @Test
    void keysWithCharactersTablesRefuseRoundTrip() {
      for (String key : List.of("a/b", "back\\slash", "hash#tag", "what?", "tab-free ☕", "x".repeat(512))) {
        store.put(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(store.get(key)).as(key).map(dev.faas4j.port.KeyValueEntry::text).contains(key);
      }
    }
  }

  @Test
  void idempotencyOnTableStorageRunsConcurrentDuplicatesExactlyOnce() throws Exception {
    TableKeyValueStore store = new TableKeyValueStore(table(), java.time.Clock.systemUTC());
    Idempotency idempotency = Idempotency.builder(store).build();
    AtomicInteger executions = new AtomicInteger();
    int threads = 16;
    CountDownLatch othersDone = new CountDownLatch(threads - 1);
    // The one execution holds its lease until every duplicate has been turned away, so all of them overlap it.
    QueueFunction fn = idempotency.queue((m, ctx) -> {
      executions.incrementAndGet();
      othersDone.await(60, TimeUnit.SECONDS);
    });
    QueueMessage message = QueueMessage.builder().id("order-42").queue("orders").time(Instant.now()).body("x").build();
    AtomicInteger turnedAway = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> call = () -> {
          start.await();
          try {
            fn.handle(message, context());
            return true;
          } catch (dev.faas4j.idempotency.IdempotencyInProgressException e) {
            turnedAway.incrementAndGet(); // the platform would redeliver it later; any other failure fails the test
            othersDone.countDown();
            return false;
          }
        };
        results.add(pool.submit(call));
      }
      start.countDown();
      for (Future<Boolean> f : results) {
        f.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(executions).hasValue(1);
    assertThat(turnedAway).hasValue(threads - 1);
    // a redelivery after completion is answered from the record, not run again
    fn.handle(message, context());
    assertThat(executions).hasValue(1);
  }

  private static dev.faas4j.InvocationContext context() {
    return dev.faas4j.local.testkit.TestContext.create().withInvocationId(UUID.randomUUID().toString());
  }
}
