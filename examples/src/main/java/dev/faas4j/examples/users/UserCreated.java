package dev.faas4j.examples.users;

import java.time.Instant;

/**
 * Published to the {@code user-created} topic when a user registers; the fan-out subscribers react to it.
 *
 * @param createdAt when the user registered, by the platform's clock
 */
public record UserCreated(String userId, String name, Instant createdAt) {}
