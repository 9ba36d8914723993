package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.testkit.AppHarness;
import dev.faas4j.local.testkit.TestEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole app in memory: HTTP requests in, the queue drained, no cloud and no server. */
class GreetingsAppTest {
  private final AppHarness app = AppHarness.start(new GreetingsApp());

  @Test
  void aRequestedGreetingIsWrittenByTheQueueFunction() {
    HttpResponse queued = app.http(TestEvents.http("POST", "/greetings").json(Map.of("name", "Ada")).build());
    assertThat(queued.status()).isEqualTo(202);
    assertThat(app.http(TestEvents.http("GET", "/greetings/Ada").build()).status()).isEqualTo(404);

    app.drain(); // runs the queue function

    HttpResponse greeting = app.http(TestEvents.http("GET", "/greetings/Ada").build());
    assertThat(greeting.status()).isEqualTo(200);
    assertThat(greeting.text()).isEqualTo("Hello, Ada!");
    app.logs().assertNoErrors();
  }

  @Test
  void aRequestWithoutANameIsA400() {
    HttpResponse response = app.http(TestEvents.http("POST", "/greetings").json(Map.of()).build());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).isEqualTo("Missing name");
  }

  @Test
  void malformedJsonIsA400NotA500() {
    HttpResponse response = app.http(TestEvents.http("POST", "/greetings").text("{not json").build());
    assertThat(response.status()).isEqualTo(400);
  }
}
