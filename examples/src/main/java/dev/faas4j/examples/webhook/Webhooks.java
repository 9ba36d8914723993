package dev.faas4j.examples.webhook;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.idempotency.Idempotency;
import java.time.Duration;

/** The payment provider's webhook, signed with {@code WEBHOOK_SECRET} and handled once per event id. */
public final class Webhooks implements FunctionApp {
  /** The logical key-value table of payments and totals. */
  public static final String TABLE = "payments";

  @Override
  public void configure(Functions functions, Platform platform) {
    // Providers retry an unacknowledged event for up to three days (Stripe does), each time freshly signed, so the
    // event id must be remembered at least that long: the timestamp check alone does not stop those retries.
    Idempotency idempotency = Idempotency.builder(platform.keyValueStore("idempotency"))
        .expiry(Duration.ofDays(3)).build();
    functions.http("paymentWebhook", route("POST /webhooks/payments"), new PaymentWebhook(
        platform.config(PaymentWebhook.SECRET_SETTING).filter(s -> !s.isBlank()).map(WebhookSignature::new),
        idempotency.http(new HandlePaymentEvent(platform.keyValueStore(TABLE)), HandlePaymentEvent::eventId)));
  }
}
