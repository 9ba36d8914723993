/**
 * Thread-safe in-memory implementations of every port, for tests and for functions that need no durable state.
 */
@NullMarked
package dev.faas4j.port.memory;

import org.jspecify.annotations.NullMarked;
