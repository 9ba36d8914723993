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

  @ParameterizedTest
  @ValueSource(strings = {"get", "Get", "GET"})
  void methodsAreUpperCasedWhateverCaseTheyArriveIn(String method) {
    assertThat(HttpRequest.builder(method, "/").build().method()).isEqualTo("GET");
    assertThat(HttpRequest.builder("m-search", "/").build().method()).isEqualTo("M-SEARCH");
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

  // A body given as text (what the Azure worker and API Gateway hand over) is kept as text until read.

  @Test
  void textBodyReadTwiceGivesTwoEqualCopiesOfItsUtf8Bytes() {
    HttpRequest r = post().body("Grüße").build();

    byte[] first = r.body();
    first[0] = 'X';
    byte[] second = r.body();

    assertThat(second).isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8)).isNotSameAs(first);
    assertThat(r.text()).isEqualTo("Grüße");
  }

  @Test
  void textBodyNeverReadStillHasItsLengthInBytes() {
    HttpRequest r = post().body("Grüße").build();
    HttpRequest empty = post().body("").build();

    assertThat(r.hasBody()).isTrue();
    assertThat(r.bodyLength()).isEqualTo(7); // UTF-8 bytes, not characters
    assertThat(r.toString()).endsWith("body=7 bytes]");
    assertThat(empty.hasBody()).isFalse();
    assertThat(empty.bodyLength()).isZero();
    assertThat(empty.body()).isEmpty();
  }

  @Test
  void textBodyIsDecodedWithTheContentTypesCharsetFromItsUtf8Bytes() {
    // as before: the text is sent as UTF-8, so a Latin-1 Content-Type reads those bytes as Latin-1
    HttpRequest r = post().body("é").header("Content-Type", "text/plain; charset=ISO-8859-1").build();

    assertThat(r.text()).isEqualTo(new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }

  @Test
  void textBodyReadFromManyThreadsGivesEveryThreadTheSameBody() throws Exception {
    String json = "{\"name\":\"Zoë\",\"age\":7}";
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 20; round++) {
      HttpRequest r = post().body(json).build();
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.List<java.util.concurrent.Future<Boolean>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int kind = i % 4;
          reads.add(pool.submit(() -> {
            start.await();
            return switch (kind) {
              case 0 -> java.util.Arrays.equals(r.body(), utf8);
              case 1 -> r.bodyLength() == utf8.length;
              case 2 -> r.json(NewUser.class).equals(new NewUser("Zoë", 7));
              default -> r.text().equals(json) && r.hasBody();
            };
          }));
        }
        start.countDown();
        for (java.util.concurrent.Future<Boolean> read : reads) {
          assertThat(read.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "{\"name\":\"Jürgen\" \"age\":1}", "{\"name\":\"Ann\",\"age\":\"old\"}",
      "{\"name\":\"Ann\"", "[1,2]", "{\"name\":\"Ann\",\"age\":1} trailing", "\ufeff{\"name\":\"Ann\",\"age\":1}"})
  void textBodyBindsOrFailsExactlyAsItsBytesDo(String body) {
    HttpRequest text = post().body(body).build();
    HttpRequest bytes = post().body(body.getBytes(StandardCharsets.UTF_8)).build();

    Object fromBytes = outcome(() -> bytes.json(NewUser.class));
    Object fromText = outcome(() -> text.json(NewUser.class));

    assertThat(fromText).isEqualTo(fromBytes);
  }

  /** The value read, or the class and message of what was thrown. */
  private static Object outcome(java.util.function.Supplier<Object> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Test
  void malformedTextBodyIsABadRequestWithItsReasonAndNoPayload() {
    HttpRequest r = post().body("{\"name\": secret-value}").build();

    assertThatThrownBy(() -> r.json(NewUser.class)).isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("Request body is not valid JSON").hasMessageNotContaining("secret-value");
  }

  @Test
  void textBodyKeepsThroughToBuilderAndPathParameters() {
    HttpRequest r = post().body("{\"name\":\"Ann\",\"age\":1}").build();

    assertThat(r.toBuilder().build().json(NewUser.class)).isEqualTo(new NewUser("Ann", 1));
    assertThat(r.withPathParameters(Map.of("id", "1")).body()).isEqualTo(r.body());
    assertThat(r.toBuilder().body(new byte[] {1}).build().body()).containsExactly(1);
  }

  @Test
  void aSourceIpReaderRunsOnlyWhenTheAddressIsRead() {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    HttpRequest r = post().sourceIpFrom(() -> {
      reads.incrementAndGet();
      return "203.0.113.7";
    }).build();
    HttpRequest routed = r.withPathParameters(Map.of("id", "1"));

    assertThat(reads).hasValue(0);
    assertThat(r.sourceIp()).contains("203.0.113.7");
    assertThat(r.sourceIp()).contains("203.0.113.7");
    assertThat(reads).hasValue(1);
    assertThat(routed.sourceIp()).contains("203.0.113.7");
    assertThat(r.toBuilder().build().sourceIp()).contains("203.0.113.7");
    assertThat(post().sourceIpFrom(() -> " ").build().sourceIp()).isEmpty();
    assertThat(post().sourceIpFrom(() -> null).build().sourceIp()).isEmpty();
    assertThat(post().sourceIpFrom(() -> "x").sourceIp("192.0.2.1").build().sourceIp()).contains("192.0.2.1");
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

  @ParameterizedTest
  @ValueSource(longs = {1_741_614_052_123L, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE})
  void aTimeInEpochMillisReadsAsItsInstantAndSurvivesCopies(long millis) {
    HttpRequest r = post().requestTimeMillis(millis).build();

    assertThat(r.requestTime()).hasValue(java.time.Instant.ofEpochMilli(millis));
    assertThat(r.requestTime().get()).isSameAs(r.requestTime().get()); // made once
    assertThat(post().requestTimeMillis(millis).build().withPathParameters(Map.of("id", "1")).requestTime())
        .hasValue(java.time.Instant.ofEpochMilli(millis));
    assertThat(post().requestTimeMillis(millis).build().toBuilder().build().requestTime())
        .hasValue(java.time.Instant.ofEpochMilli(millis));
  }

  @Test
  void theLastTimeGivenWins() {
    java.time.Instant exact = java.time.Instant.parse("2025-03-10T13:40:52.123456789Z");
    assertThat(post().requestTimeMillis(1).requestTime(exact).build().requestTime()).hasValue(exact);
    assertThat(post().requestTime(exact).requestTimeMillis(1).build().requestTime())
        .hasValue(java.time.Instant.ofEpochMilli(1));
    assertThat(post().requestTimeMillis(1).requestTime(null).build().requestTime()).isEmpty();
    assertThat(post().build().requestTime()).isEmpty();
  }
}
