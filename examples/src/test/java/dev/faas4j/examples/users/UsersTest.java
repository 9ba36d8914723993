package dev.faas4j.examples.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.Json;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersTest {
  private final FunctionTester app = FunctionTester.forApp(new Users());

  record Created(String message, String id) {}

  @Test
  void createsAUserAndReadsItBack() {
    HttpResponse created = app.http().call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")));
    assertThat(created.status()).isEqualTo(200);
    Created body = created.json(Created.class);
    assertThat(body.message()).isEqualTo("Success");

    HttpResponse read = app.http().call(TestEvents.http("GET", "/users/" + body.id()));
    assertThat(read.json(User.class).name()).isEqualTo("Ada");
  }

  @Test
  void missingNameIsA400() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/users").json(Map.of("nickname", "Ada")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).isEqualTo("Missing name");
  }

  @Test
  void malformedJsonIsA400NotA500() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/users").json("{\"name\": "));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("not valid JSON").doesNotContain("Exception");
  }

  @Test
  void announcesTheNewUserOnTheUserCreatedTopic() {
    ManualClock clock = ManualClock.startingAtEpochOf2030();
    InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
    FunctionTester tester = FunctionTester.forApp(new Users(), platform);

    Created body = tester.http().call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")))
        .json(Created.class);

    assertThat(platform.messagePublisher("user-created").published())
        .extracting(sent -> Json.fromBytes(sent.message().body(), UserCreated.class))
        .containsExactly(new UserCreated(body.id(), "Ada", clock.instant()));
  }

  @Test
  void nothingIsSavedOrPublishedForARejectedRequest() {
    InMemoryPlatform platform = new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of());
    FunctionTester tester = FunctionTester.forApp(new Users(), platform);

    tester.http().call(TestEvents.http("POST", "/users").json(Map.of("name", " ")));
    tester.http().call(TestEvents.http("POST", "/users").text("name=Ada"));

    assertThat(platform.keyValueStore("users").scan("", null, 10).entries()).isEmpty();
    assertThat(platform.messagePublisher("user-created").published()).isEmpty();
  }

  @Test
  void unknownUserIsA404() {
    assertThat(app.http().call(TestEvents.http("GET", "/users/nobody")).status()).isEqualTo(404);
  }
}
