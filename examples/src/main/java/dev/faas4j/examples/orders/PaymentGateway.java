package dev.faas4j.examples.orders;

/**
 * Charges customers: the one outside system the order processor talks to, behind an interface so the "charged
 * exactly once" property can be checked with {@link RecordingPaymentGateway} and a real provider plugged in later.
 */
@FunctionalInterface
public interface PaymentGateway {

  /**
   * Charges {@code request.amountCents()} to the customer.
   *
   * @return the provider's record of the charge
   * @throws RuntimeException if the charge failed; a {@link dev.faas4j.RetryableException} if a later attempt may
   *     succeed (provider unavailable)
   */
  Charge charge(ChargeRequest request);

  /**
   * What to charge.
   *
   * @param idempotencyKey sent along to providers that deduplicate by it (most do): a second line of defence
   *     behind the processor's own idempotency
   */
  record ChargeRequest(String idempotencyKey, String customerId, long amountCents, String currency) {}

  /** A completed charge. */
  record Charge(String chargeId, ChargeRequest request) {}
}
