package dev.faas4j.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.RetryableException;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.local.testkit.BatchOutcome;
import dev.faas4j.spi.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrdersTest {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
  private final RecordingPaymentGateway gateway = new RecordingPaymentGateway();
  private final FunctionTester app = FunctionTester.forApp(new Orders(gateway), platform);

  static Order order(int n) {
    return new Order("o-" + n, "c-" + n, 1000L + n, "EUR");
  }

  @Test
  void chargesAndRecordsAnOrder() {
    Outcome outcome = app.queue("processOrders").call(TestEvents.queueMessage("orders", order(1)));

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(gateway.charges()).extracting(c -> c.request().customerId(), c -> c.request().amountCents())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", 1001L));
    ProcessedOrder stored = platform.keyValueStore("orders").get("order:o-1").orElseThrow()
        .json(ProcessedOrder.class);
    assertThat(stored).isEqualTo(new ProcessedOrder("o-1", "c-1", 1001, "EUR", "ch_1", clock.instant()));
  }

  @Test
  void aBadMessageFailsAloneInItsBatch() {
    List<Object> batch = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      batch.add(order(i));
    }
    batch.add(4, "{\"orderId\": \"o-poison\""); // malformed JSON in the middle of the batch

    BatchOutcome outcome = app.queue("processOrders").callBatch(TestEvents.queueBatch("orders", batch.toArray()));

    assertThat(outcome.failedMessageIds()).hasSize(1);
    String poison = outcome.failedMessageIds().get(0);
    assertThat(outcome.outcomes().get(poison).status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(gateway.charges()).hasSize(9);
  }

  @Test
  void aRedeliveredMessageIsNotChargedTwice() {
    QueueMessage first = TestEvents.queueMessage("orders", order(1)).build();
    QueueMessage redelivery = TestEvents.queueMessage("orders", order(1)).id(first.id()).deliveryAttempt(2).build();

    app.queue("processOrders").call(first);
    Outcome again = app.queue("processOrders").call(redelivery);

    assertThat(again.isSuccess()).isTrue();
    assertThat(gateway.requestsFor("order-o-1")).hasSize(1);
  }

  @Test
  void theSameOrderSentTwiceIsChargedOnce() {
    app.queue("processOrders").callBatch(TestEvents.queueBatch("orders", order(1), order(2), order(1)));

    assertThat(gateway.requestsFor("order-o-1")).hasSize(1);
    assertThat(gateway.requestsFor("order-o-2")).hasSize(1);
  }

  @Test
  void anOrderRunAgainAfterALapsedClaimIsStillChargedOnce() {
    // A process charged o-1 and died before its idempotency claim was completed, so the claim lapses: here the
    // first run goes around the wrapper, which leaves no completed record, just as the crash would. The
    // redelivery then runs ProcessOrder again and both runs reach the gateway.
    ProcessOrder processor = new ProcessOrder(gateway, platform.keyValueStore(Orders.TABLE));
    QueueMessage message = TestEvents.queueMessage("orders", order(1)).build();
    FunctionTester.queue(processor).call(message);
    Outcome takeover = app.queue("processOrders").call(
        TestEvents.queueMessage("orders", order(1)).id(message.id()).deliveryAttempt(2).build());

    assertThat(takeover.isSuccess()).isTrue();
    assertThat(gateway.requestsFor("order-o-1")).hasSize(2);
    assertThat(gateway.chargesFor("order-o-1")).hasSize(1);
    assertThat(gateway.charges()).hasSize(1);
  }

  @Test
  void aFailedChargeIsRetriedAndThenChargedOnce() {
    AtomicInteger calls = new AtomicInteger();
    RecordingPaymentGateway recorded = new RecordingPaymentGateway();
    PaymentGateway flaky = request -> {
      if (calls.incrementAndGet() == 1) {
        throw new RetryableException("Payment provider unavailable");
      }
      return recorded.charge(request);
    };
    FunctionTester orders = FunctionTester.forApp(new Orders(flaky), platform);
    QueueMessage message = TestEvents.queueMessage("orders", order(1)).build();

    Outcome first = orders.queue("processOrders").call(message);
    Outcome second = orders.queue("processOrders").call(
        TestEvents.queueMessage("orders", order(1)).id(message.id()).deliveryAttempt(2).build());
    Outcome third = orders.queue("processOrders").call(
        TestEvents.queueMessage("orders", order(1)).id(message.id()).deliveryAttempt(3).build());

    assertThat(first.status()).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
    assertThat(second.isSuccess()).isTrue();
    assertThat(third.isSuccess()).isTrue();
    assertThat(recorded.charges()).hasSize(1);
  }

  @Test
  void invalidOrdersAreRejectedWithoutCharging() {
    for (Object body : List.of(
        Map.of("orderId", "o-1", "customerId", "c-1", "amountCents", 0, "currency", "EUR"),
        Map.of("orderId", "o-1", "customerId", "c-1", "amountCents", 5, "currency", "euro"),
        Map.of("customerId", "c-1", "amountCents", 5, "currency", "EUR"),
        "not an order")) {
      assertThat(app.queue("processOrders").call(TestEvents.queueMessage("orders", body)).status())
          .as("%s", body).isEqualTo(Outcome.Status.CLIENT_ERROR);
    }
    assertThat(gateway.charges()).isEmpty();
  }

  @Test
  void placeOrdersPutsEachElementOnTheQueue() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/orders")
        .json(List.of(order(1), order(2), "poison")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(platform.messageQueue("orders").sent()).extracting(s -> new String(s.message().body(),
        StandardCharsets.UTF_8)).containsExactly(
            "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amountCents\":1001,\"currency\":\"EUR\"}",
            "{\"orderId\":\"o-2\",\"customerId\":\"c-2\",\"amountCents\":1002,\"currency\":\"EUR\"}",
            "\"poison\"");
  }

  @Test
  void placeOrdersAcceptsASingleOrderAndRefusesJunk() {
    assertThat(app.http().call(TestEvents.http("POST", "/orders").json(order(1))).status()).isEqualTo(202);
    assertThat(app.http().call(TestEvents.http("POST", "/orders").json("[")).status()).isEqualTo(400);
    assertThat(app.http().call(TestEvents.http("POST", "/orders").json("[]")).status()).isEqualTo(400);
    assertThat(app.http().call(TestEvents.http("POST", "/orders")).status()).isEqualTo(400);
  }
}
