package dev.faas4j.examples.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signing scheme, as payment providers do it (Stripe's, in substance).
 *
 * <p>The sender puts {@code Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} on the request, where the
 * HMAC is computed with the shared secret over {@code <t> + "." + <raw body bytes>}. The receiver recomputes it over
 * the bytes it received (never over re-serialised JSON), compares in constant time, and refuses timestamps more than
 * {@link #TOLERANCE} away from its clock, so a captured request cannot be replayed later. Several {@code v1} entries
 * are accepted, for rotating secrets.
 *
 * <p>The secret never appears in {@link #toString()}, messages or logs.
 */
public final class WebhookSignature {
  /** The request header carrying the signature. */
  public static final String HEADER = "Payment-Signature";
  /** How far the signed timestamp may be from the receiver's clock, either way. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_SECRET_BYTES = 16;

  private final SecretKeySpec key;

  /**
   * @throws IllegalArgumentException if the secret is shorter than 16 bytes
   */
  public WebhookSignature(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("The webhook secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** The header value a sender puts on {@code body} at {@code time}. */
  public String sign(Instant time, byte[] body) {
    long t = time.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
  }

  /**
   * Checks a request.
   *
   * @param header the {@link #HEADER} value, if the request had one
   * @return why the request is refused, or empty if it is authentic and fresh
   */
  public Optional<String> verify(Optional<String> header, byte[] body, Instant now) {
    if (header.isEmpty()) {
      return Optional.of("Missing " + HEADER + " header");
    }
    Long timestamp = null;
    List<byte[]> candidates = new ArrayList<>();
    for (String part : header.get().split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals("t")) {
        try {
          timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return Optional.of("Signature timestamp is not a number");
        }
      } else if (name.equals("v1")) {
        candidates.add(value.getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (timestamp == null || candidates.isEmpty()) {
      return Optional.of(HEADER + " must look like t=<unix seconds>,v1=<hex signature>");
    }
    long skew = Math.abs(now.getEpochSecond() - timestamp);
    if (skew > TOLERANCE.toSeconds() || skew < 0) { // skew < 0 when the subtraction overflowed
      return Optional.of("Signature timestamp is outside the tolerance of " + TOLERANCE.toMinutes() + " minutes");
    }
    byte[] expected = HexFormat.of().formatHex(mac(timestamp, body)).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] candidate : candidates) {
      match |= MessageDigest.isEqual(expected, candidate); // constant time; every candidate is compared
    }
    return match ? Optional.empty() : Optional.of("Signature does not match");
  }

  private byte[] mac(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[HmacSHA256, tolerance " + TOLERANCE + "]";
  }
}
