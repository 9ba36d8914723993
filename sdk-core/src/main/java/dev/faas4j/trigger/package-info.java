/**
 * Triggers a function is registered with: HTTP routes, buckets, queues, topics and cron schedules. Import {@link dev.faas4j.trigger.Triggers} statically.
 */
@NullMarked
package dev.faas4j.trigger;

import org.jspecify.annotations.NullMarked;
