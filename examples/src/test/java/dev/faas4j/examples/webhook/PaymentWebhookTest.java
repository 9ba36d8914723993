package dev.faas4j.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.examples.webhook.HandlePaymentEvent.Totals;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentWebhookTest {
  private static final String SECRET = "whsec-test-0123456789";
  private static final String EVENT =
      "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"data\":{\"orderId\":\"o-1\",\"amountCents\":1250}}";

  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of("WEBHOOK_SECRET", SECRET));
  private final FunctionTester app = FunctionTester.forApp(new Webhooks(), platform);
  private final WebhookSignature signer = new WebhookSignature(SECRET);

  private HttpResponse post(String body, String signatureHeader) {
    return app.http().call(TestEvents.http("POST", "/webhooks/payments").json(body)
        .header(WebhookSignature.HEADER, signatureHeader));
  }

  private HttpResponse postSigned(String body) {
    return post(body, signer.sign(clock.instant(), body.getBytes(StandardCharsets.UTF_8)));
  }

  private Totals totals() {
    return HandlePaymentEvent.totals(platform.keyValueStore("payments"));
  }

  @Test
  void aValidSignatureIsAccepted() {
    HttpResponse response = postSigned(EVENT);

    assertThat(response.status()).isEqualTo(200);
    Map<?, ?> body = response.json(Map.class);
    assertThat(body.get("handled")).isEqualTo(true);
    assertThat(totals()).isEqualTo(new Totals(1, 1250, 0));
    assertThat(platform.keyValueStore("payments").get("payment:o-1").orElseThrow()
        .json(HandlePaymentEvent.Payment.class)).isEqualTo(new HandlePaymentEvent.Payment("o-1", "paid", 1250,
            "evt_1"));
  }

  @Test
  void aBadSignatureIsA400AndChangesNothing() {
    String forged = new WebhookSignature("not-the-right-secret!").sign(clock.instant(),
        EVENT.getBytes(StandardCharsets.UTF_8));

    HttpResponse response = post(EVENT, forged);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("Signature does not match");
    assertThat(totals().events()).isZero();
    app.logs().assertLogged(LogLevel.WARN, "Webhook refused");
  }

  @Test
  void aStaleTimestampIsA400() {
    String header = signer.sign(clock.instant(), EVENT.getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofMinutes(6));

    HttpResponse response = post(EVENT, header);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("tolerance");
    assertThat(totals().events()).isZero();
  }

  @Test
  void aMissingSignatureIsA400() {
    HttpResponse response = app.http().call(TestEvents.http("POST", "/webhooks/payments").json(EVENT));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void theSameEventDeliveredAgainIsHandledOnce() {
    postSigned(EVENT);
    clock.advance(Duration.ofMinutes(30)); // a provider's retry, freshly signed

    HttpResponse replay = postSigned(EVENT);

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("Idempotent-Replayed")).contains("true");
    assertThat(totals()).isEqualTo(new Totals(1, 1250, 0));
  }

  @Test
  void aMalformedBodyIsA400NotA500() {
    assertThat(postSigned("{\"id\": ").status()).isEqualTo(400);
    assertThat(postSigned("{\"type\":\"payment.succeeded\"}").status()).isEqualTo(400); // no id
    assertThat(postSigned("{\"id\":\"evt_9\",\"type\":\"payment.succeeded\"}").status()).isEqualTo(400); // no data
    assertThat(totals().events()).isZero();
  }

  @Test
  void otherEventTypesAreAcknowledgedAndIgnored() {
    HttpResponse response = postSigned("{\"id\":\"evt_2\",\"type\":\"customer.updated\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(totals().events()).isZero();
  }

  @Test
  void refundsAreTotalledApart() {
    postSigned(EVENT);
    postSigned("{\"id\":\"evt_2\",\"type\":\"payment.refunded\",\"data\":{\"orderId\":\"o-1\",\"amountCents\":250}}");

    assertThat(totals()).isEqualTo(new Totals(2, 1250, 250));
  }

  @Test
  void withoutASecretEveryRequestFailsAndNothingIsHandled() {
    InMemoryPlatform unconfigured = new InMemoryPlatform(clock, Map.of());
    FunctionTester tester = FunctionTester.forApp(new Webhooks(), unconfigured);

    HttpResponse response = tester.http().call(TestEvents.http("POST", "/webhooks/payments").json(EVENT)
        .header(WebhookSignature.HEADER, signer.sign(clock.instant(), EVENT.getBytes(StandardCharsets.UTF_8))));

    assertThat(response.status()).isEqualTo(500);
    assertThat(HandlePaymentEvent.totals(unconfigured.keyValueStore("payments")).events()).isZero();
  }

  @Test
  void neitherTheSecretNorTheSignatureIsLogged() {
    postSigned(EVENT);
    post(EVENT, "t=1,v1=deadbeef");

    assertThat(app.logs().containing(SECRET)).isEmpty();
    assertThat(app.logs().containing("deadbeef")).isEmpty();
  }
}
