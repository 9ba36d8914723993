package dev.faas4j.event;

import java.time.Instant;
import java.util.Optional;

/**
 * The CloudEvents core attributes that every portable non-HTTP event carries.
 *
 * <p>{@code id} is unique per {@code source} and stable across redeliveries of the same event, which is what makes
 * it a good idempotency key.
 */
public sealed interface Event permits ObjectEvent, QueueMessage, TopicMessage, ScheduleEvent, CloudEvent {

  /** Identifies the event; the same for every delivery of it. */
  String id();

  /** Where the event happened, e.g. {@code //storage.googleapis.com/projects/_/buckets/images} or {@code aws:sqs}. */
  String source();

  /** What happened, e.g. {@code google.cloud.storage.object.v1.finalized} or {@code dev.faas4j.queue.message}. */
  String type();

  /** The subject within the source, e.g. {@code objects/cat.jpg}, when the platform gives one. */
  Optional<String> subject();

  /**
   * When the event happened, if the platform says. Never made up: an event whose platform gives no time has none
   * (not the clock's time when it was received, not the epoch).
   */
  Optional<Instant> time();

  /** The platform's own facts and the payload as received, for what the portable model does not cover. */
  Origin origin();
}
