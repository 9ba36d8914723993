package dev.faas4j.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  private final WebhookSignature signature = new WebhookSignature("0123456789abcdef-secret");

  @Test
  void matchesAnIndependentlyComputedHmac() {
    // printf '1893456000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac '0123456789abcdef-secret'
    assertThat(signature.sign(NOW, BODY))
        .isEqualTo("t=1893456000,v1=b0a443e742b236d4a7fb55638fd6a1ac337256e1dcc058112973936a583545f0");
  }

  @Test
  void acceptsItsOwnSignatureWithinTheTolerance() {
    String header = signature.sign(NOW, BODY);

    assertThat(signature.verify(Optional.of(header), BODY, NOW)).isEmpty();
    assertThat(signature.verify(Optional.of(header), BODY, NOW.plus(Duration.ofMinutes(5)))).isEmpty();
    assertThat(signature.verify(Optional.of(header), BODY, NOW.minus(Duration.ofMinutes(5)))).isEmpty();
  }

  @Test
  void refusesAStaleOrFutureTimestamp() {
    String header = signature.sign(NOW, BODY);

    assertThat(signature.verify(Optional.of(header), BODY, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("tolerance"));
    assertThat(signature.verify(Optional.of(header), BODY, NOW.minus(Duration.ofMinutes(6)))).isPresent();
  }

  @Test
  void refusesAnotherBodyAnotherSecretOrATamperedTimestamp() {
    String header = signature.sign(NOW, BODY);

    assertThat(signature.verify(Optional.of(header), "{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8), NOW))
        .contains("Signature does not match");
    assertThat(new WebhookSignature("another-secret-of-16-bytes").verify(Optional.of(header), BODY, NOW))
        .contains("Signature does not match");
    String shifted = header.replace("t=1893456000", "t=1893456001");
    assertThat(signature.verify(Optional.of(shifted), BODY, NOW)).contains("Signature does not match");
  }

  @Test
  void acceptsAnyOfSeveralSignaturesForSecretRotation() {
    String good = signature.sign(NOW, BODY);
    String header = good.replace(",v1=", ",v1=" + "0".repeat(64) + ",v1=");

    assertThat(signature.verify(Optional.of(header), BODY, NOW)).isEmpty();
  }

  @Test
  void refusesMissingOrMalformedHeaders() {
    assertThat(signature.verify(Optional.empty(), BODY, NOW)).contains("Missing Payment-Signature header");
    for (String header : new String[] {"", "v1=abc", "t=1893456000", "t=soon,v1=abc", "garbage",
        "t=-9223372036854775808,v1=abc"}) {
      assertThat(signature.verify(Optional.of(header), BODY, NOW)).as(header).isPresent();
    }
  }

  @Test
  void refusesAShortSecretWithoutEchoingIt() {
    assertThatThrownBy(() -> new WebhookSignature("short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short");
    assertThat(signature.toString()).doesNotContain("secret-");
  }
}
