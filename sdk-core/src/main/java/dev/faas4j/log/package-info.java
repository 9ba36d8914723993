/**
 * Structured logging: one JSON object per line, bound to the invocation, escaped and redacted.
 */
@NullMarked
package dev.faas4j.log;

import org.jspecify.annotations.NullMarked;
