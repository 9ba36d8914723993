package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.TopicMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  private static final Invocation INV = Invocation.of("inv", Instant.EPOCH.plusSeconds(30));

  @Test
  void queueMessagesAndOtherEventsDoNotShareADelivery() {
    Delivery.Builder mixed = Delivery.builder(INV)
        .event(QueueMessage.builder().id("m").queue("q").time(Instant.EPOCH).build())
        .event(TopicMessage.builder().id("t").topic("t").time(Instant.EPOCH).build());

    assertThatThrownBy(mixed::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queue messages or other events, not both");
  }

  @Test
  void aRejectedRecordKeepsItsIdAndReasonAndItemsKeepTheirOrder() {
    InvalidEventException reason = new InvalidEventException("Records[1].body must be a string");
    Delivery d = Delivery.builder(INV).function("orders").ordered(true)
        .event(QueueMessage.builder().id("m-1").queue("q").time(Instant.EPOCH).build())
        .rejected("m-2", reason).build();

    assertThat(d.function()).contains("orders");
    assertThat(d.ordered()).isTrue();
    assertThat(d.items()).extracting(Delivery.Item::id).containsExactly("m-1", "m-2");
    assertThat(d.items().get(1)).isEqualTo(new Delivery.Rejected("m-2", reason));
    assertThatThrownBy(() -> d.items().add(d.items().get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyDeliverySucceedsAndNullPartsAreRefused() {
    assertThat(DeliveryResult.of(List.of()).allSucceeded()).isTrue();
    assertThatThrownBy(() -> new Delivery.Rejected(null, new InvalidEventException("x")))
        .isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThatThrownBy(() -> Delivery.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
