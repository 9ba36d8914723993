package dev.faas4j.examples.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.TestEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersTest {
  private final FunctionTester app = FunctionTester.forApp(new Users());

  record Created(String message, String id) {}

  @Test
  void createsAUserAndReadsItBack() {
    HttpResponse created = app.http().call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")));
    assertThat(created.status()).isEqualTo(200);
    Created body = created.bodyJson(Created.class);
    assertThat(body.message()).isEqualTo("Success");

    HttpResponse read = app.http().call(TestEvents.http("GET", "/users/" + body.id()));
    assertThat(read.bodyJson(User.class).name()).isEqualTo("Ada");
  }

  @Test
  void missingNameIsA400() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/users").json(Map.of("nickname", "Ada")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).isEqualTo("Missing name");
  }

  @Test
  void malformedJsonIsA400NotA500() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/users").json("{\"name\": "));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).contains("not valid JSON").doesNotContain("Exception");
  }

  @Test
  void unknownUserIsA404() {
    assertThat(app.http().call(TestEvents.http("GET", "/users/nobody")).status()).isEqualTo(404);
  }
}
