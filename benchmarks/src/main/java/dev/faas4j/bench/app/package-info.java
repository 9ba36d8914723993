/** The faas4j side of every measurement: trivial functions written against {@code dev.faas4j} only. */
@NullMarked
package dev.faas4j.bench.app;

import org.jspecify.annotations.NullMarked;
