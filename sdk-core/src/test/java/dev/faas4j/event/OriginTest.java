package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OriginTest {

  @Test
  void lazyOriginIsReadOnFirstUseOnlyAndOnce() {
    AtomicInteger reads = new AtomicInteger();
    Origin o = Origin.lazy("aws", () -> {
      reads.incrementAndGet();
      return Origin.of("aws", Map.of("aws.x.y", "1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
          Headers.empty());
    });

    assertThat(o.platform()).isEqualTo("aws");
    assertThat(reads).hasValue(0);
    assertThat(o.toString()).contains("unread").doesNotContain("a\":1");
    assertThat(o.payloadLength()).isEqualTo(7);
    assertThat(new String(o.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(reads).hasValue(1);
    assertThat(o.attribute("aws.x.y")).contains("1");
  }

  @Test
  void payloadIsACopy() {
    byte[] bytes = {1, 2};
    Origin o = Origin.of("aws", Map.of(), bytes, Headers.empty());

    o.payload()[0] = 9;

    assertThat(o.payload()).containsExactly(1, 2);
  }

  @Test
  void immutableAttributesAreKeptAsTheyAreAndOthersCopied() {
    Map<String, String> immutable = Map.of("gcp.x.y", "1");
    Map<String, String> mutable = new HashMap<>(immutable);

    assertThat(Origin.of("gcp", immutable, new byte[0], Headers.empty()).attributes()).isSameAs(immutable);
    Map<String, String> copied = Origin.of("gcp", mutable, new byte[0], Headers.empty()).attributes();
    mutable.put("gcp.x.z", "2");
    assertThat(copied).isNotSameAs(mutable).containsExactly(Map.entry("gcp.x.y", "1"));
  }

  @Test
  void nullAttributeNamesOrValuesAreRejectedWithTheArgumentsName() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("gcp.x.y", null);
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "1");

    assertThatThrownBy(() -> Origin.of("gcp", nullValue, new byte[0], Headers.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("attributes must not contain null keys or values");
    assertThatThrownBy(() -> Origin.of("gcp", nullName, new byte[0], Headers.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("attributes must not contain null keys or values");
  }
}
