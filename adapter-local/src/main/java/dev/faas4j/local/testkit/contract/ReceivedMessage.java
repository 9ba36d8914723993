package dev.faas4j.local.testkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as a contract test reads it back from the backend under test.
 *
 * @param id the id that {@code send} or {@code publish} returned for it
 */
public record ReceivedMessage(String id, byte[] body, Map<String, String> attributes, Optional<String> groupKey) {
  public ReceivedMessage {
    Objects.requireNonNull(id, "id");
    body = Objects.requireNonNull(body, "body").clone();
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(groupKey, "groupKey");
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
