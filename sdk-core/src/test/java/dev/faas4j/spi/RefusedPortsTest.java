package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PutOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusedPortsTest {
  private static IllegalStateException refused(String name) {
    return new IllegalStateException(name + " is refused here");
  }

  @Test
  void everyPortAnswersItsNameAndRefusesEveryOperationWithTheGivenFailure() {
    ObjectStorage bucket = RefusedPorts.of(ObjectStorage.class, "images", RefusedPortsTest::refused);
    MessageQueue queue = RefusedPorts.of(MessageQueue.class, "orders", RefusedPortsTest::refused);
    MessagePublisher topic = RefusedPorts.of(MessagePublisher.class, "events", RefusedPortsTest::refused);
    KeyValueStore table = RefusedPorts.of(KeyValueStore.class, "users", RefusedPortsTest::refused);
    assertThat(List.of(bucket.bucket(), queue.queue(), topic.topic(), table.table()))
        .containsExactly("images", "orders", "events", "users");
    assertThatThrownBy(() -> bucket.put("k", new byte[1], PutOptions.defaults()))
        .isInstanceOf(IllegalStateException.class).hasMessage("images is refused here");
    assertThatThrownBy(() -> bucket.get("k")).hasMessage("images is refused here");
    assertThatThrownBy(() -> queue.send(OutgoingMessage.of(new byte[] {1}))).hasMessage("orders is refused here");
    assertThatThrownBy(() -> topic.publish(OutgoingMessage.of(new byte[] {1}))).hasMessage("events is refused here");
    assertThatThrownBy(() -> table.get("k")).hasMessage("users is refused here");
    assertThatThrownBy(() -> table.delete("k")).hasMessage("users is refused here");
  }

  @Test
  void aRefusedPortIsEqualOnlyToItselfAndSaysWhatItIs() {
    ObjectStorage a = RefusedPorts.of(ObjectStorage.class, "images", RefusedPortsTest::refused);
    ObjectStorage b = RefusedPorts.of(ObjectStorage.class, "images", RefusedPortsTest::refused);
    assertThat(a).isEqualTo(a).isNotEqualTo(b).hasToString("ObjectStorage[images, refused]");
    assertThat(a.hashCode()).isEqualTo(a.hashCode());
  }

  @Test
  void onlyAnInterfaceCanBeRefused() {
    assertThatThrownBy(() -> RefusedPorts.of(String.class, "x", RefusedPortsTest::refused))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a port interface: java.lang.String");
  }
}
