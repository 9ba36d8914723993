package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.servicebus.ServiceBusMessage;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Service Bus emulator runs here (it needs Docker), so this checks the exact messages the publisher hands to the
 * SDK's sender, through the publisher's seam in place of ServiceBusSenderClient.sendMessage.
 */
class ServiceBusMessagePublisherTest {
  private final List<ServiceBusMessage> sent = new ArrayList<>();
  private final ServiceBusMessagePublisher publisher = new ServiceBusMessagePublisher("user-created", sent::add);

  @Test
  void sendsBodyApplicationPropertiesSessionAndMessageId() {
    String id = publisher.publish(OutgoingMessage.text("{\"user\":7}").attribute("tenant", "acme")
        .groupKey("customer-7").deduplicationId("dedup-1"));

    assertThat(id).isEqualTo("dedup-1");
    assertThat(sent).singleElement().satisfies(m -> {
      assertThat(m.getBody().toString()).isEqualTo("{\"user\":7}");
      assertThat(m.getMessageId()).isEqualTo("dedup-1");
      assertThat(m.getSessionId()).isEqualTo("customer-7");
      assertThat(m.getApplicationProperties()).containsExactly(java.util.Map.entry("tenant", "acme"));
    });
  }

  @Test
  void generatesDistinctIdsWithoutADeduplicationId() {
    String a = publisher.publish(OutgoingMessage.text("a"));
    String b = publisher.publish(OutgoingMessage.text("b"));

    assertThat(a).isNotEqualTo(b);
    assertThat(sent).extracting(ServiceBusMessage::getMessageId).containsExactly(a, b);
  }

  @Test
  void refusesADelayAndWrapsSenderFailures() {
    assertThatThrownBy(() -> publisher.publish(OutgoingMessage.text("x").delay(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(MessagePublisherException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    ServiceBusMessagePublisher broken = new ServiceBusMessagePublisher("t", m -> {
      throw new IllegalStateException("link closed");
    });
    assertThatThrownBy(() -> broken.publish(OutgoingMessage.text("x"))).isInstanceOf(MessagePublisherException.class);
    assertThat(publisher.topic()).isEqualTo("user-created");
  }
}
