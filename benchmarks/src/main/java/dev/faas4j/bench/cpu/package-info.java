/**
 * Function CPU per warm invocation under Lambda's own JVM flags (C1 only, serial GC), which JMH with C2 does not
 * show: faas4j's {@code LambdaHandler} against the lean hand-written handler, each in its own child JVM.
 */
@NullMarked
package dev.faas4j.bench.cpu;

import org.jspecify.annotations.NullMarked;
