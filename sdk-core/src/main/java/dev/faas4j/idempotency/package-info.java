/**
 * Makes any function idempotent, backed by a {@link dev.faas4j.port.KeyValueStore}.
 */
@NullMarked
package dev.faas4j.idempotency;

import org.jspecify.annotations.NullMarked;
