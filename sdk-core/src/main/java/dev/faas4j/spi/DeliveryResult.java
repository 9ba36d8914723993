package dev.faas4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dispatcher's answer to a {@link Delivery}: one outcome per item, in the delivery's order, and one aggregate
 * for platforms that can only accept or refuse the delivery as a whole.
 *
 * <p>The aggregate rule, the same on every cloud: success when every item succeeded or was skipped (skipped when
 * all were); otherwise a server error if any item had one, else a retryable error if any, else a client error. So
 * a delivery the platform redelivers as a whole is retried whenever a retry can help one of its items.
 */
public record DeliveryResult(List<Outcome> outcomes, Outcome aggregate) {
  private static final DeliveryResult EMPTY = new DeliveryResult(List.of(), Outcome.success());

  public DeliveryResult {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(aggregate, "aggregate");
  }

  static DeliveryResult of(List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return EMPTY;
    }
    Outcome worst = null;
    boolean allSkipped = true;
    for (Outcome o : outcomes) {
      allSkipped &= o.status() == Outcome.Status.SKIPPED;
      if (worst == null || rank(o) > rank(worst)) {
        worst = o;
      }
    }
    Outcome aggregate = worst.isSuccess() ? (allSkipped ? worst : Outcome.success()) : worst;
    return new DeliveryResult(outcomes, aggregate);
  }

  private static int rank(Outcome o) {
    return switch (o.status()) {
      case SUCCESS, SKIPPED -> 0;
      case CLIENT_ERROR -> 1;
      case RETRYABLE_ERROR -> 2;
      case SERVER_ERROR -> 3;
    };
  }

  public boolean allSucceeded() {
    return aggregate.isSuccess();
  }

  /** The positions of the items that failed, in order (for SQS {@code batchItemFailures}, stream checkpoints). */
  public List<Integer> failed() {
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (!outcomes.get(i).isSuccess()) {
        failed.add(i);
      }
    }
    return failed;
  }
}
