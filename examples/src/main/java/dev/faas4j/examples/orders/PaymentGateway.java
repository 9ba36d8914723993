package dev.faas4j.examples.orders;

/**
 * Charges customers: the one outside system the order processor talks to, behind an interface so the "charged
 * exactly once" property can be checked with {@link RecordingPaymentGateway} and a real provider plugged in later.
 *
 * <p>Implementations must deduplicate by {@link ChargeRequest#idempotencyKey()}, as real providers' APIs do (an
 * {@code Idempotency-Key} header or field): the processor's own idempotency cannot make the charge happen once on
 * its own, because a process that dies after the charge and before its claim is completed leaves a claim whose
 * lease lapses, and the redelivery that takes it over charges again. Only the gateway can tell it already did.
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
   * @param idempotencyKey derived from the order id, so every attempt at one order sends the same key and the
   *     provider charges it once, whatever happened to the attempt before
   */
  record ChargeRequest(String idempotencyKey, String customerId, long amountCents, String currency) {}

  /** A completed charge. */
  record Charge(String chargeId, ChargeRequest request) {}
}
