package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzurePlatformTest {

  @Test
  void portsCostNothingUntilUsedSoAnAppWithoutSettingsStillStarts() {
    AzurePlatform platform = new AzurePlatform(Map.of("FAAS4J_BUCKET_IMAGES", "prod-images")::get, Clock.systemUTC());

    // configure() asks for its ports at cold start: no client is built, no connection string is needed yet
    ObjectStorage images = platform.objectStorage("images");
    MessageQueue orders = platform.messageQueue("orders");
    MessagePublisher events = platform.messagePublisher("events");
    KeyValueStore users = platform.keyValueStore("users");

    assertThat(images.bucket()).isEqualTo("images"); // the logical name, as on every cloud (spi.PortCache)
    assertThat(orders.queue()).isEqualTo("orders");
    assertThat(events.topic()).isEqualTo("events");
    assertThat(users.table()).isNotBlank();
    assertThat(platform.objectStorage("images")).isSameAs(images);
    // the first real use is where a missing setting shows, naming it
    assertThatThrownBy(() -> images.head("a.jpg")).hasMessageContaining("AzureWebJobsStorage");
  }
}
