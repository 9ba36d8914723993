package dev.faas4j.examples.orders;

import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.idempotency.Idempotency;
import java.time.Duration;

/**
 * Order processing: {@code processOrders} consumes the {@code orders} queue in batches of 10, idempotently by order
 * id; {@code placeOrders} ({@code POST /orders}) feeds the queue.
 */
public final class Orders implements FunctionApp {
  /** The logical queue of orders. */
  public static final String QUEUE = "orders";
  /** The logical key-value table of processed orders. */
  public static final String TABLE = "orders";
  /** Deliveries before an order that keeps failing is dead-lettered. */
  public static final int MAX_DELIVERIES = 5;

  private final PaymentGateway payments;

  public Orders(PaymentGateway payments) {
    this.payments = payments;
  }

  @Override
  public void configure(Functions functions, Platform platform) {
    // Order ids are remembered for a day: far longer than a failing message is retried before it is
    // dead-lettered, and than a producer keeps re-sending an order it is unsure about.
    Idempotency idempotency = Idempotency.builder(platform.keyValueStore("idempotency"))
        .expiry(Duration.ofDays(1)).build();
    functions.http("placeOrders", route("POST /orders"), new PlaceOrders(platform.messageQueue(QUEUE)));
    functions.onQueueMessage("processOrders", queue(QUEUE).batchSize(10),
        idempotency.queue(new ProcessOrder(payments, platform.keyValueStore(TABLE)), ProcessOrder::orderIdOf))
        .maxDeliveries(MAX_DELIVERIES);
  }
}
