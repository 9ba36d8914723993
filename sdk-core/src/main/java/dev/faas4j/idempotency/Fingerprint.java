package dev.faas4j.idempotency;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 over the parts that define a request or event, so a key reused for a different payload is detected
 * without storing the payload. Each part is length-prefixed (absent parts have length -1), so no two different
 * sequences of parts hash the same input.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(HttpRequest r) {
    return hash("http", r.method(), r.path(), r.rawQuery(), r.body());
  }

  static String of(QueueMessage m) {
    return hash("queue", m.queue(), m.body());
  }

  static String of(TopicMessage m) {
    return hash("topic", m.topic(), m.body());
  }

  static String of(ObjectEvent e) {
    return hash("object", e.bucket(), e.key(), e.kind().name(), orNull(e.etag()), orNull(e.version()));
  }

  static String of(ScheduleEvent e) {
    // Without a due time (Azure timers) the run's id is all that tells two runs apart.
    return hash("schedule", e.schedule(), e.scheduledTime().map(Object::toString).orElse(e.id()));
  }

  /** Hex SHA-256 of {@code text}, for keys too long to store as they are. */
  static String sha256(String text) {
    return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static @Nullable String orNull(Optional<String> value) {
    return value.orElse(null);
  }

  /** Parts are Strings (UTF-8), byte arrays, or null for absent. */
  private static String hash(@Nullable Object... parts) {
    MessageDigest md = digest();
    for (Object part : parts) {
      byte[] bytes = part == null ? null
          : part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8);
      int length = bytes == null ? -1 : bytes.length;
      md.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      if (bytes != null) {
        md.update(bytes);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must provide SHA-256", e);
    }
  }
}
