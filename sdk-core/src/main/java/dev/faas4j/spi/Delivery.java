package dev.faas4j.spi;

import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an adapter makes of one platform delivery: the function the deployment names (if any), the invocation, and
 * the delivered items in order, each a portable event or the reason its record could not be mapped. The
 * {@link Dispatcher#deliver(Delivery) dispatcher} decides everything else: which function each event is for (by
 * name and trigger filters), how a rejected record is logged, how a batch runs and how its outcomes aggregate.
 *
 * <p>Queue messages travel together (one batch from one queue); other events are dispatched one by one.
 *
 * @param ordered the source keeps order (a FIFO queue, a stream): nothing after the first failure runs
 */
public record Delivery(Optional<String> function, Invocation invocation, List<Item> items, boolean ordered) {

  public Delivery {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(invocation, "invocation");
    items = List.copyOf(items);
    boolean queue = false;
    boolean other = false;
    for (Item item : items) {
      if (item instanceof Received r) {
        queue |= r.event() instanceof QueueMessage;
        other |= !(r.event() instanceof QueueMessage);
      }
    }
    if (queue && other) {
      throw new IllegalArgumentException("A delivery holds queue messages or other events, not both");
    }
  }

  /** A delivery of one event. */
  public static Delivery of(@Nullable String function, Invocation invocation, Event event) {
    return new Delivery(Optional.ofNullable(function), invocation, List.of(new Received(event)), false);
  }

  public static Builder builder(Invocation invocation) {
    return new Builder(invocation);
  }

  /** One delivered record. */
  public sealed interface Item {
    /** The id the platform reports failures by (message id, sequence number) or names the record by. */
    String id();
  }

  /**
   * A record mapped onto its portable event.
   *
   * @param nativeTrace the trace the platform's own field carries for this record (SQS's {@code AWSTraceHeader},
   *     Service Bus's {@code Diagnostic-Id}, an object's metadata), used where the event's attributes carry none
   */
  public record Received(Event event, Optional<TraceContext> nativeTrace) implements Item {
    public Received {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(nativeTrace, "nativeTrace");
    }

    public Received(Event event) {
      this(event, Optional.empty());
    }

    @Override
    public String id() {
      return event.id();
    }
  }

  /** A record that could not be mapped: it fails alone, and is logged once with the reason. */
  public record Rejected(String id, InvalidEventException reason) implements Item {
    public Rejected {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Collects the items of a delivery in the platform's order. */
  public static final class Builder {
    private final Invocation invocation;
    private final List<Item> items = new ArrayList<>();
    private @Nullable String function;
    private boolean ordered;

    private Builder(Invocation invocation) {
      this.invocation = Objects.requireNonNull(invocation, "invocation");
    }

    /** The function the deployment names ({@code FAAS4J_FUNCTION}, Azure's function name), or null. */
    public Builder function(@Nullable String name) {
      this.function = name;
      return this;
    }

    public Builder ordered(boolean ordered) {
      this.ordered = ordered;
      return this;
    }

    public Builder event(Event event) {
      items.add(new Received(event));
      return this;
    }

    /** An event with the trace its platform's own field carries (see {@link Received#nativeTrace()}). */
    public Builder event(Event event, Optional<TraceContext> nativeTrace) {
      items.add(new Received(event, nativeTrace));
      return this;
    }

    public Builder rejected(String id, InvalidEventException reason) {
      items.add(new Rejected(id, reason));
      return this;
    }

    public Delivery build() {
      return new Delivery(Optional.ofNullable(function), invocation, items, ordered);
    }
  }
}
