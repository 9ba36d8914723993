package dev.faas4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException;
import dev.faas4j.port.StoredObject;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBindingTest {
  record Order(String id, int cents) {}

  private static final byte[] ORDERS = "[{\"id\":\"o-1\",\"cents\":100},{\"id\":\"o-2\",\"cents\":250}]"
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void readsAListOfRecordsFromEveryEventAndStoredValue() {
    JsonType<List<Order>> orders = new JsonType<>() {};
    List<Order> expected = List.of(new Order("o-1", 100), new Order("o-2", 250));

    assertThat(HttpRequest.builder("POST", "/orders").body(ORDERS).build().json(orders)).isEqualTo(expected);
    assertThat(QueueMessage.builder().id("m").queue("q").time(Instant.EPOCH).body(ORDERS).build().json(orders))
        .isEqualTo(expected);
    assertThat(entry(ORDERS).json(orders)).isEqualTo(expected);
    assertThat(Json.fromBytes(ORDERS, orders)).isEqualTo(expected);
  }

  @Test
  void aListElementOfTheWrongShapeIsA400ThatNamesThePositionNotTheValue() {
    byte[] bad = "[{\"id\":\"o-1\",\"cents\":\"lots-of-hunter2\"}]".getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.builder("POST", "/orders").body(bad).build();

    assertThatThrownBy(() -> request.json(new JsonType<List<Order>>() {}))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("[0].cents")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aJsonTypeWithoutATypeArgumentIsRefused() {
    @SuppressWarnings("rawtypes")
    class Raw extends JsonType {}
    assertThatThrownBy(Raw::new).isInstanceOf(IllegalStateException.class).hasMessageContaining("type argument");
  }

  @Test
  void storedDataThatDoesNotDecodeIsAServerErrorNotBadInput() {
    byte[] corrupt = "{\"id\":".getBytes(StandardCharsets.UTF_8);
    StoredObject object = new StoredObject(new ObjectInfo("orders.json", corrupt.length, "etag",
        Optional.empty(), Map.of(), Instant.EPOCH, Optional.empty()), corrupt);

    assertThatThrownBy(() -> entry(corrupt).json(Order.class)).isInstanceOfSatisfying(KeyValueStoreException.class,
        e -> assertThat(Dispatcher.classify(e)).isEqualTo(Outcome.Status.SERVER_ERROR));
    assertThatThrownBy(() -> object.json(Order.class)).isInstanceOfSatisfying(ObjectStorageException.class,
        e -> assertThat(e.reason()).isEqualTo(PortException.Reason.UNKNOWN));
    assertThatThrownBy(() -> Json.fromBytes(corrupt, Order.class)).isInstanceOfSatisfying(
        IllegalStateException.class, e -> assertThat(Dispatcher.classify(e)).isEqualTo(Outcome.Status.SERVER_ERROR));
  }

  private static KeyValueEntry entry(byte[] value) {
    return new KeyValueEntry("k", value, 1, Optional.empty());
  }
}
