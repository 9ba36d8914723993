package dev.faas4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.examples.webhook.WebhookSignature;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.trigger.HttpRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunLocallyTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final WebhookSignature local = new WebhookSignature(RunLocally.LOCAL_WEBHOOK_SECRET);

  @Test
  void hintsShowACurlLineForEveryHttpFunctionAndWhereToDropImages() {
    String hints = String.join("\n",
        RunLocally.hints("http://127.0.0.1:8080", Path.of("/data/buckets/raw-images"), local, NOW));

    assertThat(hints).contains("curl -s -X POST http://127.0.0.1:8080/users ", "curl -s http://127.0.0.1:8080/users/",
        "curl -s -X POST http://127.0.0.1:8080/orders ", "curl -s -X POST http://127.0.0.1:8080/_faas4j/schedules/dailyReport/fire",
        "curl -s -X POST http://127.0.0.1:8080/webhooks/payments ", "/data/buckets/raw-images/");
  }

  @Test
  void theWebhookLineIsCorrectlySignedAndDoesNotShowTheSecret() {
    List<String> hints = RunLocally.hints("http://127.0.0.1:8080", Path.of("raw"), local, NOW);
    String line = hints.stream().filter(l -> l.contains("/webhooks/payments")).findFirst().orElseThrow();

    Matcher m = Pattern.compile("-H '" + WebhookSignature.HEADER + ": ([^']+)' -d '([^']+)'").matcher(line);
    assertThat(m.find()).as(line).isTrue();
    assertThat(local.verify(Optional.of(m.group(1)), m.group(2).getBytes(StandardCharsets.UTF_8), NOW)).isEmpty();
    assertThat(String.join("\n", hints)).doesNotContain(RunLocally.LOCAL_WEBHOOK_SECRET);
  }

  @Test
  void theReadmeTryLinesCoverEveryHttpRouteAndTheLocalSecret() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String tryLines = readme.substring(readme.indexOf("## Two commands"), readme.indexOf("## What runs where"));
    FunctionRegistry registry = FunctionRegistry.of(new ExamplesApp(), new InMemoryPlatform());

    for (FunctionDefinition d : registry.ofKind(FunctionDefinition.Kind.HTTP)) {
      String path = ((HttpRoute) d.trigger()).path().replaceAll("\\{.*", "");
      assertThat(tryLines).as("README try-line for " + d.name()).contains("127.0.0.1:8080" + path);
    }
    assertThat(tryLines).contains(RunLocally.LOCAL_WEBHOOK_SECRET, WebhookSignature.HEADER + ": t=$t,v1=$sig",
        "examples/.faas4j/buckets/raw-images/");
  }

  @Test
  void withAnotherSecretNoSignedLineIsPrinted() {
    String hints = String.join("\n", RunLocally.hints("http://127.0.0.1:8080", Path.of("raw"), null, NOW));

    assertThat(hints).contains("signed with your WEBHOOK_SECRET").doesNotContain("v1=");
  }
}
