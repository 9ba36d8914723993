package dev.faas4j.examples.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payment gateway that charges nobody, in memory, and deduplicates by idempotency key as real providers do
 * (Stripe, Adyen, Braintree): a request with a key already charged returns that charge instead of making another,
 * and the same key with a different request is refused. The local run uses it; tests read {@link #charges()} (what
 * a customer would see on their statement) and {@link #requests()} (every call, to prove the processor's own
 * idempotency kept duplicates from reaching the gateway at all). Thread-safe.
 */
public final class RecordingPaymentGateway implements PaymentGateway {
  private final Map<String, Charge> chargesByKey = new LinkedHashMap<>();
  private final List<ChargeRequest> requests = new ArrayList<>();

  @Override
  public synchronized Charge charge(ChargeRequest request) {
    requests.add(request);
    Charge earlier = chargesByKey.get(request.idempotencyKey());
    if (earlier != null) {
      if (!earlier.request().equals(request)) {
        throw new IllegalArgumentException("Idempotency key reused for a different charge");
      }
      return earlier;
    }
    Charge charge = new Charge("ch_" + (chargesByKey.size() + 1), request);
    chargesByKey.put(request.idempotencyKey(), charge);
    return charge;
  }

  /** Every charge made (a repeated key is one charge), oldest first. */
  public synchronized List<Charge> charges() {
    return List.copyOf(chargesByKey.values());
  }

  /** The charges made with this idempotency key: at most one. */
  public synchronized List<Charge> chargesFor(String idempotencyKey) {
    Charge charge = chargesByKey.get(idempotencyKey);
    return charge == null ? List.of() : List.of(charge);
  }

  /** Every charge request received, duplicates included, oldest first. */
  public synchronized List<ChargeRequest> requests() {
    return List.copyOf(requests);
  }

  /** The charge requests received with this idempotency key, duplicates included. */
  public synchronized List<ChargeRequest> requestsFor(String idempotencyKey) {
    return requests.stream().filter(r -> r.idempotencyKey().equals(idempotencyKey)).toList();
  }
}
