package dev.faas4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.Json;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.examples.fanout.CountSignups;
import dev.faas4j.examples.orders.Order;
import dev.faas4j.examples.orders.PaymentGateway;
import dev.faas4j.examples.orders.ProcessedOrder;
import dev.faas4j.examples.orders.RecordingPaymentGateway;
import dev.faas4j.examples.report.Report;
import dev.faas4j.examples.thumbnails.ImageMetadata;
import dev.faas4j.examples.webhook.WebhookSignature;
import dev.faas4j.local.store.DurableQueue;
import dev.faas4j.local.testkit.AppHarness;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The whole application, end to end, in-process: every trigger fires through the same engine as the local runtime. */
class ExamplesAppTest {
  private static final String SECRET = "whsec-end-to-end-0123456789";
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** Records charges, and always fails the charge of customer {@code c-poison}: a message that can never succeed. */
  private final RecordingPaymentGateway charges = new RecordingPaymentGateway();
  private final PaymentGateway gateway = request -> {
    if (request.customerId().equals("c-poison")) {
      throw new IllegalStateException("card processor crashed");
    }
    return charges.charge(request);
  };
  private final AppHarness app = AppHarness.start(new ExamplesApp(gateway), new ManualClock(START),
      Map.of("WEBHOOK_SECRET", SECRET));

  record Created(String message, String id) {}

  @Test
  void registersEveryFunctionUnderItsName() {
    FunctionRegistry registry = FunctionRegistry.of(new ExamplesApp(), new InMemoryPlatform());

    assertThat(registry.definitions()).extracting(FunctionDefinition::name).containsExactlyInAnyOrder(
        "createUser", "getUser", "welcomeEmail", "countSignups", "thumbnail", "placeOrders", "processOrders",
        "dailyReport", "paymentWebhook");
  }

  @Test
  void theWholeAppEndToEnd() throws IOException {
    // 1. Register a user: the API answers, and the fan-out sends a welcome e-mail and counts the sign-up.
    HttpResponse created = app.http(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")).build());
    assertThat(created.status()).isEqualTo(200);
    String userId = created.json(Created.class).id();
    app.drain();
    assertThat(app.objectStorage("outbox").get("welcome/" + userId + ".eml")).isPresent();
    assertThat(CountSignups.signupsOn(app.keyValueStore("analytics"), LocalDate.parse("2030-01-01"))).isEqualTo(1);
    assertThat(app.http(TestEvents.http("GET", "/users/" + userId).build()).status()).isEqualTo(200);

    // 2. Drop an image: a thumbnail within 200x200 and its metadata; a file that is not an image is dead-lettered.
    app.objectStorage("raw-images").put("cats/tom.png", png(800, 600));
    app.objectStorage("raw-images").put("notes/todo.png", "buy milk".getBytes(StandardCharsets.UTF_8));
    app.drain();
    byte[] jpeg = app.objectStorage("processed-images").get("thumbnails/cats/tom.png").orElseThrow().content();
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(List.of(thumbnail.getWidth(), thumbnail.getHeight())).containsExactly(200, 150);
    assertThat(app.keyValueStore("images").get("cats/tom.png").orElseThrow().json(ImageMetadata.class).format())
        .isEqualTo("png");
    assertThat(app.objectStorage("processed-images").listAll("")).hasSize(1); // no thumbnail of the thumbnail
    assertThat(app.deadLettersOf("thumbnail")).hasSize(1);

    // 3. Ten orders with a poison one, and a duplicate: each charged exactly once, the poison dead-lettered.
    for (int i = 1; i <= 9; i++) {
      app.send("orders", OutgoingMessage.json(new Order("o-" + i, "c-" + i, 100L * i, "EUR")));
    }
    app.send("orders", OutgoingMessage.json(new Order("o-poison", "c-poison", 500, "EUR")));
    app.send("orders", OutgoingMessage.json(new Order("o-3", "c-3", 300, "EUR"))); // sent again
    app.advance(Duration.ofMinutes(2)); // past every retry's backoff: 1 s, 2 s, 4 s, 8 s
    for (int i = 1; i <= 9; i++) {
      assertThat(charges.requestsFor("order-o-" + i)).as("charge requests of o-" + i).hasSize(1);
    }
    assertThat(charges.charges()).hasSize(9);
    List<DurableQueue.Delivery> deadOrders = app.deadLetters("orders");
    assertThat(deadOrders).hasSize(1);
    assertThat(deadOrders.get(0).deliveryAttempt()).isEqualTo(5);
    assertThat(Json.fromBytes(deadOrders.get(0).body(), Order.class).orderId()).isEqualTo("o-poison");

    // 4. A signed payment webhook is handled, once.
    String event = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"data\":{\"orderId\":\"o-1\",\"amountCents\":100}}";
    for (int delivery = 1; delivery <= 2; delivery++) {
      String signature = new WebhookSignature(SECRET).sign(app.clock().instant(),
          event.getBytes(StandardCharsets.UTF_8));
      assertThat(app.http(TestEvents.http("POST", "/webhooks/payments").json(event)
          .header(WebhookSignature.HEADER, signature).build()).status()).isEqualTo(200);
    }
    assertThat(app.keyValueStore("payments").get("totals").orElseThrow().text()).contains("\"events\":1");

    // 5. Past 02:00 on the next day: the report of 2030-01-01 is written and order records over 30 days old go.
    app.keyValueStore("orders").put("order:ancient", Json.toBytes(new ProcessedOrder("ancient", "c-0", 1, "EUR",
        "ch_0", START.minus(Duration.ofDays(40)))));
    app.advance(Duration.ofHours(27));
    Report report = app.objectStorage("reports").get("daily/2030-01-01.json").orElseThrow().json(Report.class);
    assertThat(report.ordersProcessed()).isEqualTo(9);
    assertThat(report.revenueCents()).isEqualTo(4500);
    assertThat(report.signups()).isEqualTo(1);
    assertThat(report.recordsDeleted()).isZero(); // the ancient record went in the first run, at 2030-01-01T02:00
    assertThat(app.objectStorage("reports").get("daily/2029-12-31.json").orElseThrow().json(Report.class)
        .recordsDeleted()).isEqualTo(1);
    assertThat(app.keyValueStore("orders").get("order:ancient")).isEmpty();
    assertThat(app.keyValueStore("orders").get("order:o-1")).isPresent();

    // Failures were the expected ones only, each logged once, and no secret reached the logs.
    assertThat(app.logs().atLevel(LogLevel.ERROR)).hasSize(5).allMatch(l -> l.contains("card processor crashed"));
    assertThat(app.logs().containing(SECRET)).isEmpty();
  }

  private static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
