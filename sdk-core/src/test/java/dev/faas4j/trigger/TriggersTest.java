package dev.faas4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.ObjectEventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriggersTest {

  @ParameterizedTest
  @ValueSource(strings = {"raw-images", "orders.fifo", "a", "A1_b-c.d", "0day"})
  void acceptsPortableResourceNames(String name) {
    assertThat(Names.check(name, "Queue")).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-orders", ".hidden", "_x", "my queue", "a/b", "caf\u00e9", "a:b"})
  void rejectsNonPortableResourceNames(String name) {
    assertThatThrownBy(() -> Names.check(name, "Bucket"))
        .isInstanceOf(InvalidTriggerException.class).hasMessageStartingWith("Bucket name");
  }

  @Test
  void rejectsNullAndOverlongNames() {
    assertThatThrownBy(() -> Triggers.queue(null)).isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("null");
    assertThat(Triggers.queue("q".repeat(255)).queue()).hasSize(255);
    assertThatThrownBy(() -> Triggers.queue("q".repeat(256))).isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("1 to 255");
  }

  @Test
  void queueTriggerDefaultsAndRefinements() {
    QueueTrigger q = Triggers.queue("orders");

    assertThat(q.batchSize()).isEqualTo(1);
    assertThat(q.ordered()).isFalse();
    assertThat(q.batchSize(10).fifo()).isEqualTo(new QueueTrigger("orders", 10, true));
    assertThat(q.batchSize(10).fifo().describe()).isEqualTo("queue orders (ordered, batch 10)");
    assertThat(q.describe()).isEqualTo("queue orders (batch 1)");
  }

  @Test
  void queueTriggerLimits() {
    QueueTrigger q = Triggers.queue("orders");

    assertThat(q.batchSize(10_000).batchSize()).isEqualTo(10_000);
    assertThatThrownBy(() -> q.batchSize(0)).isInstanceOf(InvalidTriggerException.class)
        .hasMessage("Queue orders: batch size must be 1 to 10000; got 0");
    assertThatThrownBy(() -> q.batchSize(10_001)).isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void objectTriggerFiltersByKindPrefixAndSuffix() {
    ObjectTrigger t = Triggers.bucket("raw-images").prefix("uploads/").suffix(".jpg");

    assertThat(t.matches(ObjectEventKind.CREATED, "uploads/cat.jpg")).isTrue();
    assertThat(t.matches(ObjectEventKind.CREATED, "uploads/cat.png")).isFalse();
    assertThat(t.matches(ObjectEventKind.CREATED, "other/cat.jpg")).isFalse();
    assertThat(t.matches(ObjectEventKind.DELETED, "uploads/cat.jpg")).isFalse();
    assertThat(t.on(ObjectEventKind.DELETED).matches(ObjectEventKind.DELETED, "uploads/cat.jpg")).isTrue();
    assertThat(t.describe()).isEqualTo("bucket raw-images [CREATED] prefix uploads/ suffix .jpg");
  }

  @Test
  void objectTriggerNeedsAKind() {
    assertThatThrownBy(() -> Triggers.bucket("raw-images").on())
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("raw-images");
  }

  @Test
  void topicTriggerChecksName() {
    assertThat(Triggers.topic("user-created").describe()).isEqualTo("topic user-created");
    assertThatThrownBy(() -> Triggers.topic("user created"))
        .isInstanceOf(InvalidTriggerException.class).hasMessageStartingWith("Topic name");
  }

  @Test
  void cloudEventTriggerMatchesTypeAndOptionalSourceExactly() {
    CloudEventTrigger any = Triggers.cloudEvent("google.cloud.audit.log.v1.written");
    CloudEventTrigger one = any.source("//cloudaudit.googleapis.com/projects/p");

    assertThat(any.matches("google.cloud.audit.log.v1.written", "//anything")).isTrue();
    assertThat(any.matches("google.cloud.audit.log.v1", "//anything")).isFalse();
    assertThat(one.matches("google.cloud.audit.log.v1.written", "//cloudaudit.googleapis.com/projects/p")).isTrue();
    assertThat(one.matches("google.cloud.audit.log.v1.written", "//cloudaudit.googleapis.com/projects/q")).isFalse();
    assertThat(one.describe())
        .isEqualTo("cloudevent google.cloud.audit.log.v1.written from //cloudaudit.googleapis.com/projects/p");
  }

  @Test
  void cloudEventTriggerRejectsBlankTypesAndControlCharacters() {
    assertThatThrownBy(() -> Triggers.cloudEvent(" ")).isInstanceOf(InvalidTriggerException.class)
        .hasMessage("CloudEvent type must have 1 to 1024 characters");
    assertThatThrownBy(() -> Triggers.cloudEvent("t").source("x\ny".replace("\\n", "\n")))
        .isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void cloudEventTypeMayHoldInnerSpacesAsEventBridgeDetailTypesDo() {
    assertThat(Triggers.cloudEvent("Object Created").source("aws.s3").matches("Object Created", "aws.s3")).isTrue();
    assertThatThrownBy(() -> Triggers.cloudEvent(" Object")).isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("start or end");
    assertThatThrownBy(() -> Triggers.cloudEvent("a\tb")).isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("control");
  }
}
