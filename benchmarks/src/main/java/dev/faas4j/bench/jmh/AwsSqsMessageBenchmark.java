package dev.faas4j.bench.jmh;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faas4j.bench.Faas4jEntryPoints;
import dev.faas4j.bench.baseline.SqsLeanBaseline;
import dev.faas4j.bench.support.Events;
import dev.faas4j.bench.support.LambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An SQS event with one order message in, the partial batch response ({@code batchItemFailures}) out: the per-message
 * fixed cost, which the batch of 10 spreads. The baseline reads the event as a Jackson tree ({@code SqsLeanBaseline}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AwsSqsMessageBenchmark {
  private final byte[] event = Events.sqsOne();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  private final Context context = new LambdaContext();
  private final RequestStreamHandler baseline = new SqsLeanBaseline();

  @Benchmark
  public int baseline() throws IOException {
    out.reset();
    baseline.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.size();
  }

  @Benchmark
  public int faas4j(Faas4j f) throws IOException {
    out.reset();
    f.entry.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.size();
  }

  /** The faas4j entry point, set up only for the faas4j method (it fails there alone if the adapter is missing). */
  @State(Scope.Thread)
  public static class Faas4j {
    RequestStreamHandler entry;

    @Setup
    public void setup() {
      entry = Faas4jEntryPoints.lambda();
    }
  }
}
