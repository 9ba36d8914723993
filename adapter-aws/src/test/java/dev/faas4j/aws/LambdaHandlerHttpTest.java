package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.handler;
import static dev.faas4j.aws.Fixtures.invoke;
import static dev.faas4j.aws.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.spi.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaHandlerHttpTest {
  private final RecordingApp app = new RecordingApp();
  private final LambdaHandler handler = handler(app);

  // ---------------------------------------------------------------- API Gateway REST (payload 1.0)

  @Test
  void restRequestKeepsEveryRepeatedHeaderAndQueryValue() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("apigw-rest.json"));

    HttpRequest request = app.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/echo/hello world");
    assertThat(request.query().all("name")).containsExactly("you", "me");
    assertThat(request.query().all("q")).containsExactly("a+b c"); // already decoded by API Gateway, not again
    assertThat(request.headers().all("header2")).containsExactly("value1", "value2");
    assertThat(request.headers().all("HEADER3")).containsExactly("value1,value2");
    assertThat(request.header("CACHE-CONTROL")).contains("no-cache");
    assertThat(request.text()).isEqualTo("{\"message\":\"hello\"}");
    assertThat(request.sourceIp()).contains("192.0.2.10");
    assertThat(request.pathParameter("rest")).isEqualTo("hello world");
    assertThat(response.get("statusCode").asInt()).isEqualTo(201);
  }

  @Test
  void restResponseWritesMultiValueHeadersAndEverySetCookie() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("apigw-rest.json"));

    assertThat(texts(response.at("/multiValueHeaders/X-Multi"))).containsExactly("one", "two");
    assertThat(texts(response.at("/multiValueHeaders/Set-Cookie"))).containsExactly("a=1; Path=/", "b=2; HttpOnly");
    assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("application/json");
    assertThat(response.at("/headers").has("X-Multi")).isFalse();
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(WireJson.tree(response.get("body").asText().getBytes(StandardCharsets.UTF_8), "body").get("path").asText())
        .isEqualTo("/echo/hello world");
  }

  @Test
  void consoleTestInvocationWithNullMapsAndNullBodyWorks() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("apigw-rest-console.json"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("body").asText()).isEqualTo("ok");
  }

  @Test
  void restFallsBackToSingleValueMapsWhenMultiValueOnesAreMissing() throws Exception {
    ObjectNode event = tree("apigw-rest.json");
    event.remove("multiValueHeaders");
    event.remove("multiValueQueryStringParameters");

    invoke(handler, event);

    HttpRequest request = app.requests.get(0);
    assertThat(request.query().all("name")).containsExactly("me");
    assertThat(request.headers().all("Header2")).containsExactly("value2");
  }

  @Test
  void emptyStringNullAndMissingBodyAreAllNoBody() throws Exception {
    for (String variant : List.of("empty", "null", "missing")) {
      ObjectNode event = tree("apigw-rest.json");
      switch (variant) {
        case "empty" -> event.put("body", "");
        case "null" -> event.putNull("body");
        default -> event.remove("body");
      }
      invoke(handler, event);
    }

    assertThat(app.requests).hasSize(3).allSatisfy(r -> {
      assertThat(r.hasBody()).isFalse();
      assertThat(r.body()).isEmpty();
    });
  }

  // ---------------------------------------------------------------- HTTP API 2.0 and Function URLs

  @Test
  void httpApiRebuildsTheQueryFromRawQueryStringAndDecodesOnce() throws Exception {
    invoke(handler, Fixtures.bytes("http-api-v2.json"));

    HttpRequest request = app.requests.get(0);
    assertThat(request.rawQuery()).isEqualTo("tag=a%2Bb&tag=c+d&empty=&flag");
    assertThat(request.query().all("tag")).containsExactly("a+b", "c d");
    assertThat(request.query().all("empty")).containsExactly("");
    assertThat(request.query().all("flag")).containsExactly("");
    assertThat(request.path()).isEqualTo("/echo/café");
    assertThat(request.header("X-MULTI")).contains("one,two");
    assertThat(request.sourceIp()).contains("203.0.113.9");
  }

  @Test
  void httpApiCookiesArrayBecomesTheCookieHeader() throws Exception {
    invoke(handler, Fixtures.bytes("http-api-v2.json"));

    assertThat(app.requests.get(0).cookies()).containsExactly(Map.entry("session", "abc123"),
        Map.entry("theme", "dark"));
  }

  @Test
  void httpApiResponseUsesCookiesArrayAndCommaJoinedHeaders() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("http-api-v2.json"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(201);
    assertThat(texts(response.get("cookies"))).containsExactly("a=1; Path=/", "b=2; HttpOnly");
    assertThat(response.at("/headers/X-Multi").asText()).isEqualTo("one,two");
    assertThat(response.has("multiValueHeaders")).isFalse();
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void httpApiStripsANonDefaultStageFromRawPath() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    event.put("rawPath", "/prod/echo/x");
    ((ObjectNode) event.get("requestContext")).put("stage", "prod");

    invoke(handler, event);

    dev.faas4j.event.HttpRequest r = app.requests.get(0);
    assertThat(r.path()).isEqualTo("/echo/x");
    // the path as the client sent it keeps the stage, and the stage and route are in the origin
    assertThat(r.requestPath()).isEqualTo("/prod/echo/x");
    assertThat(r.requestTime()).contains(java.time.Instant.ofEpochMilli(1712481243512L));
    assertThat(r.origin().attributes()).containsEntry("aws.apigateway.stage", "prod")
        .containsEntry("aws.apigateway.routeKey", "$default")
        .containsEntry("aws.apigateway.requestId", "JKJaXmPLvHcESHA=");
  }

  @Test
  void httpApiWithoutOptionalKeysStillMaps() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    for (String key : List.of("cookies", "queryStringParameters", "body", "rawQueryString", "headers")) {
      event.remove(key);
    }
    event.putNull("pathParameters");

    invoke(handler, event);

    HttpRequest request = app.requests.get(0);
    assertThat(request.rawQuery()).isEmpty();
    assertThat(request.headers().isEmpty()).isTrue();
    assertThat(request.hasBody()).isFalse();
  }

  @Test
  void functionUrlDecodesBase64BodyAndDeduplicatesTheCookieHeader() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("function-url.json"));

    HttpRequest request = app.requests.get(0);
    byte[] png = request.body();
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(request.headers().all("cookie")).containsExactly("a=1; b=2");
    assertThat(request.header("x-amzn-tls-version")).contains("TLSv1.3");
    // a binary response goes back base64-encoded
    assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(response.get("body").asText())).isEqualTo(png);
    assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("image/png");
  }

  @Test
  void invocationContextCarriesRequestIdDeadlineAndXRayTrace() throws Exception {
    Instant before = Instant.now();
    Fixtures.invokeRaw(handler, Fixtures.bytes("http-api-v2.json"), new TestLambdaContext("req-42", 12_000,
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));

    var ctx = app.contexts.get(0);
    assertThat(ctx.invocationId()).isEqualTo("req-42");
    assertThat(ctx.platform()).isEqualTo("test");
    assertThat(ctx.functionName()).isEqualTo("echo");
    assertThat(ctx.deadline()).isBetween(before.plus(Duration.ofSeconds(11)), Instant.now().plusSeconds(12));
    assertThat(ctx.trace()).hasValueSatisfying(t -> {
      assertThat(t.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
      assertThat(t.parentSpanId()).contains("53995c3f42cd8ad8"); // the X-Ray Parent; the invocation's own span
      assertThat(t.sampled()).isTrue();
    });
    assertThat(ctx.platformAttributes())
        .containsEntry("aws.functionArn", "arn:aws:lambda:us-east-1:123456789012:function:fn")
        .containsEntry("aws.functionName", "fn")
        .containsEntry("aws.functionVersion", "$LATEST");
  }

  // ---------------------------------------------------------------- ALB

  @Test
  void albSingleValueDecodesPathAndQueryItselfAndAnswersWithHeaders() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("alb.json"));

    HttpRequest request = app.requests.get(0);
    assertThat(request.path()).isEqualTo("/echo/a b");
    assertThat(request.query().first("q")).contains("café");
    assertThat(request.query().first("plus")).contains("1+1");
    assertThat(request.query().first("space")).contains("a b");
    assertThat(request.sourceIp()).contains("72.12.164.125");
    assertThat(request.hasBody()).isFalse();
    assertThat(response.get("statusDescription").asText()).isEqualTo("201 Created");
    assertThat(response.has("multiValueHeaders")).isFalse();
    assertThat(response.at("/headers/X-Multi").asText()).isEqualTo("one,two");
    assertThat(response.at("/headers/Set-Cookie").asText()).isEqualTo("a=1; Path=/");
  }

  @Test
  void albMultiValueKeepsRepeatedValuesAndAnswersWithMultiValueHeaders() throws Exception {
    JsonNode response = invoke(handler, Fixtures.bytes("alb-multi-value.json"));

    HttpRequest request = app.requests.get(0);
    assertThat(request.query().all("id")).containsExactly("1", "2");
    assertThat(request.query().first("name")).contains("Jürgen");
    assertThat(request.headers().all("X-Custom")).containsExactly("first", "second");
    assertThat(request.body()).containsExactly(0, 1, 2, 0xff);
    assertThat(response.has("headers")).isFalse();
    assertThat(texts(response.at("/multiValueHeaders/Set-Cookie"))).containsExactly("a=1; Path=/", "b=2; HttpOnly");
    assertThat(texts(response.at("/multiValueHeaders/X-Multi"))).containsExactly("one", "two");
  }

  // ---------------------------------------------------------------- bad input: a 400 in the request's own shape

  @Test
  void invalidBase64BodyIsA400InTheRequestsShape() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    event.put("isBase64Encoded", true).put("body", "not*base64!");

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.get("body").asText()).contains("body is not valid base64").doesNotContain("not*base64!");
    assertThat(app.requests).isEmpty();
  }

  @Test
  void headerOfTheWrongTypeIsA400() throws Exception {
    ObjectNode event = tree("apigw-rest.json");
    ((ObjectNode) event.get("multiValueHeaders")).put("Accept", 42);

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.at("/multiValueHeaders/Content-Type/0").asText()).isEqualTo("application/json");
    assertThat(response.get("body").asText()).contains("multiValueHeaders.Accept");
  }

  @Test
  void methodOfTheWrongTypeIsA400() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    ((ObjectNode) event.at("/requestContext/http")).put("method", 7);

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.get("body").asText()).contains("requestContext.http.method must be a string");
  }

  @Test
  void malformedPercentEscapeInAlbPathIsA400() throws Exception {
    ObjectNode event = tree("alb.json");
    event.put("path", "/echo/%zz");

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.has("statusDescription")).isTrue();
  }

  @Test
  void unknownRouteIsA404() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    event.put("rawPath", "/nowhere");

    assertThat(invoke(handler, event).get("statusCode").asInt()).isEqualTo(404);
  }

  private static List<String> texts(JsonNode array) {
    assertThat(array).as("JSON array").isNotNull();
    assertThat(array.isArray()).isTrue();
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
