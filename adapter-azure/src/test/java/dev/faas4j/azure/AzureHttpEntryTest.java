package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.event.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HTTP through the real entry methods, with requests shaped as the Java worker delivers them. */
class AzureHttpEntryTest {

  @Test
  void routesByFunctionNameAndRebuildsTheQueryFromTheRawUri() {
    FakeWorker.Context ctx = new FakeWorker.Context("getUser");
    HttpResponseMessage response = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET,
        "https://app.azurewebsites.net/api/users/42?tag=a&tag=b%2Cc&empty=&plus=1%2B1", Optional.<String>empty(),
        "Accept", "application/json", "X-Forwarded-For", "203.0.113.7:52311, 10.0.0.1"), ctx);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(new String((byte[]) response.getBody(), StandardCharsets.UTF_8))
        .contains("\"id\":\"42\"").contains("\"tags\":[\"a\",\"b,c\"]");
    HttpRequest seen = TestApp.last(HttpRequest.class);
    assertThat(seen.path()).isEqualTo("/users/42");
    assertThat(seen.query().first("empty")).contains("");
    assertThat(seen.queryParam("plus")).contains("1+1");
    assertThat(seen.header("ACCEPT")).contains("application/json");
    assertThat(seen.sourceIp()).contains("203.0.113.7");
  }

  @Test
  void everyRequestGetsItsOwnPathWhenPathsAlternate() {
    for (String id : new String[] {"1", "2", "2", "1", "%31"}) {
      FakeWorker.Context ctx = new FakeWorker.Context("getUser");
      AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET, "http://localhost/api/users/" + id,
          Optional.<String>empty()), ctx);

      HttpRequest seen = TestApp.last(HttpRequest.class);
      String decoded = id.equals("%31") ? "1" : id;
      assertThat(seen.path()).isEqualTo("/users/" + decoded);
      assertThat(seen.requestPath()).isEqualTo("/api/users/" + decoded);
      assertThat(seen.pathParameter("id")).isEqualTo(decoded);
    }
  }

  record Message(String message) {}

  /** A handler of its own: a function that binds the worker's text body, and one that reports what it sees. */
  private static AzureHandler bodies(java.util.List<Object> seen) {
    return new AzureHandler((f, p) -> {
      f.http("bind", dev.faas4j.trigger.Triggers.route("POST /bind"),
          (r, c) -> dev.faas4j.event.HttpResponse.ok().json(r.json(Message.class)));
      f.http("look", dev.faas4j.trigger.Triggers.route("POST /look"), (r, c) -> {
        seen.add(r.bodyLength());
        seen.add(r.sourceIp().orElse("none"));
        return dev.faas4j.event.HttpResponse.ok().body(r.body(), "application/octet-stream");
      });
    }, new dev.faas4j.port.memory.InMemoryPlatform(), java.util.Map.<String, String>of()::get);
  }

  @Test
  void theWorkersTextBodyBindsAsSentAndMalformedJsonIsA400WithItsReason() {
    AzureHandler handler = bodies(new java.util.ArrayList<>());

    HttpResponseMessage ok = handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/bind",
        Optional.of("{\"message\":\"café ☕\"}"), "Content-Type", "application/json"), new FakeWorker.Context("bind"));
    HttpResponseMessage bad = handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/bind",
        Optional.of("{\"message\": secret-value}"), "Content-Type", "application/json"),
        new FakeWorker.Context("bind"));

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(new String((byte[]) ok.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"café ☕\"}");
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(new String((byte[]) bad.getBody(), StandardCharsets.UTF_8))
        .contains("Request body is not valid JSON (line 1, column").doesNotContain("secret-value");
  }

  @Test
  void theWorkersTextIsSentOnInItsCharsetAndTheCallerIsCutWhenAskedFor() {
    java.util.List<Object> seen = new java.util.ArrayList<>();
    AzureHandler handler = bodies(seen);

    HttpResponseMessage utf8 = handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/look",
        Optional.of("é☕"), "Content-Type", "text/plain", "X-Forwarded-For", "[2001:db8::1]:443, 10.0.0.1"),
        new FakeWorker.Context("look"));
    HttpResponseMessage latin1 = handler.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/look",
        Optional.of("é"), "Content-Type", "text/plain; charset=iso-8859-1"), new FakeWorker.Context("look"));

    assertThat((byte[]) utf8.getBody()).isEqualTo("é☕".getBytes(StandardCharsets.UTF_8));
    assertThat((byte[]) latin1.getBody()).containsExactly(0xe9);
    assertThat(seen).containsExactly(5, "2001:db8::1", 1, "none");
  }

  @Test
  void aHeaderMapNotLowerCasedByTheHostIsReadTheSameWay() {
    java.util.List<Object> seen = new java.util.ArrayList<>();
    AzureHandler handler = bodies(seen);

    HttpResponseMessage latin1 = handler.http(FakeWorker.Request.namesAsGiven(HttpMethod.POST,
        "http://localhost/api/look", Optional.of("\u00e9"), "Content-Type", "text/plain; charset=iso-8859-1",
        "X-Forwarded-For", "198.51.100.4:443"), new FakeWorker.Context("look"));

    assertThat((byte[]) latin1.getBody()).containsExactly(0xe9);
    assertThat(seen).containsExactly(1, "198.51.100.4");
  }

  @Test
  void eachRequestsContentTypeDecidesItsCharsetAndAnUnsupportedOneIsA400EveryTime() {
    java.util.List<Object> seen = new java.util.ArrayList<>();
    AzureHandler handler = bodies(seen);
    java.util.function.BiFunction<String, String, HttpResponseMessage> look = (type, text) -> handler.http(
        new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/look", Optional.of(text), "Content-Type", type),
        new FakeWorker.Context("look"));

    // the type each request names is read for it, whether the one before named the same or another
    HttpResponseMessage latin1 = look.apply("text/plain; charset=iso-8859-1", "é");
    HttpResponseMessage utf8 = look.apply("text/plain", "é");
    HttpResponseMessage utf16 = look.apply("text/plain; charset=UTF-16BE", "é");
    HttpResponseMessage latin1Again = look.apply("text/plain; charset=iso-8859-1", "é");
    HttpResponseMessage unsupported = look.apply("text/plain; charset=x-no-such-charset", "é");
    HttpResponseMessage unsupportedAgain = look.apply("text/plain; charset=x-no-such-charset", "é");

    assertThat((byte[]) latin1.getBody()).containsExactly(0xe9);
    assertThat((byte[]) utf8.getBody()).containsExactly(0xc3, 0xa9);
    assertThat((byte[]) utf16.getBody()).containsExactly(0x00, 0xe9);
    assertThat((byte[]) latin1Again.getBody()).containsExactly(0xe9);
    assertThat(unsupported.getStatusCode()).isEqualTo(400);
    assertThat(unsupportedAgain.getStatusCode()).isEqualTo(400);
    assertThat(seen).containsExactly(1, "none", 2, "none", 2, "none", 1, "none");
  }

  @Test
  void keepsCommaJoinedHeaderValuesAndSplitsJoinedCookieHeaders() {
    FakeWorker.Context ctx = new FakeWorker.Context("echo");
    AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost:7071/api/echo",
        Optional.of("{}"), "Content-Type", "application/json", "X-Multi", "1", "X-Multi", "2", "Cookie", "a=1",
        "Cookie", "b=2"), ctx);

    HttpRequest seen = TestApp.last(HttpRequest.class);
    assertThat(seen.header("x-multi")).contains("1,2");
    assertThat(seen.cookies()).containsEntry("a", "1").containsEntry("b", "2");

    AzureFunctions.http(FakeWorker.Request.namesAsGiven(HttpMethod.POST, "http://localhost:7071/api/echo",
        Optional.of("{}"), "Cookie", "c=3,d=4"), ctx);
    assertThat(TestApp.last(HttpRequest.class).cookies()).containsEntry("c", "3").containsEntry("d", "4");
  }

  @Test
  void headersAreTheWorkersAsSentAndAnIllegalNameIsA400BeforeTheFunctionRuns() {
    AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/echo", Optional.of("{}"),
        "Content-Type", "application/json", "X-A", "1", "x-a", "2"), new FakeWorker.Context("echo"));
    HttpRequest seen = TestApp.last(HttpRequest.class);
    assertThat(seen.contentType()).contains("application/json");
    assertThat(seen.headers().all("X-A")).containsExactly("1,2");
    assertThat(seen.headers().names()).containsExactlyInAnyOrder("content-type", "x-a");
    assertThat(seen.origin().headers()).isEqualTo(seen.headers());
    assertThat(seen.sourceIp()).isEmpty();

    TestApp.RECEIVED.clear();
    HttpResponseMessage bad = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/echo", Optional.of("{}"), "x bad", "1"), new FakeWorker.Context("echo"));
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(TestApp.RECEIVED).isEmpty();
  }

  @Test
  void stringAndByteBodiesBothArriveAsBytes() {
    byte[] binary = {0, 1, 2, (byte) 0xff};
    HttpResponseMessage bytes = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/echo", Optional.of(binary), "Content-Type", "application/octet-stream"),
        new FakeWorker.Context("echo"));
    assertThat((byte[]) bytes.getBody()).isEqualTo(binary);

    HttpResponseMessage text = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/echo", Optional.of("grüße"), "Content-Type", "text/plain; charset=utf-8"),
        new FakeWorker.Context("echo"));
    assertThat(new String((byte[]) text.getBody(), StandardCharsets.UTF_8)).isEqualTo("grüße");
    assertThat(text.getHeader("Content-Type")).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void emptyBodyIsZeroBytesAndTheResponseHasNoBody() {
    AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/echo",
        Optional.<String>empty()), new FakeWorker.Context("echo"));

    assertThat(TestApp.last(HttpRequest.class).bodyLength()).isZero();
  }

  @Test
  void binaryBodyDecodedAsTextByTheHostIsFlaggedInTheInvocationLog() {
    FakeWorker.Context ctx = new FakeWorker.Context("echo");
    AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/echo",
        Optional.of("\uFFFDPNG\r\n"), "Content-Type", "image/png"), ctx);

    assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("binary body as text")
        .contains("\"contentType\":\"image/png\"").contains(ctx.invocationId));
  }

  @Test
  void theBinaryBodyWarningFollowsEachRequestsOwnContentType() {
    java.util.function.Function<String, FakeWorker.Context> echo = type -> {
      FakeWorker.Context ctx = new FakeWorker.Context("echo");
      AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST, "http://localhost/api/echo",
          Optional.of("\uFFFDPNG\r\n"), "Content-Type", type), ctx);
      return ctx;
    };

    FakeWorker.Context png = echo.apply("image/png");
    FakeWorker.Context json = echo.apply("application/json");
    FakeWorker.Context pngAgain = echo.apply("image/png");

    assertThat(png.lines()).anySatisfy(line -> assertThat(line).contains("binary body as text"));
    assertThat(json.lines()).noneSatisfy(line -> assertThat(line).contains("binary body as text"));
    assertThat(pngAgain.lines()).anySatisfy(line -> assertThat(line).contains("binary body as text"));
  }

  @Test
  void onlyTheFirstSetCookieCanBeSentAndTheRestAreReported() {
    FakeWorker.Context ctx = new FakeWorker.Context("cookies");
    HttpResponseMessage response = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET,
        "http://localhost/api/cookies", Optional.<String>empty()), ctx);

    assertThat(response.getHeader("Set-Cookie")).isEqualTo("a=1; Path=/");
    assertThat(response.getHeader("X-Multi")).isEqualTo("one, two");
    assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("\"droppedValues\":1"));
  }

  @Test
  void logsGoThroughTheInvocationLoggerWithTheInvocationAndTraceIds() {
    FakeWorker.Context ctx = new FakeWorker.Context("echo");
    HttpResponseMessage response = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/echo", Optional.of("x"), "Content-Type", "text/plain"), ctx);

    assertThat(response.getHeader("X-Invocation")).isEqualTo(ctx.invocationId);
    assertThat(ctx.lines()).anySatisfy(line -> assertThat(line).contains("\"message\":\"echoing\"")
        .contains("\"invocationId\":\"" + ctx.invocationId + "\"").contains("\"function\":\"echo\"")
        .contains("\"operationId\":\"0af7651916cd43dd8448eb211c80319c\"").contains("\"spanId\":\""));
  }

  @Test
  void errorsFollowTheDispatcherPolicy() {
    assertThat(AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET, "http://localhost/api/fail/bad",
        Optional.<String>empty()), new FakeWorker.Context("failing")).getStatusCode()).isEqualTo(400);
    HttpResponseMessage failed = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET,
        "http://localhost/api/fail/boom", Optional.<String>empty()), new FakeWorker.Context("failing"));
    assertThat(failed.getStatusCode()).isEqualTo(500);
    assertThat(new String((byte[]) failed.getBody(), StandardCharsets.UTF_8)).doesNotContain("secret");
  }

  @Test
  void malformedPathEncodingIsABadRequest() {
    HttpResponseMessage response = AzureFunctions.http(new FakeWorker.Request<>(HttpMethod.GET,
        "http://localhost/api/users/%FF%FE", Optional.<String>empty()), new FakeWorker.Context("getUser"));

    assertThat(response.getStatusCode()).isEqualTo(400);
  }

  @Test
  void eventGridSubscriptionValidationIsAnsweredOverHttp() throws IOException {
    HttpResponseMessage response = AzureFunctions.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/blobChanges", Optional.of(resource("eventgrid-validation.json")), "aeg-event-type",
        "SubscriptionValidation", "Content-Type", "application/json"), new FakeWorker.Context("blobChanges"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(new String((byte[]) response.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}");
  }

  @Test
  void cloudEventsWebhookHandshakeIsAnswered() {
    HttpResponseMessage response = AzureFunctions.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.OPTIONS,
        "http://localhost/api/blobChanges", Optional.<String>empty(), "WebHook-Request-Origin",
        "eventemitter.example.com"), new FakeWorker.Context("blobChanges"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("WebHook-Allowed-Origin")).isEqualTo("eventemitter.example.com");
  }

  @Test
  void eventGridWebhookBatchReachesTheBucketFunctionAndBadBatchesAre400() throws IOException {
    HttpResponseMessage ok = AzureFunctions.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/blobChanges", Optional.of(resource("eventgrid-blob-created.json"))),
        new FakeWorker.Context("blobChanges"));
    assertThat(ok.getStatusCode()).isEqualTo(204); // any 2xx acknowledges the batch

    HttpResponseMessage bad = AzureFunctions.eventGridWebhook(new FakeWorker.Request<>(HttpMethod.POST,
        "http://localhost/api/blobChanges", Optional.of("[{\"eventType\": 3")), new FakeWorker.Context("blobChanges"));
    assertThat(bad.getStatusCode()).isEqualTo(400);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AzureHttpEntryTest.class.getResourceAsStream("/azure/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
