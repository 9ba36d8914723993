package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What faas4j's own code runs between the JVM's start and its first HTTP response under the real Runtime Interface
 * Client, with Lambda's flags and environment: the classes it loads, from the JVM's class-loading log. On Java 17 a
 * start-up archive holds a lambda's class but not its linked call site, so every lambda or method reference on this
 * path is linked again on every cold start; and work the first response does not need (compiling a regular
 * expression, probing for {@code org.crac} on an on-demand start) is paid there too.
 */
class ColdPathTest {
  /**
   * Classes the first HTTP response does not need and the cold path once loaded (Jackson's databind, checked
   * whole below, aside): the java.time types Json reads and writes but an HTTP event does not carry, and the
   * logical-name index with the kinds and trigger types it reads (built on the first event that names a resource).
   */
  private static final List<String> NOT_BEFORE_THE_FIRST_RESPONSE = List.of(
      "java.time.LocalDate", "java.time.OffsetDateTime",
      "java.time.Duration", "dev.faas4j.spi.LogicalNames$Index", "dev.faas4j.spi.ResourceNames$Kind",
      "dev.faas4j.trigger.QueueTrigger",
      "dev.faas4j.trigger.ObjectTrigger", "dev.faas4j.trigger.TopicTrigger");

  @TempDir
  Path taskRoot;

  @Test
  void theFirstHttpResponseLinksNoLambdaOfItsOwnAndBuildsNothingItDoesNotNeed() throws Exception {
    Path log = taskRoot.resolve("classes.log");
    RuntimeApiServer api = new RuntimeApiServer();
    String handler = "dev.faas4j.aws.LambdaHandler::handleRequest";
    // Lambda's flags and its environment for an on-demand start
    Process runtime = api.startClient(handler, taskRoot, List.of("-XX:+UseSerialGC", "-Xshare:auto",
        "-Xlog:class+load=info:file=" + log), Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand", "FAAS4J_APP",
        ColdPathApp.class.getName()), taskRoot.resolve("runtime.log"));
    List<String> loaded;
    try {
      String event = new String(Fixtures.bytes("http-api-v2.json"), StandardCharsets.UTF_8)
          .replace("\"rawPath\": \"/echo/caf%C3%A9\"", "\"rawPath\": \"/greet\"")
          .replace("{\\\"message\\\":\\\"hi\\\"}", "{\\\"name\\\":\\\"Ada\\\"}");
      RuntimeApiServer.Result result = api.invoke("req-1", event, "").get(120, TimeUnit.SECONDS);
      assertThat(result.body()).contains("Hello, Ada");
      loaded = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.contains(" source: "))
          .map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2, l.indexOf(" source: ")))
          .toList();
    } finally {
      api.stop();
      if (!runtime.waitFor(30, TimeUnit.SECONDS)) {
        runtime.destroyForcibly();
      }
    }

    assertThat(loaded).as("the log of the run").contains("dev.faas4j.aws.LambdaHandler", "dev.faas4j.internal.Json");
    List<String> lambdas = loaded.stream().filter(c -> c.startsWith("dev.faas4j.") && c.contains("$$Lambda"))
        .map(c -> c.substring(0, c.indexOf("$$Lambda")))
        .filter(host -> !host.equals(ColdPathApp.class.getName())) // the test's app's own are the app's
        .toList();
    assertThat(lambdas).as("faas4j classes whose lambdas the cold path links").isEmpty();
    assertThat(loaded.stream().filter(c -> c.startsWith("com.fasterxml.jackson.databind.")).toList())
        .as("Jackson's databind, for a function that binds plain records").isEmpty();
    // the SnapStart probe is for snap-start inits only; names are checked by a loop, not a regular expression
    assertThat(loaded).as("classes for nothing the first response needs")
        .doesNotContain("dev.faas4j.aws.Priming", "java.util.regex.Matcher")
        .doesNotContainAnyElementsOf(NOT_BEFORE_THE_FIRST_RESPONSE);
  }
}
