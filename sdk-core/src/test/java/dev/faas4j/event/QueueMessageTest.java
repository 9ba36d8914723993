package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueMessageTest {
  private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

  record Order(String orderId, int amount) {}

  private static QueueMessage.Builder order() {
    return QueueMessage.builder().id("m-1").queue("orders").time(T)
        .body("{\"orderId\":\"o-42\",\"amount\":1250}");
  }

  @Test
  void builderDefaultsSourceTypeAttemptAndBody() {
    QueueMessage m = QueueMessage.builder().id("m-1").queue("orders").time(T).build();

    assertThat(m.source()).isEqualTo("/queues/orders");
    assertThat(m.type()).isEqualTo("dev.faas4j.queue.message");
    assertThat(m.deliveryAttempt()).as("not counted unless the platform says").isEmpty();
    assertThat(m.time()).hasValue(T);
    assertThat(m.origin()).isSameAs(Origin.none());
    assertThat(m.body()).isEmpty();
    assertThat(m.attributes()).isEmpty();
    assertThat(m.groupKey()).isEmpty();
    assertThat(m.subject()).isEmpty();
  }

  @Test
  void readsJsonBodyIntoRecord() {
    assertThat(order().build().json(Order.class)).isEqualTo(new Order("o-42", 1250));
  }

  @Test
  void rejectsBlankIdsAndNamesNamingTheField() {
    assertThatThrownBy(() -> order().id("  ").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("id must not be blank");
    assertThatThrownBy(() -> order().queue("").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("queue must not be blank");
    assertThatThrownBy(() -> order().type(" ").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("type must not be blank");
    assertThatThrownBy(() -> QueueMessage.builder().id("m").time(T).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("queue is required");
  }

  @Test
  void rejectsDeliveryAttemptBelowOne() {
    assertThatThrownBy(() -> order().deliveryAttempt(0).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("deliveryAttempt must be at least 1; got 0");
  }

  @Test
  void rejectsNullBodyAndNullAttributeValues() {
    assertThatThrownBy(() -> order().body((byte[]) null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("body must not be null");
    Map<String, String> attrs = new HashMap<>();
    attrs.put("tenant", null);
    assertThatThrownBy(() -> order().attributes(attrs).build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("attributes");
  }

  @Test
  void copiesBodyOnTheWayInAndOut() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    QueueMessage m = order().body(body).build();
    body[0] = 'j';
    assertThat(m.text()).isEqualTo("hello");

    m.body()[0] = 'j';
    assertThat(m.text()).isEqualTo("hello");
  }

  @Test
  void copiesAttributes() {
    Map<String, String> attrs = new HashMap<>(Map.of("tenant", "acme"));
    QueueMessage m = order().attributes(attrs).build();
    attrs.put("tenant", "evil");

    assertThat(m.attribute("tenant")).contains("acme");
    assertThat(m.attribute("missing")).isEmpty();
  }

  @Test
  void equalityComparesBodyContent() {
    QueueMessage a = order().attributes(Map.of("k", "v")).groupKey("g").build();
    QueueMessage b = order().attributes(Map.of("k", "v")).groupKey("g").build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(order().body("{}").build());
    assertThat(a).isNotEqualTo(order().attributes(Map.of("k", "v")).groupKey("h").build());
    assertThat(a).isNotEqualTo(order().deliveryAttempt(2).attributes(Map.of("k", "v")).groupKey("g").build());
  }

  @Test
  void toStringLeavesOutThePayload() {
    String s = QueueMessage.builder().id("m-1").queue("orders").time(T)
        .body("{\"card\":\"4111111111111111\"}").attributes(Map.of("email", "ann@example.com")).build().toString();

    assertThat(s).contains("m-1", "orders").doesNotContain("4111", "ann@example.com");
  }

  @Test
  void textIsUtf8() {
    assertThat(order().body("Grüße ☕".getBytes(StandardCharsets.UTF_8)).build().text()).isEqualTo("Grüße ☕");
  }

  @Test
  void keepsGroupKeyOfOrderedSources() {
    assertThat(order().groupKey("customer-7").build().groupKey()).isEqualTo(Optional.of("customer-7"));
  }

  @Test
  void aBodyThatIsTheOriginsPayloadIsSharedWithItNotCopiedAgain() throws Exception {
    byte[] delivered = "{\"orderId\":\"o-42\",\"amount\":1250}".getBytes(StandardCharsets.UTF_8);
    QueueMessage m = order().body(delivered).origin(Origin.of("azure", Map.of(), delivered, Headers.empty())).build();

    // Origin.of keeps the payload on its giver's promise not to change it; the body shares that array.
    delivered[2] = 'X';
    assertThat(m.text()).startsWith("{\"XrderId");
    assertThat(m.origin().payload()).isEqualTo(delivered);

    // Read twice, and from many threads: each read is the same body, each body() a copy of its own.
    byte[] first = m.body();
    first[0] = '[';
    assertThat(m.body()).isEqualTo(delivered).isNotSameAs(m.body());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        reads.add(pool.submit(() -> new String(m.body(), StandardCharsets.UTF_8) + m.text()));
      }
      for (java.util.concurrent.Future<String> read : reads) {
        assertThat(read.get()).isEqualTo(m.text() + m.text());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBodyThatIsNotTheOriginsPayloadIsCopiedEvenWhenEqualToIt() {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] payload = body.clone();
    QueueMessage m = order().body(body).origin(Origin.of("azure", Map.of(), payload, Headers.empty())).build();
    body[0] = 'j';
    assertThat(m.text()).isEqualTo("hello");

    // a lazy origin is not read to find out: its body is copied
    byte[] lazyBody = "hello".getBytes(StandardCharsets.UTF_8);
    QueueMessage lazy = order().body(lazyBody).origin(Origin.lazy("aws", () -> {
      throw new AssertionError("read");
    })).build();
    lazyBody[0] = 'j';
    assertThat(lazy.text()).isEqualTo("hello");
  }

  @Test
  void commonDeliveryAttemptsAreSharedValuesAndEveryAttemptKeepsItsNumber() {
    for (int attempt : new int[] {1, 2, 16, 17, 1000}) {
      assertThat(order().deliveryAttempt(attempt).build().deliveryAttempt()).hasValue(attempt);
    }
    assertThat(order().deliveryAttempt(3).build().deliveryAttempt())
        .isSameAs(order().deliveryAttempt(3).build().deliveryAttempt());
  }
}
