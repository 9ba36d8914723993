package dev.faas4j.examples.webhook;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.RetryableException;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Handles an authentic payment event (the signature was checked before): records the order as paid or refunded and
 * moves the running totals in the {@code payments} table. Moving totals is not idempotent, so the app wraps this in
 * {@code Idempotency.http(...)} keyed by {@link #eventId event id}: a provider's retry of the same event is answered
 * with the stored response and changes nothing.
 */
public final class HandlePaymentEvent implements HttpFunction {
  /** Key of the running totals in the {@code payments} table. */
  public static final String TOTALS = "totals";
  private static final int MAX_CAS_ATTEMPTS = 10;

  private final KeyValueStore payments;

  public HandlePaymentEvent(KeyValueStore payments) {
    this.payments = payments;
  }

  /** Running totals over every handled event. */
  public record Totals(long events, long paidCents, long refundedCents) {}

  /** A payment as recorded under {@code payment:<orderId>}. */
  public record Payment(String orderId, String status, long amountCents, String eventId) {}

  /**
   * The idempotency key of a webhook request: the event id in its body.
   *
   * @throws InvalidEventException (a 400) if the body is not JSON or has no id
   */
  public static Optional<String> eventId(HttpRequest request) {
    PaymentEvent event = request.json(PaymentEvent.class);
    if (event.id() == null || event.id().isBlank()) {
      throw new InvalidEventException("Webhook event has no id");
    }
    return Optional.of(event.id());
  }

  /** The running totals, zero before the first event. */
  public static Totals totals(KeyValueStore payments) {
    return payments.get(TOTALS).map(e -> e.json(Totals.class)).orElse(new Totals(0, 0, 0));
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    PaymentEvent event = request.json(PaymentEvent.class);
    String id = eventId(request).orElseThrow();
    String type = event.type() == null ? "" : event.type();
    PaymentEvent.Data data = event.data();
    String status = switch (type) {
      case "payment.succeeded" -> "paid";
      case "payment.refunded" -> "refunded";
      default -> null;
    };
    if (status == null) {
      context.logger().info("Payment event ignored", "eventId", id, "type", type);
      return HttpResponse.ok().json(Map.of("received", true, "handled", false));
    }
    if (data == null || data.orderId() == null || data.orderId().isBlank() || data.amountCents() <= 0) {
      throw new InvalidEventException("Payment event needs data.orderId and a positive data.amountCents");
    }
    payments.put("payment:" + data.orderId(), Json.toBytes(new Payment(data.orderId(), status, data.amountCents(), id)));
    addToTotals(status.equals("paid") ? data.amountCents() : 0, status.equals("refunded") ? data.amountCents() : 0);
    context.logger().info("Payment event handled", "eventId", id, "type", type, "orderId", data.orderId());
    return HttpResponse.ok().json(Map.of("received", true, "handled", true));
  }

  private void addToTotals(long paid, long refunded) {
    for (int attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
      Optional<KeyValueEntry> current = payments.get(TOTALS);
      Totals t = current.map(e -> e.json(Totals.class)).orElse(new Totals(0, 0, 0));
      byte[] next = Json.toBytes(new Totals(t.events() + 1, t.paidCents() + paid, t.refundedCents() + refunded));
      OptionalLong written = current.isPresent()
          ? payments.compareAndSet(TOTALS, current.get().version(), next, null)
          : payments.putIfAbsent(TOTALS, next, null);
      if (written.isPresent()) {
        return;
      }
    }
    throw new RetryableException("Payment totals are contended; try again later");
  }
}
