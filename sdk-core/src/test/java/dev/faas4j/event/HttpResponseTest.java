package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseTest {

  @Test
  void okJsonWritesObjectWithJsonContentType() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Success");
    body.put("id", "u-1");

    HttpResponse r = HttpResponse.ok().json(body);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).contains("application/json");
    assertThat(r.text()).isEqualTo("{\"message\":\"Success\",\"id\":\"u-1\"}");
    assertThat(r.isTextual()).isTrue();
  }

  @Test
  void statusTextWritesUtf8PlainText() {
    HttpResponse r = HttpResponse.status(400).text("Missing name");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(r.body()).isEqualTo("Missing name".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void doesNotOverrideAContentTypeAlreadySet() {
    HttpResponse r = HttpResponse.ok().header("content-type", "application/problem+json").json(Map.of("a", 1));

    assertThat(r.headers().all("Content-Type")).containsExactly("application/problem+json");
  }

  @Test
  void routesSetCookieToCookies() {
    HttpResponse r = HttpResponse.status(302).header("Location", "/login")
        .header("set-cookie", "session=; Max-Age=0").cookie("theme=dark; Path=/").empty();

    assertThat(r.cookies()).containsExactly("session=; Max-Age=0", "theme=dark; Path=/");
    assertThat(r.headers().contains("Set-Cookie")).isFalse();
    assertThat(r.header("location")).contains("/login");
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nSet-Cookie: admin=1", "a\nb", "a\rb", "a\u0000b"})
  void rejectsResponseSplitting(String value) {
    assertThatThrownBy(() -> HttpResponse.ok().header("X-Echo", value))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Echo");
    assertThatThrownBy(() -> HttpResponse.ok().cookie(value))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Set-Cookie");
  }

  @Test
  void anIllegalHeaderNameIsAProgrammingErrorNotABadRequest() {
    assertThatThrownBy(() -> HttpResponse.ok().header("X Bad", "v"))
        .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(InvalidEventException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 99, 600, -200})
  void rejectsStatusOutsideRange(int status) {
    assertThatThrownBy(() -> HttpResponse.status(status))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(status));
  }

  @Test
  void acceptsStatusBounds() {
    assertThat(HttpResponse.status(100).empty().status()).isEqualTo(100);
    assertThat(HttpResponse.status(599).empty().status()).isEqualTo(599);
    assertThat(HttpResponse.created().empty().status()).isEqualTo(201);
    assertThat(HttpResponse.noContent().empty().status()).isEqualTo(204);
  }

  @ParameterizedTest
  @CsvSource({
      "text/html; charset=utf-8, true",
      "application/json, true",
      "application/problem+json, true",
      "application/xml, true",
      "application/javascript, true",
      "application/x-www-form-urlencoded, true",
      "image/png, false",
      "application/octet-stream, false"})
  void isTextualByContentType(String contentType, boolean textual) {
    assertThat(HttpResponse.ok().body(new byte[] {1}, contentType).isTextual()).isEqualTo(textual);
  }

  @Test
  void jsonAndTextResponsesAreTextualUnlessTheFunctionSetAnotherType() {
    assertThat(HttpResponse.ok().json(Map.of("a", 1)).isTextual()).isTrue();
    assertThat(HttpResponse.ok().text("hi").isTextual()).isTrue();
    assertThat(HttpResponse.ok().header("X-A", "1").json(Map.of("a", 1)).isTextual()).isTrue();
    assertThat(HttpResponse.ok().header("Content-Type", "image/png").json(Map.of("a", 1)).isTextual()).isFalse();
    assertThat(HttpResponse.ok().header("Content-Type", "application/octet-stream").text("hi").isTextual()).isFalse();
  }

  @Test
  void emptyBodyWithoutContentTypeIsNotTextual() {
    assertThat(HttpResponse.noContent().empty().isTextual()).isFalse();
  }

  @Test
  void copiesBodyArray() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    HttpResponse r = HttpResponse.ok().body(png, "image/png");
    png[1] = 'X';
    r.body()[2] = 'X';

    assertThat(r.body()).containsExactly((byte) 0x89, 'P', 'N', 'G');
  }

  @Test
  void bodyTextUsesCharsetOfContentType() {
    HttpResponse r = HttpResponse.ok().body("Grüße".getBytes(StandardCharsets.ISO_8859_1),
        "text/plain; charset=iso-8859-1");

    assertThat(r.text()).isEqualTo("Grüße");
  }

  @Test
  void toBuilderKeepsStatusHeadersAndCookies() {
    HttpResponse r = HttpResponse.status(404).header("X-A", "1").cookie("a=1").text("gone");

    HttpResponse copy = r.toBuilder().header("X-B", "2").text("still gone");

    assertThat(copy.status()).isEqualTo(404);
    assertThat(copy.header("x-a")).contains("1");
    assertThat(copy.header("x-b")).contains("2");
    assertThat(copy.cookies()).containsExactly("a=1");
    assertThat(copy.text()).isEqualTo("still gone");
  }

  @Test
  void toStringLeavesOutBodyAndCookies() {
    String s = HttpResponse.ok().cookie("session=s3cr3t").text("card 4111111111111111").toString();

    assertThat(s).contains("200").doesNotContain("s3cr3t", "4111");
  }

  @Test
  void readsAJsonBodyBack() {
    record Reply(String message, int id) {}
    HttpResponse r = HttpResponse.ok().json(java.util.Map.of("message", "Success", "id", 7));
    org.assertj.core.api.Assertions.assertThat(r.json(Reply.class)).isEqualTo(new Reply("Success", 7));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpResponse.ok().text("hi").json(Reply.class))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("Response body");
  }
}
