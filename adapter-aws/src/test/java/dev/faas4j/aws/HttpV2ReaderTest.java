package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.spi.WireJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The streamed HTTP API 2.0 mapping gives what the tree mapping gives, or steps aside for the tree path. */
class HttpV2ReaderTest {

  @Test
  void streamedRequestEqualsTheTreeMappedOneForEveryV2Fixture() {
    for (String name : new String[] {"http-api-v2.json", "function-url.json"}) {
      same(Fixtures.bytes(name));
    }
  }

  @Test
  void variantsMapAsTheTreeMapsThem() {
    same(edit(e -> e.put("rawPath", "/prod/a%20b")));
    same(edit(e -> e.withObjectProperty("requestContext").put("stage", "prod").put("ignored", 1)));
    same(edit(e -> e.withObjectProperty("requestContext").put("stage", "prod")));
    same(edit(e -> e.putNull("rawPath")));
    same(edit(e -> e.remove("rawPath")));
    same(edit(e -> e.putNull("headers")));
    same(edit(e -> e.putNull("cookies")));
    same(edit(e -> e.putArray("cookies")));
    same(edit(e -> e.putArray("cookies").add("a=1").add("b=2").add("c=3")));
    same(edit(e -> e.withObjectProperty("headers").put("Cookie", "x=1")));
    same(edit(e -> e.putArray("cookies").add("a=1")));
    same(edit(e -> e.withObjectProperty("headers").put("Accept", "text/html").put("accept", "*/*")));
    // values read later, from where the first pass found the object, after values that look like JSON or escapes
    same(edit(e -> e.putObject("headers").put("x-evil", "\"},\"rawPath\":\"/admin\",\"headers\":{\"a\":\"")
        .put("x-escapes", "\u0000\\\"\n\u00e9\ud83d\ude00").put("x-path", "../../etc/passwd")
        .put("x-after", "read after them")));
    same(edit(e -> e.putObject("headers")));
    same(edit(e -> e.remove("headers"))); // cookies alone
    same(edit(e -> e.putNull("headers").putArray("cookies").add("a=\"x; y\"").add("b=\u00e9")));
    same(edit(e -> e.remove(java.util.List.of("headers", "cookies"))));
    // rawPath after the request context: the path it names, or http.path when it is null
    same(edit(e -> e.put("rawPath", e.remove("rawPath").textValue() + "/moved")));
    same(edit(e -> {
      e.remove("rawPath");
      e.putNull("rawPath");
    }));
    same(edit(e -> e.put("body", "aGk=").put("isBase64Encoded", true)));
    same(edit(e -> e.put("body", "").put("isBase64Encoded", true)));
    same(edit(e -> e.putNull("body").putNull("isBase64Encoded")));
    same(edit(e -> e.put("routeKey", "POST /x").putObject("pathParameters").put("a", "b")));
    same(edit(e -> e.withObjectProperty("requestContext").remove("timeEpoch")));
    same(edit(e -> e.withObjectProperty("requestContext").remove(java.util.List.of("requestId", "apiId",
        "accountId", "domainName", "stage"))));
  }

