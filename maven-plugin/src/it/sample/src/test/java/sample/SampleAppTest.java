package sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.Json;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.TestEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs with faas4j's BOM imported before Google's libraries-bom: Jackson stays at sdk-core's version. */
class SampleAppTest {
  private final FunctionTester app = FunctionTester.forApp(new SampleApp());

  @Test
  void greets() {
    HttpResponse response = app.http().call(TestEvents.http("GET", "/hello/ann"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("hello ann");
  }

  @Test
  void storesANote() {
    assertThat(app.http().call(TestEvents.http("PUT", "/notes/n1").text("milk")).status()).isEqualTo(204);
    assertThat(app.http().call(TestEvents.http("GET", "/notes/n1")).text()).isEqualTo("milk");
    assertThat(new String(Json.toBytes(Map.of("note", "milk")), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"note\":\"milk\"}");
  }
}
