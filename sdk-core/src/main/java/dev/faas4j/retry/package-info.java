/**
 * Retries with exponential backoff and full jitter that never sleep past the invocation's deadline.
 */
@NullMarked
package dev.faas4j.retry;

import org.jspecify.annotations.NullMarked;
