package dev.faas4j.bench.jmh;

import dev.faas4j.bench.Faas4jEntryPoints;
import dev.faas4j.bench.Seen;
import dev.faas4j.bench.baseline.AzureQueueBaseline;
import dev.faas4j.bench.support.AzureHttp;
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
 * An Azure Queue Storage message (one order) as the Java worker hands it to a {@code @QueueTrigger} method: the
 * decoded body and the {@code Id}, {@code DequeueCount} and {@code InsertionTime} metadata. Success is returning
 * normally (the host then deletes the message).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AzureQueueBenchmark {
  private final AzureHttp.QueueInput message = AzureHttp.orderMessage();
  private final AzureHttp.Context context = new AzureHttp.Context("orders");
  private final AzureQueueBaseline baseline = new AzureQueueBaseline();

  @Benchmark
  public long baseline() {
    baseline.run(message.body(), message.id(), message.dequeueCount(), message.insertionTime(), context);
    return Seen.amounts();
  }

  @Benchmark
  public long faas4j(Faas4j f) {
    f.entry.run(message.body(), message.id(), message.dequeueCount(), message.insertionTime(), context);
    return Seen.amounts();
  }

  /** The faas4j entry point, set up only for the faas4j method (it fails there alone if the adapter is missing). */
  @State(Scope.Thread)
  public static class Faas4j {
    Faas4jEntryPoints.AzureQueueEntry entry;

    @Setup
    public void setup() {
      entry = Faas4jEntryPoints.azureQueue();
    }
  }
}
