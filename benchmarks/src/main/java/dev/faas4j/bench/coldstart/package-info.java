/**
 * Cold start under the real runtimes: JVM launch to the first response under the AWS Lambda Runtime Interface
 * Client (against {@link dev.faas4j.bench.coldstart.RuntimeApiStub}) and under the Functions Framework invoker, for
 * faas4j and the hand-written handler in interleaved rounds, with and without an AppCDS archive.
 */
@NullMarked
package dev.faas4j.bench.coldstart;

import org.jspecify.annotations.NullMarked;
