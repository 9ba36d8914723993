package dev.faas4j.examples.orders;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import java.util.regex.Pattern;

/**
 * An order as it travels on the {@code orders} queue.
 *
 * @param amountCents the amount to charge, in the currency's minor unit
 * @param currency an ISO 4217 code, e.g. {@code EUR}
 */
public record Order(String orderId, String customerId, long amountCents, String currency) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * Reads and checks the order in {@code message}.
   *
   * @throws InvalidEventException if it is not a valid order: retrying cannot fix it, so it is dead-lettered
   */
  // JSON can leave record components null despite @NullMarked, hence the null checks.
  public static Order from(QueueMessage message) {
    Order order = message.json(Order.class);
    if (order.orderId() == null || !ID.matcher(order.orderId()).matches()) {
      throw new InvalidEventException("orderId is missing or invalid");
    }
    if (order.customerId() == null || !ID.matcher(order.customerId()).matches()) {
      throw new InvalidEventException("customerId is missing or invalid");
    }
    if (order.amountCents() <= 0) {
      throw new InvalidEventException("amountCents must be positive");
    }
    if (order.currency() == null || !CURRENCY.matcher(order.currency()).matches()) {
      throw new InvalidEventException("currency must be an ISO 4217 code such as EUR");
    }
    return order;
  }
}
