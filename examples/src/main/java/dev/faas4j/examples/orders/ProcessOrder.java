package dev.faas4j.examples.orders;

import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.QueueFunction;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.examples.orders.PaymentGateway.Charge;
import dev.faas4j.examples.orders.PaymentGateway.ChargeRequest;
import dev.faas4j.port.KeyValueStore;

/**
 * Handles one message of the {@code orders} queue: charges the order and records it. The batch loop and
 * partial-failure reporting are the platform's (through the dispatcher): a message that throws fails alone.
 *
 * <p>Charged once in two layers. The app wraps it in {@code Idempotency.queue(...)} keyed by order id, so a
 * redelivered message, or the same order sent twice, does not run it again. That alone is not enough: if the
 * process dies between the charge and the completion of its claim, the claim's lease lapses and a redelivery runs
 * it once more. So the charge itself carries {@code order-<id>} as the gateway's idempotency key, and the gateway
 * (every real provider accepts such a key) returns the first charge instead of making a second.
 */
public final class ProcessOrder implements QueueFunction {
  /** Prefix of the processed orders' keys in the {@code orders} table. */
  public static final String KEY_PREFIX = "order:";

  private final PaymentGateway payments;
  private final KeyValueStore orders;

  public ProcessOrder(PaymentGateway payments, KeyValueStore orders) {
    this.payments = payments;
    this.orders = orders;
  }

  /** The idempotency key of an order message: its order id (an invalid order is rejected here already). */
  public static String orderIdOf(QueueMessage message) {
    return Order.from(message).orderId();
  }

  @Override
  public void handle(QueueMessage message, InvocationContext context) {
    Order order = Order.from(message);
    Charge charge = payments.charge(new ChargeRequest("order-" + order.orderId(), order.customerId(),
        order.amountCents(), order.currency()));
    orders.put(KEY_PREFIX + order.orderId(), Json.toBytes(new ProcessedOrder(order.orderId(), order.customerId(),
        order.amountCents(), order.currency(), charge.chargeId(), context.clock().instant())));
    context.logger().info("Order charged", "orderId", order.orderId(), "chargeId", charge.chargeId(),
        "amountCents", order.amountCents(), "deliveryAttempt", message.deliveryAttempt());
  }
}
