package dev.faas4j.examples.orders;

import java.util.ArrayList;
import java.util.List;

/**
 * A payment gateway that charges nobody: it records every charge it is asked for, in memory. The local run uses it,
 * and tests read {@link #charges()} to prove that a redelivered order is not charged twice (it deliberately does
 * not deduplicate by idempotency key itself, so it would show a second charge). Thread-safe.
 */
public final class RecordingPaymentGateway implements PaymentGateway {
  private final List<Charge> charges = new ArrayList<>();

  @Override
  public synchronized Charge charge(ChargeRequest request) {
    Charge charge = new Charge("ch_" + (charges.size() + 1), request);
    charges.add(charge);
    return charge;
  }

  /** Every charge made, oldest first. */
  public synchronized List<Charge> charges() {
    return List.copyOf(charges);
  }

  /** The charges made with this idempotency key. */
  public synchronized List<Charge> chargesFor(String idempotencyKey) {
    return charges.stream().filter(c -> c.request().idempotencyKey().equals(idempotencyKey)).toList();
  }
}
