package dev.faas4j.examples;

import dev.faas4j.examples.webhook.PaymentWebhook;
import dev.faas4j.examples.webhook.WebhookSignature;
import dev.faas4j.local.LocalRuntime;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link ExamplesApp} on the local runtime and logs what to try: a curl line for each HTTP function, a signed
 * webhook call, and the directory to drop images into. The {@code run} profile of this module starts it:
 *
 * <pre>
 * mvn -B -q -pl examples -am verify -DskipTests -Prun
 * </pre>
 *
 * <p>Flags: {@code --port} (default 8080), {@code --data-dir} (default {@code .faas4j}). The webhook secret is
 * {@code WEBHOOK_SECRET} from the environment, else {@value #LOCAL_WEBHOOK_SECRET}: a documented default for this
 * command only, never for a deployment (the app has no default of its own), and never logged.
 */
public final class RunLocally {
  /** The webhook signing secret of local runs when {@code WEBHOOK_SECRET} is not set. */
  public static final String LOCAL_WEBHOOK_SECRET = "local-webhook-secret-not-for-production";
  private static final String SAMPLE_EVENT =
      "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"data\":{\"orderId\":\"o-1\",\"amountCents\":1250}}";

  private RunLocally() {}

  public static void main(String[] args) {
    int port = 8080;
    Path dataDir = Path.of(".faas4j");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown flag " + args[i] + "; known: --port, --data-dir");
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("Flags take a value: --port 8080 --data-dir .faas4j");
    }
    boolean localSecret = System.getenv(PaymentWebhook.SECRET_SETTING) == null;
    LocalRuntime runtime = LocalRuntime.builder(new ExamplesApp()).port(port).dataDir(dataDir)
        .logFormat(LocalRuntime.consoleFormat())
        .config(Map.of(PaymentWebhook.SECRET_SETTING, LOCAL_WEBHOOK_SECRET)) // the environment's value wins
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "examples-shutdown"));
    FunctionLogger log = LogConfig.fromEnvironment(System::getenv).withFormat(LocalRuntime.consoleFormat())
        .logger(LogContext.none(), "examples");
    String base = "http://127.0.0.1:" + runtime.port();
    Path images = runtime.dataDir().resolve("buckets").resolve("raw-images");
    for (String line : hints(base, images, localSecret ? new WebhookSignature(LOCAL_WEBHOOK_SECRET) : null,
        Instant.now())) {
      log.info(line);
    }
  }

  /** The lines to try, for a runtime at {@code base}; a signed webhook call when the local secret is in use. */
  static List<String> hints(String base, Path rawImages, @Nullable WebhookSignature localSignature, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("Try the examples (README, 'Two commands'):");
    lines.add("  curl -s -X POST " + base + "/users -d '{\"name\":\"Ada\"}'");
    lines.add("  curl -s " + base + "/users/<id from the line above>");
    lines.add("    (the welcome e-mail lands in buckets/outbox/welcome/<id>.eml; sign-ups are counted per day)");
    lines.add("  cp some-picture.png " + rawImages + "/");
    lines.add("    (a JPEG within 200x200 appears in buckets/processed-images/thumbnails/; a non-image is dead-lettered)");
    lines.add("  curl -s -X POST " + base + "/orders -d '[{\"orderId\":\"o-1\",\"customerId\":\"c-1\","
        + "\"amountCents\":1250,\"currency\":\"EUR\"},\"not an order\"]'");
    lines.add("    (o-1 is charged once, however often you send it; the poison message is dead-lettered)");
    lines.add("  curl -s -X POST " + base + "/_faas4j/schedules/dailyReport/fire");
    lines.add("    (the 02:00 UTC report, now, through the local console: buckets/reports/daily/<yesterday>.json)");
    if (localSignature != null) {
      String until = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
          .format(now.plus(WebhookSignature.TOLERANCE));
      lines.add("  curl -s -X POST " + base + "/webhooks/payments -H '" + WebhookSignature.HEADER + ": "
          + localSignature.sign(now, SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8)) + "' -d '" + SAMPLE_EVENT + "'");
      lines.add("    (signed with the local default secret, valid until " + until
          + "; sending it twice handles it once. For a fresh signature see the README)");
    } else {
      lines.add("  POST " + base + "/webhooks/payments with a " + WebhookSignature.HEADER
          + " header signed with your WEBHOOK_SECRET (see the README)");
    }
    return lines;
  }
}
