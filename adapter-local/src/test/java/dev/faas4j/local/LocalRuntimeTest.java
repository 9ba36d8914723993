package dev.faas4j.local;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.OutgoingMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();

  private LocalRuntime start(FunctionApp app) {
    return LocalRuntime.builder(app).port(0).dataDir(dataDir).logSink((level, line) -> logs.add(line))
        .shutdownGrace(Duration.ofSeconds(5)).start();
  }

  @Test
  void bindsLoopbackAndPrintsFunctionsAndWatchedDirectories() {
    try (LocalRuntime runtime = start((f, p) -> {
      f.http("hello", route("GET /hello"), (r, c) -> HttpResponse.ok().text("hi"));
      f.onObject("thumbnail", bucket("raw-images"), (e, c) -> {});
    })) {
      assertThat(runtime.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(logs).anySatisfy(l -> assertThat(l).contains("hello  GET /hello"));
      assertThat(logs).anySatisfy(l -> assertThat(l).contains("thumbnail  bucket raw-images"));
      assertThat(logs).anySatisfy(l -> assertThat(l).contains("Watching")
          .contains(dataDir.resolve("buckets").resolve("raw-images").toString()));
    }
  }

  @Test
  void mainKeepsServingAfterItReturns() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName(),
        "--app", MainChildApp.class.getName(), "--port", "0", "--data-dir", dataDir.toString())
        .redirectErrorStream(true).start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String port = null;
      for (String line = out.readLine(); line != null && port == null; line = out.readLine()) {
        var m = java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
        port = m.find() ? m.group(1) : null;
      }
      assertThat(port).as("the banner's port").isNotNull();
      var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
          .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("hello from main");
      assertThat(child.isAlive()).isTrue();
    } finally {
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSecondRuntimeOnTheSameDataDirectoryRefusesToStartUntilTheFirstStops() {
    FunctionApp app = (f, p) -> f.onObject("thumbnail", bucket("raw-images"), (e, c) -> {});
    try (LocalRuntime first = start(app)) {
      assertThat(first.port()).isPositive();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(app))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Another faas4j local runtime (pid " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining(dataDir.toAbsolutePath().normalize().toString())
          .hasMessageContaining("--data-dir");
    }
    try (LocalRuntime again = start(app)) {
      assertThat(again.port()).isPositive();
    }
  }

  @Test
  void queueSendFromAnHttpFunctionReachesTheQueueFunction() throws Exception {
    try (LocalRuntime runtime = start((f, p) -> {
      var orders = p.messageQueue("orders");
      f.http("order", route("POST /orders"), (r, c) -> {
        orders.send(OutgoingMessage.text(r.text()));
        return HttpResponse.status(202).empty();
      });
      f.onQueueMessage("process", queue("orders"), (m, c) -> calls.add(m.text()));
    })) {
      var response = client.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/orders"))
          .POST(BodyPublishers.ofString("order-1")).build(), BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(202);
      awaitTrue(() -> calls.contains("order-1"));
      assertThat(calls).containsExactly("order-1");
    }
  }

  @Test
  void fileDroppedIntoTheBucketDirectoryFiresTheObjectFunctionOnce() throws Exception {
    try (LocalRuntime runtime = start((f, p) -> f.onObject("thumbnail", bucket("raw-images"),
        (e, c) -> calls.add(e.key() + ":" + e.size().getAsLong())))) {
      Path dir = runtime.dataDir().resolve("buckets").resolve("raw-images").resolve("2030/01");
      Files.createDirectories(dir);
      byte[] content = "a picture, written in two steps".getBytes(StandardCharsets.UTF_8);
      Path file = dir.resolve("cat.jpg");
      Files.write(file, java.util.Arrays.copyOf(content, 10));
      Files.write(file, content); // still being written: must fire once, complete

      awaitTrue(() -> !calls.isEmpty());
      assertThat(calls).containsExactly("2030/01/cat.jpg:" + content.length);

      Files.writeString(runtime.dataDir().resolve("buckets/raw-images/.hidden-temp"), "ignored");
      Files.writeString(runtime.dataDir().resolve("buckets/raw-images/second.jpg"), "two");
      awaitTrue(() -> calls.size() >= 2);
      assertThat(calls).containsExactly("2030/01/cat.jpg:" + content.length, "second.jpg:3");
    }
  }

  @Test
  void closeWaitsForAnInvocationInProgress() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LocalRuntime runtime = start((f, p) -> f.http("slow", route("GET /slow"), (r, c) -> {
      started.countDown();
      release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      calls.add("finished");
      return HttpResponse.ok().text("done");
    }));
    var pending = client.sendAsync(HttpRequest.newBuilder(runtime.baseUri().resolve("/slow")).build(),
        BodyHandlers.ofString());
    assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    Thread closer = new Thread(runtime::close);
    closer.start();
    release.countDown();
    closer.join(WAIT.toMillis());

    assertThat(closer.isAlive()).isFalse();
    assertThat(pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).body()).isEqualTo("done");
    assertThat(calls).containsExactly("finished");
    assertThat(logs).anySatisfy(l -> assertThat(l).contains("Stopped"));
  }

  @Test
  void writeThroughThePortFiresOnceThoughTheWatcherSeesTheFileToo() throws Exception {
    try (LocalRuntime runtime = start((f, p) -> {
      var raw = p.objectStorage("raw");
      f.http("upload", route("PUT /raw/{name}"), (r, c) -> {
        raw.put(r.pathParameter("name"), r.body());
        return HttpResponse.noContent().empty();
      });
      f.onObject("seen", bucket("raw"), (e, c) -> calls.add(e.key()));
    })) {
      client.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/raw/by-port.txt"))
          .PUT(BodyPublishers.ofString("via the port")).build(), BodyHandlers.discarding());
      awaitTrue(() -> calls.contains("by-port.txt"));
      // A file dropped afterwards fires only once the watcher has settled what it saw before it.
      Files.writeString(runtime.dataDir().resolve("buckets/raw/by-hand.txt"), "by hand");
      awaitTrue(() -> calls.contains("by-hand.txt"));

      assertThat(calls).containsExactly("by-port.txt", "by-hand.txt");
    }
  }

  @Test
  void messageLeftUnprocessedAtShutdownIsProcessedByTheNextRuntimeOnTheSameDataDir() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    LocalRuntime first = LocalRuntime.builder((f, p) -> {
      var orders = p.messageQueue("orders");
      f.http("order", route("POST /orders"), (r, c) -> {
        orders.send(OutgoingMessage.text(r.text()));
        return HttpResponse.status(202).empty();
      });
      f.onQueueMessage("process", queue("orders"), (m, c) -> {
        stuck.countDown();
        new CountDownLatch(1).await(); // never finishes: the runtime stops under it
      });
    }).port(0).dataDir(dataDir).logSink((level, line) -> logs.add(line)).timeout(Duration.ofSeconds(1))
        .shutdownGrace(Duration.ofMillis(100)).start();
    client.send(HttpRequest.newBuilder(first.baseUri().resolve("/orders")).POST(BodyPublishers.ofString("o-1"))
        .build(), BodyHandlers.discarding());
    assertThat(stuck.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    first.close();

    try (LocalRuntime second = LocalRuntime.builder((f, p) -> f.onQueueMessage("process", queue("orders"),
        (m, c) -> calls.add(m.text() + "#" + m.deliveryAttempt().getAsInt()))).port(0).dataDir(dataDir)
        .logSink((level, line) -> logs.add(line)).timeout(Duration.ofSeconds(1)).start()) {
      assertThat(second.dataDir()).isEqualTo(first.dataDir());
      awaitTrue(() -> !calls.isEmpty());
      assertThat(calls).singleElement().satisfies(c -> assertThat(c).startsWith("o-1#").isNotEqualTo("o-1#1"));
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(20);
    }
  }
}
