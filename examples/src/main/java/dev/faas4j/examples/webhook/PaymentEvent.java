package dev.faas4j.examples.webhook;

import org.jspecify.annotations.Nullable;

/**
 * A payment provider's event, e.g.
 * {@code {"id":"evt_1","type":"payment.succeeded","data":{"orderId":"o-1","amountCents":1250}}}.
 *
 * @param id unique per event and the same on every retry of it: the idempotency key
 */
public record PaymentEvent(@Nullable String id, @Nullable String type, @Nullable Data data) {

  /** The payment the event is about. */
  public record Data(@Nullable String orderId, long amountCents) {}
}
