package dev.faas4j.local.testkit;

import dev.faas4j.InvocationContext;
import dev.faas4j.QueueFunction;
import dev.faas4j.event.QueueMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue function as a user writes it: one order per message; a body that is not an order is rejected. */
final class ProcessOrder implements QueueFunction {
  record Order(String id, int amountCents) {}

  final List<String> processed = new CopyOnWriteArrayList<>();

  @Override
  public void handle(QueueMessage message, InvocationContext context) {
    Order order = message.json(Order.class);
    if (order.amountCents() < 0) {
      throw new IllegalStateException("negative amount");
    }
    processed.add(order.id());
    context.logger().info("Order processed", "orderId", order.id());
  }
}
