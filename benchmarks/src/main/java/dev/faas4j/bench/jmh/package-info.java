/**
 * JMH benchmarks. Each class holds a {@code baseline} method (the hand-written handler) and a {@code faas4j} method
 * (the adapter and the trivial function) fed the same wire input, so one run gives both and their ratio. Run them
 * from the shaded jar with the GC profiler: {@code java -jar benchmarks/target/benchmarks.jar -prof gc}.
 */
@NullMarked
package dev.faas4j.bench.jmh;

import org.jspecify.annotations.NullMarked;
