package dev.faas4j.examples.webhook;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/payments}: refuses requests whose {@link WebhookSignature} is missing, wrong or stale with a
 * 400, and passes authentic ones on. The check comes before idempotency, so an unsigned request can never claim an
 * event id.
 *
 * <p>Without a configured secret every request fails with a 500 (logged once as an error): a webhook must never be
 * accepted unsigned. Other functions of the app keep working, which matters on clouds where each function is
 * deployed with only the settings it needs.
 */
public final class PaymentWebhook implements HttpFunction {
  /** The configuration key of the signing secret. */
  public static final String SECRET_SETTING = "WEBHOOK_SECRET";

  private final Optional<WebhookSignature> signature;
  private final HttpFunction next;

  public PaymentWebhook(Optional<WebhookSignature> signature, HttpFunction next) {
    this.signature = signature;
    this.next = next;
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) throws Exception {
    WebhookSignature verifier = signature.orElseThrow(
        () -> new IllegalStateException(SECRET_SETTING + " is not configured; refusing unsigned webhooks"));
    Optional<String> refused = verifier.verify(request.header(WebhookSignature.HEADER), request.body(),
        context.clock().instant());
    if (refused.isPresent()) {
      context.logger().warn("Webhook refused", "reason", refused.get());
      return HttpResponse.status(400).json(Map.of("error", "Bad Request", "message", refused.get()));
    }
    return next.handle(request, context);
  }
}
