package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicMessageTest {
  private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

  private static TopicMessage.Builder created() {
    return TopicMessage.builder().id("p-1").topic("user-created").time(T).body("{\"userId\":\"u-1\"}");
  }

  @Test
  void builderDefaultsSourceTypeAndAttempt() {
    TopicMessage m = created().build();

    assertThat(m.source()).isEqualTo("/topics/user-created");
    assertThat(m.type()).isEqualTo("dev.faas4j.topic.message");
    assertThat(m.deliveryAttempt()).isEmpty();
    assertThat(m.groupKey()).isEmpty();
  }

  @Test
  void rejectsInvalidFieldsNamingThem() {
    assertThatThrownBy(() -> created().topic(" ").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("topic must not be blank");
    assertThatThrownBy(() -> created().deliveryAttempt(-3).build())
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("deliveryAttempt");
    assertThatThrownBy(() -> TopicMessage.builder().id("p").time(T).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("topic is required");
    assertThat(created().time(null).build().time()).as("absent, never the clock").isEmpty();
  }

  @Test
  void copiesBody() {
    byte[] body = "abc".getBytes(StandardCharsets.UTF_8);
    TopicMessage m = created().body(body).build();
    body[0] = 'x';
    m.body()[1] = 'x';

    assertThat(m.text()).isEqualTo("abc");
  }

  @Test
  void equalityAndToString() {
    TopicMessage a = created().attributes(Map.of("a", "1")).groupKey("k").build();

    assertThat(a).isEqualTo(created().attributes(Map.of("a", "1")).groupKey("k").build())
        .hasSameHashCodeAs(created().attributes(Map.of("a", "1")).groupKey("k").build())
        .isNotEqualTo(created().attributes(Map.of("a", "1")).build());
    assertThat(a.toString()).contains("p-1", "user-created").doesNotContain("u-1");
  }
}
