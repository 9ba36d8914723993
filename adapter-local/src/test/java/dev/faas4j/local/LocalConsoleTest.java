package dev.faas4j.local;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.port.OutgoingMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local console, through its command line and the runtime's {@code /_faas4j} endpoints. */
class LocalConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  private final CountDownLatch reportRan = new CountDownLatch(1);
  private final CountDownLatch poisonSeen = new CountDownLatch(1);

  private final FunctionApp app = (f, p) -> {
    var orders = p.messageQueue("orders");
    var users = p.keyValueStore("users");
    var raw = p.objectStorage("raw");
    f.http("seed", route("POST /seed"), (r, c) -> {
      users.put("u-1", "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
      raw.put("in/a.txt", "hello".getBytes(StandardCharsets.UTF_8));
      orders.send(OutgoingMessage.text("poison"));
      return HttpResponse.noContent().empty();
    });
    f.onQueueMessage("processOrder", queue("orders"), (m, c) -> {
      if (m.text().equals("poison")) {
        poisonSeen.countDown();
        throw new InvalidEventException("order has no lines");
      }
    });
    f.onSchedule("dailyReport", cron("0 2 * * *"), (e, c) -> reportRan.countDown());
  };

  private LocalRuntime start() {
    return LocalRuntime.builder(app).port(0).dataDir(dataDir).logSink((level, line) -> { })
        .shutdownGrace(Duration.ofSeconds(5)).start();
  }

  private record Run(int status, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private static Run console(LocalRuntime runtime, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new java.util.ArrayList<>(List.of("--url", runtime.baseUri().toString()));
    all.addAll(List.of(args));
    int status = LocalConsole.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void seed(LocalRuntime runtime) throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.baseUri().resolve("/seed"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.discarding());
  }

  /** Waits for the poller to dead-letter the poison message: it does so right after the function throws. */
  private static JsonNode deadLetters(LocalRuntime runtime) throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode letters = console(runtime, "dead-letters", "orders").json().get("deadLetters");
      if (!letters.isEmpty()) {
        return letters;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the poison message was never dead-lettered");
  }

  @Test
  void listsFunctionsWithTheirTriggers() throws Exception {
    try (LocalRuntime runtime = start()) {
      Run run = console(runtime, "functions");

      assertThat(run.status()).isZero();
      assertThat(run.json().get("functions")).extracting(f -> f.get("name").asText() + " " + f.get("trigger")
          .asText()).contains("seed POST /seed", "processOrder queue orders (batch 1)", "dailyReport cron 0 2 * * *");
    }
  }

  @Test
  void firesAScheduleNow() throws Exception {
    try (LocalRuntime runtime = start()) {
      Run run = console(runtime, "fire", "dailyReport");

      assertThat(run.status()).isZero();
      assertThat(run.json().get("eventId").asText()).startsWith("dailyReport@");
      assertThat(reportRan.await(10, TimeUnit.SECONDS)).isTrue();
      Run unknown = console(runtime, "fire", "seed");
      assertThat(unknown.status()).isEqualTo(1);
      assertThat(unknown.err()).contains("404").contains("No schedule function named 'seed'")
          .contains("[dailyReport]");
    }
  }

  @Test
  void peeksRedrivesAndPurgesDeadLetters() throws Exception {
    try (LocalRuntime runtime = start()) {
      seed(runtime);
      assertThat(poisonSeen.await(10, TimeUnit.SECONDS)).isTrue();

      JsonNode letter = deadLetters(runtime).get(0);
      assertThat(letter.get("reason").asText()).isEqualTo("rejected: order has no lines");
      assertThat(letter.get("body").asText()).isEqualTo("poison");
      JsonNode queues = console(runtime, "queues").json().get("queues");
      assertThat(queues).anySatisfy(q -> {
        assertThat(q.get("queue").asText()).isEqualTo("orders");
        assertThat(q.get("function").asText()).isEqualTo("processOrder");
        assertThat(q.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(q.get("depth").asInt()).isZero();
        assertThat(q.get("inFlight").asInt()).isZero();
      });

      assertThat(console(runtime, "redrive", "orders", "--id", letter.get("id").asText()).json()
          .get("redriven").asInt()).isEqualTo(1);
      JsonNode again = deadLetters(runtime); // the redriven message failed the same way
      assertThat(again.get(0).get("id").asText()).isEqualTo(letter.get("id").asText());

      assertThat(console(runtime, "purge", "orders").json().get("purged").asInt()).isEqualTo(1);
      assertThat(console(runtime, "dead-letters", "orders").json().get("deadLetters")).isEmpty();
      assertThat(console(runtime, "dead-letters", "nope").err()).contains("404").contains("No queue 'nope'");
    }
  }

  @Test
  void readsTablesAndBucketsAndRefusesHostileKeys() throws Exception {
    try (LocalRuntime runtime = start()) {
      seed(runtime);

      assertThat(console(runtime, "tables").json().get("tables")).extracting(JsonNode::asText).contains("users");
      JsonNode entry = console(runtime, "table", "users", "--key", "u-1").json();
      assertThat(entry.get("body").asText()).isEqualTo("{\"name\":\"Ada\"}");
      assertThat(console(runtime, "table", "users").json().get("entries")).hasSize(1);
      assertThat(console(runtime, "table", "users", "--key", "u-2").err()).contains("404");
      assertThat(console(runtime, "table", "../faas4j.db").err()).contains("404");

      assertThat(console(runtime, "buckets").json().get("buckets")).extracting(JsonNode::asText).contains("raw");
      assertThat(console(runtime, "bucket", "raw").json().get("objects").get(0).get("key").asText())
          .isEqualTo("in/a.txt");
      assertThat(console(runtime, "bucket", "raw", "--key", "in/a.txt").json().get("body").asText())
          .isEqualTo("hello");
      Run hostile = console(runtime, "bucket", "raw", "--key", "../../etc/passwd");
      assertThat(hostile.status()).isEqualTo(1);
      assertThat(hostile.err()).contains("400");
      assertThat(console(runtime, "bucket", "..", "--key", "faas4j.db").err()).contains("404");
    }
  }

  @Test
  void replaysACloudsMessageThroughTheApp() throws Exception {
    try (LocalRuntime runtime = start()) {
      Path file = dataDir.resolve("dead-letter.json");
      Files.writeString(file, "{\"testCloud\":{\"id\":\"m-9\",\"body\":\"poison\"}}");

      Run run = console(runtime, "replay", file.toString(), "--queue", "orders");

      assertThat(run.status()).isZero();
      JsonNode outcome = run.json().get("outcomes").get(0);
      assertThat(outcome.get("id").asText()).isEqualTo("m-9");
      assertThat(outcome.get("status").asText()).isEqualTo("CLIENT_ERROR");
      assertThat(outcome.get("error").get("message").asText()).isEqualTo("order has no lines");
      Files.writeString(file, "{\"unknown\":1}");
      assertThat(console(runtime, "replay", file.toString()).err()).contains("400")
          .contains("No cloud recognises this payload");
    }
  }

  @Test
  void badCommandsAndUnreachableRuntimesAreUsageErrors() throws Exception {
    try (LocalRuntime runtime = start()) {
      assertThat(console(runtime, "explode").status()).isEqualTo(2);
      assertThat(console(runtime, "fire").status()).isEqualTo(2);
      assertThat(console(runtime, "replay", dataDir.resolve("missing.json").toString()).err()).contains("No file");
    }
    Run closed = LocalConsoleTest.consoleAt("http://127.0.0.1:1", "functions");
    assertThat(closed.status()).isEqualTo(2);
    assertThat(closed.err()).contains("cannot reach the local runtime");
  }

  private static Run consoleAt(String url, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new java.util.ArrayList<>(List.of("--url", url));
    all.addAll(List.of(args));
    int status = LocalConsole.run(all, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, "", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownOperationsAndWrongMethodsGetJsonErrors() throws Exception {
    try (LocalRuntime runtime = start()) {
      HttpClient client = HttpClient.newHttpClient();
      var missing = client.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/_faas4j/nothing")).build(),
          BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("No console operation");
      var wrong = client.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/_faas4j/functions"))
          .DELETE().build(), BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(405);
      assertThat(wrong.headers().firstValue("Allow")).contains("GET");
    }
  }

  @Test
  void aUserRouteUnderTheConsolesPrefixIsRefusedAtStart() {
    assertThatThrownBy(() -> LocalRuntime.builder((f, p) -> f.http("sneaky", route("GET /_faas4j/functions"),
        (r, c) -> HttpResponse.ok().text("mine"))).port(0).dataDir(dataDir).logSink((l, s) -> { }).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Function 'sneaky'").hasMessageContaining("reserves for its console");
  }

  @Test
  void callersFromOtherAddressesAreRefused() throws Exception {
    Optional<InetAddress> lan = NetworkInterface.networkInterfaces().filter(n -> {
      try {
        return n.isUp() && !n.isLoopback();
      } catch (java.net.SocketException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    Assumptions.assumeTrue(lan.isPresent(), "needs a non-loopback IPv4 address");
    try (LocalRuntime runtime = LocalRuntime.builder(app).host("0.0.0.0").port(0).dataDir(dataDir)
        .logSink((l, s) -> { }).start()) {
      URI uri = URI.create("http://" + lan.get().getHostAddress() + ":" + runtime.port() + "/_faas4j/functions");
      var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("loopback callers only").doesNotContain("processOrder");
    }
  }
}
