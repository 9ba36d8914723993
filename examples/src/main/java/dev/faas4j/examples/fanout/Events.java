package dev.faas4j.examples.fanout;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.examples.users.UserCreated;
import java.util.regex.Pattern;

/** Reads and checks the {@link UserCreated} events both subscribers receive. */
final class Events {
  /** User ids become object keys and table keys: only what {@code CreateUser} generates is accepted. */
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private Events() {}

  /** The event, or {@link InvalidEventException} (dead-lettered, not retried) if it is not a usable one. */
  // JSON can leave record components null despite @NullMarked, hence the null checks.
  static UserCreated userCreated(TopicMessage message) {
    UserCreated event = message.json(UserCreated.class);
    if (event.userId() == null || !USER_ID.matcher(event.userId()).matches()) {
      throw new InvalidEventException("UserCreated.userId is missing or not a user id");
    }
    if (event.name() == null || event.createdAt() == null) {
      throw new InvalidEventException("UserCreated needs name and createdAt");
    }
    return event;
  }
}
