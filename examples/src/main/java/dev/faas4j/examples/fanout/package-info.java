/**
 * Fan-out: registering a user publishes {@code UserCreated} to a topic, and two subscribers react on their own, each
 * with its own retries: a welcome e-mail recorded to storage and a daily sign-up counter.
 */
@NullMarked
package dev.faas4j.examples.fanout;

import org.jspecify.annotations.NullMarked;