  @Test
  void anythingDoubtfulTakesTheTreePath() {
    notFast("");
    notFast("[]");
    notFast("{\"rawPath\":\"/a\"");
    notFast(text(edit(e -> { })) + " {}"); // trailing content
    notFast(edit(e -> e.put("Records", 1))); // another shape's field
    notFast(edit(e -> e.put("httpMethod", "GET")));
    notFast(edit(e -> e.withObjectProperty("requestContext").putObject("elb")));
    notFast(edit(e -> e.withObjectProperty("requestContext").remove("http")));
    notFast(edit(e -> e.withObjectProperty("requestContext").withObjectProperty("http").remove("method")));
    notFast(edit(e -> e.withObjectProperty("requestContext").withObjectProperty("http").put("method", 1)));
    notFast(edit(e -> e.withObjectProperty("headers").put("x-n", 1)));
    notFast(edit(e -> e.withObjectProperty("headers").putNull("x-n")));
    notFast(edit(e -> e.put("headers", "x")));
    notFast(edit(e -> e.putArray("cookies").add(1)));
    notFast(edit(e -> e.putArray("cookies").add("a=1").addNull()));
    notFast(edit(e -> e.put("cookies", "a=1")));
    notFast(edit(e -> e.put("isBase64Encoded", "yes")));
    notFast(edit(e -> e.put("body", "!!").put("isBase64Encoded", true))); // invalid base64: the tree path's error
    notFast(edit(e -> e.put("rawPath", "/%zz")));
    notFast(edit(e -> e.withObjectProperty("requestContext").put("timeEpoch", "1583348638390")));
    notFast(edit(e -> e.withObjectProperty("requestContext").put("timeEpoch", 1.5)));
    for (String field : new String[] {"requestId", "apiId", "accountId", "domainName"}) {
      notFast(edit(e -> e.withObjectProperty("requestContext").put(field, 7)));
    }
    notFast(edit(e -> e.putObject("routeKey")));
    notFast(edit(e -> e.withObjectProperty("headers").put("bad name", "v")));
    // a repeated field, which the tree would collapse
    notFast(text(edit(e -> { })).replaceFirst("\\{", "{\"rawPath\":\"/other\","));
    notFast(text(edit(e -> e.putObject("headers").put("a", "1"))).replace("\"a\":\"1\"", "\"a\":\"1\",\"a\":\"2\""));
  }

  @Test
  void headerValuesAreDecodedWhenFirstReadFromTheirBytesAlone() {
    String body = "x".repeat(100_000);
    byte[] event = edit(e -> e.put("body", body)
        .putObject("headers").put("x-evil", "\",\"x-after\":\"forged").put("x-after", "real"));
    Rereads stream = new Rereads(event);
    HttpRequest request = HttpV2Reader.read(stream);

    assertThat(request).isNotNull();
    assertThat(stream.resets).as("no header decoded, the event not read again").isZero();
    assertThat(request.header("X-After")).hasValue("real");
    assertThat(request.header("x-evil")).hasValue("\",\"x-after\":\"forged");
    assertThat(request.headers().names()).containsExactly("x-evil", "x-after", "cookie"); // the cookies array
    assertThat(request.header("cookie")).hasValueSatisfying(c -> assertThat(c).contains("; "));
    assertThat(stream.resets).isEqualTo(1);
    assertThat(stream.copied).as("the headers and cookies, not the body").isPositive().isLessThan(1_000);
    assertThat(request.origin().payload()).isEqualTo(event);
    assertThat(request.text()).isEqualTo(body);
  }

  @Test
  void headersReadAfterTheOriginUseItsBytes() {
    byte[] event = edit(e -> { });
    Rereads stream = new Rereads(event);
    HttpRequest request = HttpV2Reader.read(stream);

    assertThat(request.origin().payload()).isEqualTo(event);
    assertThat(stream.resets).isEqualTo(1);
    HttpRequest expected = HttpMapping.fromV2(WireJson.tree(event, "Lambda event"), event);
    assertThat(request.headers()).isEqualTo(expected.headers());
    assertThat(stream.resets).isEqualTo(1);
  }

  @Test
  void cookiesWithoutHeadersAreReadToTheEventsEnd() {
    same(edit(e -> {
      e.remove("cookies");
      e.remove("headers");
      e.putArray("cookies").add("a=1").add("b=2"); // last, with nothing after it to bound it
    }));
    same(edit(e -> {
      e.remove("cookies");
      e.putArray("cookies").add("a=1").add("b=2"); // after the headers: their end is the cookies'
    }));
  }

  /** The runtime client's stream, counting how often the event is read again from its start, and what it copies. */
  private static final class Rereads extends ByteArrayInputStream {
    int resets;
    long copied;

    Rereads(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized void reset() {
      resets++;
      super.reset();
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (resets > 0 && n > 0) {
        copied += n;
      }
      return n;
    }

    @Override
    public synchronized byte[] readAllBytes() {
      byte[] b = super.readAllBytes();
      copied += b.length;
      return b;
    }
  }

