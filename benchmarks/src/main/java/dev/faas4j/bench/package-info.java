/**
 * Measurements of faas4j against hand-written baselines: JMH benchmarks ({@code jmh}), cold start under the real
 * runtimes ({@code coldstart}), function CPU per warm invocation under Lambda's JVM flags ({@code cpu}), footprint
 * ({@code footprint}), local HTTP and queue throughput ({@code throughput}).
 * The faas4j functions live in {@code app}, the hand-written handlers in {@code baseline}; each package is packed
 * into its own function jar for the child processes. Commands and results: {@code docs/performance.md}.
 */
@NullMarked
package dev.faas4j.bench;

import org.jspecify.annotations.NullMarked;
