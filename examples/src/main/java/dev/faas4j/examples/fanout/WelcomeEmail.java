package dev.faas4j.examples.fanout;

import dev.faas4j.InvocationContext;
import dev.faas4j.TopicFunction;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.examples.users.UserCreated;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException;
import dev.faas4j.port.PutOptions;
import java.nio.charset.StandardCharsets;

/**
 * Subscriber of {@code user-created}: "sends" a welcome e-mail by recording it as {@code welcome/<userId>.eml} in
 * the {@code outbox} bucket (a real app would hand it to a mail service here).
 *
 * <p>Idempotent by construction: the write is conditional ({@code ifAbsent}), so a redelivered event finds the
 * e-mail already recorded and stops.
 */
public final class WelcomeEmail implements TopicFunction {
  private final ObjectStorage outbox;

  public WelcomeEmail(ObjectStorage outbox) {
    this.outbox = outbox;
  }

  /** Where the welcome e-mail for {@code userId} is recorded. */
  public static String keyFor(String userId) {
    return "welcome/" + userId + ".eml";
  }

  @Override
  public void handle(TopicMessage message, InvocationContext context) {
    UserCreated user = Events.userCreated(message);
    String mail = "To: user " + user.userId() + "\r\n"
        + "Subject: Welcome, " + user.name().replaceAll("[\\r\\n]", " ") + "!\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Thanks for signing up on " + user.createdAt() + ".\r\n";
    try {
      outbox.put(keyFor(user.userId()), mail.getBytes(StandardCharsets.UTF_8),
          PutOptions.contentType("message/rfc822").ifAbsent());
      context.logger().info("Welcome e-mail recorded", "userId", user.userId());
    } catch (ObjectStorageException e) {
      if (e.reason() != PortException.Reason.CONFLICT) {
        throw e;
      }
      context.logger().info("Welcome e-mail was already recorded; duplicate delivery ignored",
          "userId", user.userId());
    }
  }
}