  @Test
  void headerValuesReadLaterAreTheTreesForAnyBytes() {
    java.util.Random random = new java.util.Random(13);
    String[] pieces = {"a", " ", "\\\"", "\\\\", "\\/", "\\n", "\\u0000", "\\u00e9", "\\ud83d\\ude00", "\\udc00",
        "\u00c3\u00a9", "\u00f0\u009f\u0098\u0080", "\u00c0\u0080", "\u00ed\u00a0\u0080", "\u007f", ",", "}", ":", "{", "]"};
    for (int n = 0; n < 300; n++) {
      StringBuilder value = new StringBuilder();
      for (int k = random.nextInt(6); k > 0; k--) {
        value.append(pieces[random.nextInt(pieces.length)]);
      }
      // raw bytes (ISO-8859-1 maps each char to one byte): escapes as written, UTF-8 sequences valid or not
      String header = "\"x-raw\":\"" + value + "\",\"x-after\":\"" + value + "\",";
      byte[] event = text(edit(e -> { })).replace("\"headers\":{", "\"headers\":{" + header)
          .replace("\"cookies\":[", "\"cookies\":[\"" + value + "\",").getBytes(StandardCharsets.ISO_8859_1);
      JsonNode tree;
      try {
        tree = WireJson.tree(event, "Lambda event");
      } catch (RuntimeException e) {
        notFast(event); // bytes the tree rejects, the reader steps aside for
        continue;
      }
      assertThat(tree.path("headers").has("x-raw")).isTrue();
      same(event);
    }
  }

  @Test
  void theFirstFieldTellsOtherShapesApartWithoutAParser() {
    assertThat(mayBe("{\"Records\":[]}")).isFalse();
    assertThat(mayBe(" {\n \"resource\": \"/\"}")).isFalse();
    assertThat(mayBe("{\"version\":\"2.0\"}")).isTrue();
    assertThat(mayBe("{\"requestContext\":{}}")).isTrue();
    assertThat(mayBe("{\"Rec\\u006frds\":[]}")).isTrue(); // an escape: the parser decides
    assertThat(mayBe("{\"aVeryLongFieldNameThatDoesNotFitTheHead\":1}")).isTrue();
    assertThat(mayBe("")).isTrue();
    assertThat(mayBe("[1]")).isTrue();
  }

  private static boolean mayBe(String event) {
    byte[] b = event.getBytes(StandardCharsets.UTF_8);
    return HttpV2Reader.mayBe(b, Math.min(b.length, HttpV2Reader.HEAD));
  }

  private static void same(byte[] event) {
    JsonNode root = WireJson.tree(event, "Lambda event");
    assertThat(EventShape.of(root)).isEqualTo(EventShape.HTTP_V2);
    HttpRequest expected = HttpMapping.fromV2(root, event);
    for (HttpRequest actual : new HttpRequest[] {
        HttpV2Reader.read(event), HttpV2Reader.read(new ByteArrayInputStream(event))}) {
      assertThat(actual).as(new String(event, StandardCharsets.UTF_8)).isNotNull();
      assertThat(actual.method()).isEqualTo(expected.method());
      assertThat(actual.path()).isEqualTo(expected.path());
      assertThat(actual.rawQuery()).isEqualTo(expected.rawQuery());
      assertThat(actual.headers()).isEqualTo(expected.headers());
      assertThat(actual.headers().names()).containsExactlyElementsOf(expected.headers().names());
      assertThat(actual.body()).isEqualTo(expected.body());
      assertThat(actual.sourceIp()).isEqualTo(expected.sourceIp());
      assertThat(actual.requestPath()).isEqualTo(expected.requestPath());
      assertThat(actual.requestTime()).isEqualTo(expected.requestTime());
      assertThat(actual.origin().attributes()).isEqualTo(expected.origin().attributes());
      assertThat(actual.origin().payload()).isEqualTo(event);
    }
  }

  private static void notFast(String event) {
    notFast(event.getBytes(StandardCharsets.UTF_8));
  }

  private static void notFast(byte[] event) {
    assertThat(HttpV2Reader.read(event)).isNull();
    assertThat(HttpV2Reader.read(new ByteArrayInputStream(event))).isNull();
  }

  private static byte[] edit(Consumer<ObjectNode> change) {
    ObjectNode event = (ObjectNode) WireJson.tree(Fixtures.bytes("http-api-v2.json"), "fixture");
    change.accept(event);
    return WireJson.write(event);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
