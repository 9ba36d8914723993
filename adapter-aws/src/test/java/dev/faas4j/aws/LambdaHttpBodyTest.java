package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.invoke;
import static dev.faas4j.aws.Fixtures.tree;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** API Gateway's text body, kept as text until the function reads it, through the real handler. */
class LambdaHttpBodyTest {
  record Message(String message) {}

  private final List<Integer> lengths = new CopyOnWriteArrayList<>();
  private final FunctionApp app = (f, p) -> {
    f.http("bind", route("POST /echo/{x}"), (r, c) -> HttpResponse.ok().json(r.json(Message.class)));
    f.http("length", route("POST /length"), (r, c) -> {
      lengths.add(r.bodyLength());
      return HttpResponse.ok().body(r.body(), "application/octet-stream");
    });
  };
  static final String ESCAPED = "say \"hi\" \\ \n\t\u0001 </script>";
  private final FunctionApp replies = (f, p) -> {
    f.http("ascii", route("POST /echo/{x}"), (r, c) -> HttpResponse.ok().text(ESCAPED));
    f.http("latin1", route("POST /latin1"), (r, c) -> HttpResponse.ok()
        .body(new byte[] {'c', (byte) 0xe9}, "text/plain; charset=iso-8859-1"));
    f.http("utf16", route("POST /utf16"), (r, c) -> HttpResponse.ok()
        .body("hi".getBytes(java.nio.charset.StandardCharsets.UTF_16BE), "text/plain; charset=utf-16be"));
    f.http("klingon", route("POST /klingon"), (r, c) -> HttpResponse.ok()
        .body(new byte[] {'x'}, "text/plain; charset=klingon-8"));
  };
  private final LambdaHandler handler = Fixtures.handler(app, Map.of());

  @Test
  void aTextBodyBindsAsSent() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    event.put("body", "{\"message\":\"café ☕\"}");

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("body").asText()).isEqualTo("{\"message\":\"café ☕\"}");
  }

  @Test
  void malformedJsonInATextBodyIsA400WithItsReasonAndNotThePayload() throws Exception {
    for (String path : new String[] {"http-api-v2.json", "apigw-rest.json"}) {
      ObjectNode event = tree(path);
      event.put("body", "{\"message\": secret-value}");
      if (path.startsWith("apigw")) {
        event.put("path", "/echo/x");
      }

      JsonNode response = invoke(handler, event);

      assertThat(response.get("statusCode").asInt()).as(path).isEqualTo(400);
      assertThat(response.get("body").asText()).as(path).contains("Request body is not valid JSON (line 1, column")
          .doesNotContain("secret-value");
    }
  }

  @Test
  void aTextBodyIsSentOnAsItsUtf8Bytes() throws Exception {
    ObjectNode event = tree("http-api-v2.json");
    event.put("rawPath", "/length").put("body", "é☕");
    ((ObjectNode) event.path("requestContext").path("http")).put("path", "/length");

    JsonNode response = invoke(handler, event);

    assertThat(lengths).containsExactly(5); // two bytes and three, not two characters
    assertThat(java.util.Base64.getDecoder().decode(response.get("body").asText()))
        .isEqualTo("é☕".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void invalidBase64InARestRequestIsA400BeforeTheFunctionRuns() throws Exception {
    ObjectNode event = tree("apigw-rest.json");
    event.put("path", "/length").put("isBase64Encoded", true).put("body", "not*base64!");

    JsonNode response = invoke(handler, event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.get("body").asText()).contains("body is not valid base64").doesNotContain("not*base64!");
    assertThat(lengths).isEmpty();
  }

  @Test
  void aTextResponseIsWrittenAsItsTextWhateverItsCharset() throws Exception {
    LambdaHandler h = Fixtures.handler(replies, Map.of());
    ObjectNode event = tree("http-api-v2.json");

    assertThat(invoke(h, event).get("body").asText()).isEqualTo(ESCAPED);
    for (String[] c : new String[][] {{"/latin1", "cé"}, {"/utf16", "hi"}}) {
      event.put("rawPath", c[0]);
      JsonNode response = invoke(h, event);
      assertThat(response.get("body").asText()).as(c[0]).isEqualTo(c[1]);
      assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    }
    event.put("rawPath", "/klingon");
    // as before this change: the charset's InvalidEventException, thrown while writing, answers 400
    assertThat(invoke(h, event).get("statusCode").asInt()).isEqualTo(400);
  }
}
