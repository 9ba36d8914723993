package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.QueueFunction;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.idempotency.Idempotency;
import dev.faas4j.idempotency.IdempotencyInProgressException;
import dev.faas4j.local.testkit.TestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idempotency utility on a DynamoDB table (dynalite): concurrent duplicates of one message run it once. */
class DynamoDbIdempotencyTest {
  private static final int DUPLICATES = 16;
  private static Dynalite dynalite;

  @BeforeAll
  static void startDynalite() throws Exception {
    dynalite = new Dynalite();
  }

  @AfterAll
  static void stopDynalite() throws Exception {
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void concurrentDuplicatesRunTheFunctionExactlyOnce() throws Exception {
    DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(dynalite.client, dynalite.newTable("idempotency"));
    AtomicInteger executions = new AtomicInteger();
    CountDownLatch othersDone = new CountDownLatch(DUPLICATES - 1);
    // The one execution holds its lease until every duplicate has been turned away, so all of them overlap it.
    QueueFunction fn = Idempotency.builder(store).build().queue((message, ctx) -> {
      executions.incrementAndGet();
      othersDone.await(60, TimeUnit.SECONDS);
    });
    QueueMessage message = QueueMessage.builder().id("msg-1").queue("orders").time(Instant.now())
        .body("{\"order\":1}").build();

    ExecutorService pool = Executors.newFixedThreadPool(DUPLICATES);
    AtomicInteger turnedAway = new AtomicInteger();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < DUPLICATES; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          try {
            fn.handle(message, TestContext.create());
          } catch (IdempotencyInProgressException e) {
            turnedAway.incrementAndGet();
            othersDone.countDown();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(executions).hasValue(1);
    assertThat(turnedAway).hasValue(DUPLICATES - 1);
    // a redelivery after completion is answered from the stored record, without running again
    fn.handle(message, TestContext.create());
    assertThat(executions).hasValue(1);
  }
}
