package dev.faas4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What faas4j's GCP entry runs between the invoker's start and its first HTTP response, from the JVM's
 * class-loading log under the real Functions Framework invoker. On Java 17 a start-up archive holds a lambda's class
 * but not its linked call site, so each lambda or method reference on this path is linked again on every cold start;
 * a random UUID for a request without an execution id starts SecureRandom (some 70 classes and a seed read); and
 * an HTTP request never needs the logical-name index.
 */
class ColdPathTest {
  @TempDir
  Path dir;

  @Test
  void theFirstHttpResponseLinksNoLambdaOfTheAdapterAndStartsNoSecureRandom() throws Exception {
    Path log = dir.resolve("classes.log");
    List<String> loaded;
    try (Invoker invoker = Invoker.start(GcpHttpFunction.class,
        Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + invoker.port + "/echo/1")).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      loaded = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.contains(" source: "))
          .map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2, l.indexOf(" source: ")))
          .toList();
    }

    assertThat(loaded).as("the log of the run").contains("dev.faas4j.gcp.GcpAdapter", "dev.faas4j.internal.Json");
    List<String> lambdas = loaded.stream().filter(c -> c.startsWith("dev.faas4j.") && c.contains("$$Lambda"))
        .map(c -> c.substring(0, c.indexOf("$$Lambda")))
        .filter(host -> !host.startsWith(TestApp.class.getName()))
        .toList();
    assertThat(lambdas).as("faas4j classes whose lambdas the cold path links").isEmpty();
    assertThat(loaded.stream().filter(c -> c.startsWith("com.fasterxml.jackson.databind.")).toList())
        .as("Jackson's databind, for a function that writes plain records and maps").isEmpty();
    assertThat(loaded).as("classes for nothing the first response needs")
        .doesNotContain("java.security.SecureRandom", "java.util.UUID$Holder", "dev.faas4j.spi.LogicalNames$Index",
            "com.fasterxml.jackson.databind.module.SimpleModule", "com.fasterxml.jackson.databind.json.JsonMapper");
  }
}
