/**
 * Throughput on loopback: HTTP with {@code wrk} against the local runtime and the Functions Framework invoker, and
 * the local queue end to end.
 */
@NullMarked
package dev.faas4j.bench.throughput;

import org.jspecify.annotations.NullMarked;
