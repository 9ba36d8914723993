package dev.faas4j.bench.jmh;

import dev.faas4j.TraceContext;
import dev.faas4j.spi.TraceAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message cost of trace propagation: writing the sending invocation's context into a message's attributes
 * (what every queue and topic port adds to a send), and reading it back into the consumer's context (what the
 * dispatcher adds to every queue, topic and object event), against a message that carries none.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TraceContextBenchmark {
  private final TraceContext trace = TraceContext
      .fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7")
      .orElseThrow().child();
  private final Map<String, String> userAttributes = Map.of("tenant", "acme", "priority", "7");
  private final Map<String, String> sent = TraceAttributes.outgoing(userAttributes, trace, 10);

  /** A send: the user's attributes plus traceparent and tracestate. */
  @Benchmark
  public Map<String, String> write() {
    return TraceAttributes.outgoing(userAttributes, trace, 10);
  }

  /** A delivery: the producer's context read off the attributes, continued with a new span. */
  @Benchmark
  public Optional<TraceContext> read() {
    return TraceAttributes.read(sent::get).map(TraceContext::child);
  }

  /** A delivery of a message that carries no trace context: the lookup alone. */
  @Benchmark
  public Optional<TraceContext> readAbsent() {
    return TraceAttributes.read(userAttributes::get);
  }
}
