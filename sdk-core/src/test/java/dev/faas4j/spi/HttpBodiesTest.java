package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpBodiesTest {

  @Test
  void adaptersReadTheBodyWithoutACopyWhileFunctionsGetOne() {
    HttpResponse r = HttpResponse.ok().text("hi");

    assertThat(HttpBodies.of(r)).isSameAs(HttpBodies.of(r)).containsExactly('h', 'i');
    assertThat(r.body()).isNotSameAs(HttpBodies.of(r)).containsExactly('h', 'i');
    assertThat(HttpBodies.of(HttpResponse.noContent().empty())).isEmpty();
  }

  @Test
  void noOtherReaderCanBeInstalled() {
    HttpResponse.ok().empty(); // initialised, so its reader is in place

    assertThatThrownBy(() -> dev.faas4j.internal.ResponseBodies.install(response -> new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
    assertThat(HttpBodies.of(HttpResponse.ok().text("a"))).containsExactly('a');
  }
}
