package dev.faas4j.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRouteTest {

  @Test
  void parsesMethodsAndPath() {
    HttpRoute r = HttpRoute.parse("get, head  /users/{id}");

    assertThat(r.methods()).containsExactly("GET", "HEAD");
    assertThat(r.path()).isEqualTo("/users/{id}");
    assertThat(r.describe()).isEqualTo("GET,HEAD /users/{id}");
    assertThat(r.parameterNames()).containsExactly("id");
  }

  @Test
  void anyAndStarMeanEveryMethod() {
    assertThat(HttpRoute.parse("ANY /proxy/{path+}").methods()).isEmpty();
    assertThat(HttpRoute.of("*", "/x").allowsMethod("DELETE")).isTrue();
    assertThat(HttpRoute.parse("ANY /x").describe()).isEqualTo("ANY /x");
  }

  @Test
  void matchesPathParameters() {
    HttpRoute r = Triggers.route("GET /users/{userId}/orders/{orderId}");

    assertThat(r.match("/users/u-1/orders/o-9")).contains(Map.of("userId", "u-1", "orderId", "o-9"));
    assertThat(r.match("/users/u-1/orders")).isEmpty();
    assertThat(r.match("/users/u-1/orders/o-9/items")).isEmpty();
    assertThat(r.match("/users//orders/o-9")).isEmpty();
    assertThat(r.match("/Users/u-1/orders/o-9")).isEmpty();
  }

  @Test
  void ignoresOneTrailingSlash() {
    HttpRoute r = Triggers.route("GET /users");

    assertThat(r.match("/users/")).contains(Map.of());
    assertThat(r.match("/users")).contains(Map.of());
    assertThat(r.match("/users//")).isEmpty();
    assertThat(Triggers.route("GET /users/").match("/users")).contains(Map.of());
  }

  @Test
  void rootRouteMatchesOnlyRoot() {
    HttpRoute r = Triggers.route("GET /");

    assertThat(r.match("/")).contains(Map.of());
    assertThat(r.match("/a")).isEmpty();
  }

  @Test
  void greedyParameterSpansSegments() {
    HttpRoute r = Triggers.route("GET /files/{path+}");

    assertThat(r.match("/files/2026/03/report.pdf")).contains(Map.of("path", "2026/03/report.pdf"));
    assertThat(r.match("/files/a")).contains(Map.of("path", "a"));
    assertThat(r.match("/files")).isEmpty();
    assertThat(r.match("/files/")).isEmpty();
  }

  @Test
  void literalSegmentsAreMoreSpecificThanParameters() {
    HttpRoute me = Triggers.route("GET /users/me");
    HttpRoute byId = Triggers.route("GET /users/{id}");
    HttpRoute greedy = Triggers.route("GET /users/{rest+}");

    assertThat(me.specificity()).isGreaterThan(byId.specificity());
    assertThat(byId.specificity()).isGreaterThan(greedy.specificity());
  }

  @Test
  void headIsAllowedByGet() {
    HttpRoute r = Triggers.route("GET /users");

    assertThat(r.allowsMethod("HEAD")).isTrue();
    assertThat(r.allowsMethod("GET")).isTrue();
    assertThat(r.allowsMethod("POST")).isFalse();
    assertThat(Triggers.route("HEAD /users").allowsMethod("GET")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET users", "GET /users/{bad-name}", "GET /a/{id}/b/{id}", "GET /files/{path+}/meta",
      "GET /a//b", "FETCH /users", "GET /users?x=1", "GET /a/{}", "GET /a/{id}.json", "GET /a b/c"})
  void rejectsInvalidRoutesNamingTheRoute(String route) {
    String path = route.substring(route.indexOf(' ') + 1);

    assertThatThrownBy(() -> Triggers.route(route))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining(path);
  }

  @Test
  void rejectsRouteWithoutMethod() {
    assertThatThrownBy(() -> Triggers.route("/users"))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("'/users'").hasMessageContaining("METHOD");
    assertThatThrownBy(() -> Triggers.route(" , ", "/users"))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("/users");
  }

  @Test
  void messagesSayWhatIsWrong() {
    assertThatThrownBy(() -> Triggers.route("GET /a/{id}/b/{id}")).hasMessageContaining("declares parameter 'id' twice");
    assertThatThrownBy(() -> Triggers.route("GET /f/{p+}/x")).hasMessageContaining("must be the last segment");
    assertThatThrownBy(() -> Triggers.route("GET /a//b")).hasMessageContaining("empty segment");
    assertThatThrownBy(() -> Triggers.route("FETCH /a")).hasMessageContaining("unknown HTTP method 'FETCH'");
    assertThatThrownBy(() -> Triggers.route("GET /{bad-name}")).hasMessageContaining("invalid parameter name 'bad-name'");
  }

  @Test
  void equalRoutesAreEqual() {
    assertThat(Triggers.route("GET /a")).isEqualTo(Triggers.route("GET", "/a"));
  }
}
