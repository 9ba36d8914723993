package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {

  record NewUser(String name, int age) {}

  private static HttpRequest.Builder post() {
    return HttpRequest.builder("POST", "/users");
  }

  @Test
  void upperCasesTheMethod() {
    assertThat(HttpRequest.builder("get", "/").build().method()).isEqualTo("GET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GE T", "GET\r\n", "G\u00c9T", "GET/"})
  void rejectsInvalidMethods(String method) {
    assertThatThrownBy(() -> HttpRequest.builder(method, "/").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP method is not valid");
  }

  @Test
  void rejectsPathWithoutLeadingSlash() {
    assertThatThrownBy(() -> HttpRequest.builder("GET", "users").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP path must start with '/'");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP path must start with '/'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a\u0000b", "/a\r\nSet-Cookie: x", "/a\tb", "/del\u007f"})
  void rejectsControlCharactersInPath(String path) {
    assertThatThrownBy(() -> HttpRequest.builder("GET", path).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP path contains a control character");
  }

  @Test
  void rejectsNullMethodAndPath() {
    assertThatThrownBy(() -> HttpRequest.builder(null, "/"))
        .isInstanceOf(NullPointerException.class).hasMessage("method must not be null");
    assertThatThrownBy(() -> HttpRequest.builder("GET", null))
        .isInstanceOf(NullPointerException.class).hasMessage("path must not be null");
  }

  @Test
  void parsesQueryFromRawQueryAndStripsQuestionMark() {
    HttpRequest r = HttpRequest.builder("GET", "/search").rawQuery("?q=a+b&page=2").build();

    assertThat(r.rawQuery()).isEqualTo("q=a+b&page=2");
    assertThat(r.queryParam("q")).contains("a b");
    assertThat(r.query().first("page")).contains("2");
  }

  @Test
  void malformedQueryIsABadRequestWhenRead() {
    HttpRequest r = HttpRequest.builder("GET", "/search").rawQuery("q=%zz").build();

    assertThat(r.rawQuery()).isEqualTo("q=%zz");
    assertThatThrownBy(r::query).isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> r.queryParam("q")).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void nullRawQueryMeansNone() {
    assertThat(HttpRequest.builder("GET", "/").rawQuery(null).build().rawQuery()).isEmpty();
  }

  @Test
  void bodyIsNeverNull() {
    HttpRequest none = post().body((byte[]) null).build();
    HttpRequest empty = post().body(new byte[0]).build();

    assertThat(none.body()).isEmpty();
    assertThat(none.hasBody()).isFalse();
    assertThat(empty.body()).isEmpty();
    assertThat(empty.bodyLength()).isZero();
  }

  @Test
  void copiesBody() {
    byte[] bytes = "{\"name\":\"Ann\"}".getBytes(StandardCharsets.UTF_8);
    HttpRequest r = post().body(bytes).build();
    bytes[2] = 'X';
    r.body()[3] = 'X';

    assertThat(r.text()).isEqualTo("{\"name\":\"Ann\"}");
  }

  @Test
  void readsJsonBody() {
    HttpRequest r = post().body("{\"name\":\"Ann\",\"age\":41,\"extra\":true}").build();

    assertThat(r.json(NewUser.class)).isEqualTo(new NewUser("Ann", 41));
  }

  @Test
  void textUsesCharsetOfContentType() {
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
    HttpRequest r = post().body(latin1).header("Content-Type", "text/plain; charset=ISO-8859-1").build();
    HttpRequest quoted = post().body(latin1).header("content-type", "text/plain;charset=\"iso-8859-1\"").build();
    HttpRequest dflt = post().body("Grüße").header("Content-Type", "text/plain").build();

    assertThat(r.text()).isEqualTo("Grüße");
    assertThat(quoted.text()).isEqualTo("Grüße");
    assertThat(dflt.text()).isEqualTo("Grüße");
  }

  @Test
  void unknownCharsetIsABadRequest() {
    HttpRequest r = post().body("x").header("Content-Type", "text/plain; charset=klingon-8").build();

    assertThatThrownBy(r::text).isInstanceOf(InvalidEventException.class).hasMessageContaining("charset");
  }

  @Test
  void sourceIpBlankIsEmpty() {
    assertThat(post().sourceIp(" ").build().sourceIp()).isEmpty();
    assertThat(post().sourceIp(null).build().sourceIp()).isEmpty();
    assertThat(post().sourceIp("203.0.113.7").build().sourceIp()).contains("203.0.113.7");
  }

  @Test
  void readsCookiesFromEveryCookieHeaderFirstWins() {
    HttpRequest r = HttpRequest.builder("GET", "/")
        .header("Cookie", "session=abc123; theme=\"dark mode\"")
        .header("cookie", "session=evil; lang=de")
        .build();

    assertThat(r.cookies()).containsExactly(
        Map.entry("session", "abc123"), Map.entry("theme", "dark mode"), Map.entry("lang", "de"));
    assertThat(r.cookie("session")).contains("abc123");
    assertThat(r.cookie("missing")).isEmpty();
  }

  @Test
  void ignoresMalformedCookieParts() {
    HttpRequest r = HttpRequest.builder("GET", "/")
        .header("Cookie", "=orphan; novalue; ; a=1; b=; c==x;").build();

    assertThat(r.cookies()).containsExactly(Map.entry("a", "1"), Map.entry("b", ""), Map.entry("c", "=x"));
  }

  @Test
  void noCookieHeaderMeansNoCookies() {
    assertThat(HttpRequest.builder("GET", "/").build().cookies()).isEmpty();
  }

  @Test
  void pathParamNamesTheMissingParameterAndTheDeclaredOnes() {
    HttpRequest r = HttpRequest.builder("GET", "/users/42").build().withPathParameters(Map.of("id", "42"));

    assertThat(r.pathParameter("id")).isEqualTo("42");
    assertThatThrownBy(() -> r.pathParameter("userId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No path parameter 'userId'; the matched route declares [id]");
  }

  @Test
  void withPathParametersKeepsEverythingElse() {
    HttpRequest r = HttpRequest.builder("PUT", "/users/42").rawQuery("dry=1").header("X-A", "1").body("b")
        .sourceIp("10.0.0.1").build();

    HttpRequest routed = r.withPathParameters(Map.of("id", "42"));

    assertThat(routed.method()).isEqualTo("PUT");
    assertThat(routed.queryParam("dry")).contains("1");
    assertThat(routed.header("x-a")).contains("1");
    assertThat(routed.text()).isEqualTo("b");
    assertThat(routed.sourceIp()).contains("10.0.0.1");
    assertThat(r.pathParameters()).isEmpty();
  }

  @Test
  void toStringLeavesOutBodyQueryValuesAndHeaderValues() {
    String s = HttpRequest.builder("POST", "/login").rawQuery("token=s3cr3t")
        .header("Authorization", "Bearer abc.def").body("{\"password\":\"hunter2\"}").build().toString();

    assertThat(s).contains("POST", "/login", "Authorization")
        .doesNotContain("s3cr3t", "abc.def", "hunter2");
  }
}
