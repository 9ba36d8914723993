package dev.faas4j.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingMessageTest {

  @Test
  void jsonBodyWithAttributesDelayAndGroup() {
    OutgoingMessage m = OutgoingMessage.json(Map.of("orderId", "o-1")).attribute("tenant", "acme")
        .delay(Duration.ofSeconds(30)).groupKey("customer-7").deduplicationId("o-1");

    assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-1\"}");
    assertThat(m.attributes()).containsExactly(Map.entry("tenant", "acme"));
    assertThat(m.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(m.groupKey()).contains("customer-7");
    assertThat(m.deduplicationId()).contains("o-1");
  }

  @Test
  void isImmutable() {
    OutgoingMessage base = OutgoingMessage.text("hi");
    OutgoingMessage withAttr = base.attribute("a", "1");

    assertThat(base.attributes()).isEmpty();
    assertThat(withAttr.attributes()).hasSize(1);
    byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
    OutgoingMessage m = OutgoingMessage.of(body);
    body[0] = 'x';
    m.body()[1] = 'x';
    assertThat(m.body()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bodySizeLimitIsInBytes() {
    assertThat(OutgoingMessage.of(new byte[OutgoingMessage.MAX_BODY_BYTES]).body()).hasSize(256 * 1024);
    assertThatThrownBy(() -> OutgoingMessage.of(new byte[OutgoingMessage.MAX_BODY_BYTES + 1]))
        .isInstanceOf(MessageQueueException.class)
        .satisfies(e -> assertThat(((PortException) e).reason()).isEqualTo(PortException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> OutgoingMessage.text("☕".repeat(OutgoingMessage.MAX_BODY_BYTES / 3 + 1)))
        .isInstanceOf(MessageQueueException.class);
  }

  @Test
  void delayRange() {
    OutgoingMessage m = OutgoingMessage.text("x");

    assertThat(m.delay()).isZero();
    assertThat(m.delay(Duration.ZERO).delay()).isZero();
    assertThat(m.delay(Duration.ofMinutes(15)).delay()).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> m.delay(Duration.ofMinutes(15).plusNanos(1)))
        .isInstanceOf(MessageQueueException.class).hasMessageContaining("15 minutes");
    assertThatThrownBy(() -> m.delay(Duration.ofSeconds(-1))).isInstanceOf(MessageQueueException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".hidden", "has space", "ünicode", "a/b"})
  void rejectsBadAttributeNames(String name) {
    assertThatThrownBy(() -> OutgoingMessage.text("x").attribute(name, "v"))
        .isInstanceOf(MessageQueueException.class).hasMessageContaining("Attribute name");
  }

  @Test
  void attributeLimits() {
    OutgoingMessage m = OutgoingMessage.text("x");
    for (int i = 0; i < 10; i++) {
      m = m.attribute("a" + i, "v");
    }
    OutgoingMessage full = m;

    assertThat(full.attribute("a0", "replaced").attributes()).hasSize(10).containsEntry("a0", "replaced");
    assertThatThrownBy(() -> full.attribute("a10", "v"))
        .isInstanceOf(MessageQueueException.class).hasMessageContaining("at most 10");
    assertThat(OutgoingMessage.text("x").attribute("n".repeat(256), "v").attributes()).hasSize(1);
    assertThatThrownBy(() -> OutgoingMessage.text("x").attribute("n".repeat(257), "v"))
        .isInstanceOf(MessageQueueException.class);
    assertThatThrownBy(() -> OutgoingMessage.text("x").attribute("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringLeavesOutBodyAndAttributeValues() {
    assertThat(OutgoingMessage.text("card 4111").attribute("email", "ann@example.com").toString())
        .contains("email").doesNotContain("4111", "ann@example.com");
  }
}
