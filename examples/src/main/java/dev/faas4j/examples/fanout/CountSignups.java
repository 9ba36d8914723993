package dev.faas4j.examples.fanout;

import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.RetryableException;
import dev.faas4j.TopicFunction;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.examples.users.UserCreated;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Subscriber of {@code user-created}: counts sign-ups per UTC day in the {@code analytics} table under
 * {@code signups:<yyyy-MM-dd>}.
 *
 * <p>The increment is a compare-and-set on the counter's version, so concurrent instances never lose a count. It is
 * not idempotent by itself: the app wraps it in {@code Idempotency.topic(...)} keyed by user id, so a redelivered
 * (or twice published) event counts once.
 */
public final class CountSignups implements TopicFunction {
  /** Attempts before contention on the counter is given back to the platform as a retry. */
  private static final int MAX_CAS_ATTEMPTS = 10;

  private final KeyValueStore analytics;

  public CountSignups(KeyValueStore analytics) {
    this.analytics = analytics;
  }

  record Counter(long count) {}

  /** The idempotency key of a {@code UserCreated} message: the user it announces. */
  public static String userIdOf(TopicMessage message) {
    return Events.userCreated(message).userId();
  }

  /** How many users signed up on {@code day} (UTC). */
  public static long signupsOn(KeyValueStore analytics, LocalDate day) {
    return analytics.get(keyFor(day)).map(e -> e.json(Counter.class).count()).orElse(0L);
  }

  static String keyFor(LocalDate day) {
    return "signups:" + day;
  }

  @Override
  public void handle(TopicMessage message, InvocationContext context) {
    UserCreated user = Events.userCreated(message);
    String key = keyFor(user.createdAt().atOffset(ZoneOffset.UTC).toLocalDate());
    for (int attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
      Optional<KeyValueEntry> current = analytics.get(key);
      long next = current.map(e -> e.json(Counter.class).count()).orElse(0L) + 1;
      byte[] value = Json.toBytes(new Counter(next));
      OptionalLong written = current.isPresent()
          ? analytics.compareAndSet(key, current.get().version(), value, null)
          : analytics.putIfAbsent(key, value, null);
      if (written.isPresent()) {
        context.logger().info("Sign-up counted", "counter", key, "count", next);
        return;
      }
    }
    throw new RetryableException("Counter " + key + " is contended; try again later");
  }
}
