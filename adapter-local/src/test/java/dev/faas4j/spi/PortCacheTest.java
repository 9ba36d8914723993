package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCacheTest {
  private final List<String> built = new ArrayList<>();
  private final PortCache cache = new PortCache(Map.of("FAAS4J_TABLE_USERS", "acme-prod-users")::get);

  private KeyValueStore users() {
    return cache.keyValueStore("users", (logical, physical) -> {
      built.add(logical + "->" + physical);
      return new InMemoryKeyValueStore(physical, Clock.systemUTC());
    });
  }

  @Test
  void aPortCostsNothingUntilFirstUsedThenItsClientIsBuiltOnceForThePhysicalName() {
    KeyValueStore first = users();
    KeyValueStore second = users();

    assertThat(second).isSameAs(first);
    assertThat(first.table()).isEqualTo("users"); // the logical name, without building anything
    assertThat(built).isEmpty();

    first.put("a", new byte[] {1}, null);
    second.get("a");

    assertThat(built).containsExactly("users->acme-prod-users");
  }
}
