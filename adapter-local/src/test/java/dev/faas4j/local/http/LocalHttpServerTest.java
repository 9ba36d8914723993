package dev.faas4j.local.http;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalHttpServerTest {
  private static final int MAX_BODY = 1024;
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private final LocalHttpServer server = LocalHttpServer.start(dispatcher(), "127.0.0.1", 0, MAX_BODY,
      Duration.ofSeconds(60), Clock.systemUTC());

  private Dispatcher dispatcher() {
    FunctionRegistry registry = FunctionRegistry.of((f, p) -> {
      f.http("user", route("GET /users/{id}"), (r, c) -> {
        c.logger().info("looked up", "userId", r.pathParameter("id"));
        return HttpResponse.ok().text("user " + r.pathParameter("id"));
      });
      f.http("createUser", route("POST /users"), (r, c) -> HttpResponse.created().text("made"));
      f.http("echo", route("POST /echo"), (r, c) -> HttpResponse.ok().body(r.body(), "application/octet-stream"));
      f.http("cookies", route("GET /cookies"), (r, c) -> HttpResponse.ok().cookie("a=1; Path=/")
          .cookie("b=2; HttpOnly").text("two cookies"));
      f.http("boom", route("GET /boom"), (r, c) -> {
        throw new IllegalStateException("secret-detail-xyz");
      });
      f.http("oom", route("GET /oom"), (r, c) -> {
        throw new OutOfMemoryError("simulated: Java heap space");
      });
      f.http("files", route("GET /files/{path+}"), (r, c) -> HttpResponse.ok().text(r.pathParameter("path")));
      f.http("whoami", route("GET /whoami"), (r, c) -> HttpResponse.ok().text(r.sourceIp().orElse("?") + " "
          + r.rawQuery() + " " + r.headers().all("X-Multi")));
    }, new InMemoryPlatform());
    return new Dispatcher(registry, "local", LogConfig.defaults().withSink((level, line) -> logLines.add(line)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
  }

  private java.net.http.HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
  }

  @Test
  void concurrentRequestsEachGetTheirOwnResponseAndLogLine() throws Exception {
    int threads = 16;
    int perThread = 25;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          String id = "u" + thread + "-" + i;
          java.net.http.HttpResponse<String> r = i % 5 == 4 ? get("/boom") : get("/users/" + id);
          String invocation = r.headers().firstValue("X-Faas4j-Invocation-Id").orElse("none");
          if (i % 5 == 4 ? r.statusCode() != 500 || !r.body().contains(invocation)
              : !r.body().equals("user " + id)) {
            problems.add(id + ": " + r.statusCode() + " " + r.body());
          }
          problems.add("ok " + invocation + " " + (i % 5 == 4 ? "boom" : id));
        }
        return problems;
      }));
    }
    java.util.Map<String, String> requestOf = new java.util.HashMap<>();
    List<String> problems = new java.util.ArrayList<>();
    for (java.util.concurrent.Future<List<String>> f : results) {
      for (String line : f.get(120, java.util.concurrent.TimeUnit.SECONDS)) {
        if (line.startsWith("ok ")) {
          String[] parts = line.split(" ");
          requestOf.put(parts[1], parts[2]);
        } else {
          problems.add(line);
        }
      }
    }
    pool.shutdown();

    assertThat(problems).isEmpty();
    assertThat(requestOf).hasSize(threads * perThread); // every invocation id is its own
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : logLines) {
      com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
      if (n.has("userId")) {
        assertThat(requestOf.get(n.get("invocationId").asText())).as(line).isEqualTo(n.get("userId").asText());
      } else if (n.path("message").asText().equals("Invocation failed")) {
        assertThat(requestOf.get(n.get("invocationId").asText())).as(line).isEqualTo("boom");
      }
    }
  }

  @Test
  void bindsTheLoopbackAddress() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void routesWithPathParametersDecodedOnce() throws Exception {
    assertThat(get("/users/42").body()).isEqualTo("user 42");
    assertThat(get("/users/a%20b%2520").body()).isEqualTo("user a b%20");
    assertThat(get("/files/a/b/c.txt").body()).isEqualTo("a/b/c.txt");
  }

  @Test
  void passesQueryMultiValuedHeadersAndSourceIp() throws Exception {
    var response = client.send(HttpRequest.newBuilder(uri("/whoami?x=1&y=%20")).header("X-Multi", "a")
        .header("X-Multi", "b").build(), BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("127.0.0.1 x=1&y=%20 [a, b]");
  }

  @Test
  void unknownPathIsA404JsonBody() throws Exception {
    var response = get("/nothing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).contains("\"error\":\"Not Found\"").contains("invocationId");
  }

  @Test
  void wrongMethodIsA405WithAllow() throws Exception {
    var response = client.send(HttpRequest.newBuilder(uri("/users")).DELETE().build(), BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(response.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER)).isPresent();
    // The JSON body is written as the dispatcher returns it; Dispatcher's 405 currently loses its body
    // (HttpResponse.toBuilder() drops it), reported to sdk-core rather than patched at this edge.
  }

  @Test
  void failureIsA500WithoutStackTraceButWithInvocationId() throws Exception {
    var response = get("/boom");
    assertThat(response.statusCode()).isEqualTo(500);
    String id = response.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER).orElseThrow();
    assertThat(response.body()).contains(id).doesNotContain("IllegalStateException")
        .doesNotContain("secret-detail-xyz").doesNotContain("at dev.");
    assertThat(logLines).anySatisfy(l -> assertThat(l).contains(id).contains("IllegalStateException"));
  }

  @Test
  void everyResponseNamesItsInvocation() throws Exception {
    var a = get("/users/1");
    var b = get("/users/1");
    assertThat(a.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER)).isPresent()
        .isNotEqualTo(b.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER));
  }

  @Test
  void binaryBodiesRoundTripByteExact() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    var response = client.send(HttpRequest.newBuilder(uri("/echo")).POST(BodyPublishers.ofByteArray(all)).build(),
        BodyHandlers.ofByteArray());
    assertThat(response.body()).isEqualTo(all);
  }

  @Test
  void eachCookieIsItsOwnSetCookieHeader() throws Exception {
    assertThat(get("/cookies").headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
  }

  @Test
  void headHasNoBody() throws Exception {
    var response = client.send(HttpRequest.newBuilder(uri("/users/7")).method("HEAD", BodyPublishers.noBody())
        .build(), BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER)).isPresent();
  }

  @Test
  void oversizedBodyWithContentLengthIs413WithoutReadingIt() throws Exception {
    String response = raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + (100L * 1024 * 1024)
        + "\r\n\r\n" + "x".repeat(10));
    assertThat(response).startsWith("HTTP/1.1 413").contains("Payload Too Large").contains("invocationId");
  }

  @Test
  void oversizedChunkedBodyIs413() throws Exception {
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      chunks.append("200\r\n").append("y".repeat(512)).append("\r\n");
    }
    String response = raw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
        + "0\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 413").contains("Payload Too Large");
  }

  @Test
  void bodyAtTheLimitIsAccepted() throws Exception {
    byte[] body = new byte[MAX_BODY];
    var response = client.send(HttpRequest.newBuilder(uri("/echo")).POST(BodyPublishers.ofByteArray(body)).build(),
        BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(MAX_BODY);
  }

  @Test
  void malformedPercentEncodingIs400() throws Exception {
    for (String path : List.of("/users/%C3%28", "/users/%zz", "/users/abc%4")) {
      String response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(response).as(path).startsWith("HTTP/1.1 400");
    }
    String ours = raw("GET /users/%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(ours).contains("malformed percent-encoding");
  }

  @Test
  void decodesPathsStrictly() {
    assertThat(LocalHttpServer.decodePath("/a+b/%E2%82%AC/%2F")).contains("/a+b/€//");
    assertThat(LocalHttpServer.decodePath("/plain")).contains("/plain");
    assertThat(Stream.of("/%", "/%G0", "/%ff").map(LocalHttpServer::decodePath)).allMatch(java.util.Optional::isEmpty);
  }

  @Test
  void stalledAndHostileConnectionsDoNotKeepANormalClientWaiting() throws Exception {
    // More of each kind than the server has worker threads: before, four partial requests stopped the server.
    int each = Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) + 2;
    List<Socket> stalled = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < each; i++) {
        stalled.add(open("GET /users/1 HTTP/1.1\r\nHost: x\r\nX-Slow: "));                   // headers trickling
        stalled.add(open("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")); // body trickling
        stalled.add(open("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"));   // a TLS client hello
        stalled.add(open(""));                                                                 // connected, silent
      }
      HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      for (int i = 0; i < 10; i++) {
        var response = fresh.send(HttpRequest.newBuilder(uri("/users/" + i)).timeout(Duration.ofSeconds(20))
            .build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user " + i);
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void aRequestNotCompleteWithinTheRequestTimeoutGets408AndIsClosed() throws Exception {
    try (LocalHttpServer quick = LocalHttpServer.start(dispatcher(), "127.0.0.1", 0, MAX_BODY,
        Duration.ofSeconds(60), Clock.systemUTC(), new LocalHttpServer.Limits(64, Duration.ofMillis(500),
            Duration.ofSeconds(30), 8 * 1024));
        Socket socket = new Socket("127.0.0.1", quick.address().getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab"
          .getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 408").contains("application/json").contains("Request Timeout");
    }
  }

  @Test
  void atTheConnectionLimitTheLongestIdleConnectionMakesRoomForANewOne() throws Exception {
    try (LocalHttpServer small = LocalHttpServer.start(dispatcher(), "127.0.0.1", 0, MAX_BODY,
        Duration.ofSeconds(60), Clock.systemUTC(), new LocalHttpServer.Limits(4, Duration.ofSeconds(30),
            Duration.ofSeconds(30), 8 * 1024))) {
      List<Socket> idle = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          idle.add(new Socket("127.0.0.1", small.address().getPort()));
        }
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var response = fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.address().getPort()
            + "/users/9")).timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("user 9");
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
    }
  }

  @Test
  void malformedRequestsGetA400JsonBodyNamingNoJavaType() throws Exception {
    List<String> requests = List.of(
        "GET /x%0a HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /users/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET /a|b{c} HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /users/1 HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET users HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /users/1 HTTP/9.9\r\nHost: x\r\n\r\n",
        "GET /users/1 HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET /users/1 HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET /users/1 HTTP/1.1\r\nHost: x\r\n folded: continuation\r\n\r\n",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n");
    for (String request : requests) {
      String response = raw(request);
      String printable = request.replace("\r\n", "|");
      assertThat(response).as(printable).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
          .contains("\"error\":\"Bad Request\"").contains("invocationId").doesNotContain("Exception")
          .doesNotContain("<h1>");
    }
    assertThat(raw("GET /users/1 HTTP/1.1\r\n" + "X-Big: y\r\n".repeat(20_000) + "\r\n"))
        .startsWith("HTTP/1.1 431").contains("\"error\"");
    assertThat(logLines).noneSatisfy(l -> assertThat(l).contains("\"ERROR\""));
  }

  @Test
  void anErrorThrownByAFunctionIsA500JsonBodyAndOneJsonLogLine() throws Exception {
    var response = get("/oom");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    String id = response.headers().firstValue(LocalHttpServer.INVOCATION_ID_HEADER).orElseThrow();
    assertThat(response.body()).contains(id).doesNotContain("OutOfMemoryError");
    List<String> lines = logLines.stream().filter(l -> l.contains("OutOfMemoryError")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("{").endsWith("}").doesNotContain("\n").contains(id);
    assertThat(get("/users/1").statusCode()).as("still serving").isEqualTo(200);
  }

  @Test
  void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
    String both = raw2("GET /users/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /users/2 HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(both).contains("user 1").contains("user 2");
    assertThat(both.indexOf("user 1")).isLessThan(both.indexOf("user 2"));
  }

  @Test
  void chunkedBodiesAndExpectContinueAreRead() throws Exception {
    String chunked = raw2("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close"
        + "\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n");
    assertThat(chunked).startsWith("HTTP/1.1 200").endsWith("abcde");
    var response = client.send(HttpRequest.newBuilder(uri("/echo")).expectContinue(true)
        .POST(BodyPublishers.ofString("continued")).build(), BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("continued");
  }

  private Socket open(String prefix) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.address().getPort());
    socket.getOutputStream().write(prefix.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /** Sends raw bytes and reads everything until the server closes the connection. */
  private String raw2(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends raw bytes and reads what comes back until the server closes or goes quiet. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] b = new byte[4096];
      try {
        int n;
        while ((n = in.read(b)) != -1) {
          buf.write(b, 0, n);
          if (complete(buf.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
        // the server may reset after answering an oversized request; what was read is the answer
      }
      return buf.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean complete(String response) {
    int end = response.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int i = head.indexOf("content-length:");
    if (i < 0) {
      return false;
    }
    int len = Integer.parseInt(head.substring(i + 15).split("\r\n")[0].trim());
    return response.length() - end - 4 >= len;
  }

}
