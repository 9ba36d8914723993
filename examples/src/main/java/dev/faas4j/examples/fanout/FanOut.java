package dev.faas4j.examples.fanout;

import static dev.faas4j.trigger.Triggers.topic;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.examples.users.Users;
import dev.faas4j.idempotency.Idempotency;
import java.time.Duration;

/** The two subscribers of {@code user-created}; each gets its own copy of every event and retries on its own. */
public final class FanOut implements FunctionApp {
  /** The logical bucket welcome e-mails are recorded in. */
  public static final String OUTBOX = "outbox";
  /** The logical key-value table of counters. */
  public static final String ANALYTICS = "analytics";

  @Override
  public void configure(Functions functions, Platform platform) {
    Idempotency idempotency = Idempotency.builder(platform.keyValueStore("idempotency"))
        .expiry(Duration.ofDays(1)).build();
    functions.onTopicMessage("welcomeEmail", topic(Users.USER_CREATED),
        new WelcomeEmail(platform.objectStorage(OUTBOX)));
    functions.onTopicMessage("countSignups", topic(Users.USER_CREATED),
        idempotency.topic(new CountSignups(platform.keyValueStore(ANALYTICS)), CountSignups::userIdOf));
  }
}
