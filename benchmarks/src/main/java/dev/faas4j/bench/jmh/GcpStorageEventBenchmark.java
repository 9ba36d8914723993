package dev.faas4j.bench.jmh;

import com.google.cloud.functions.CloudEventsFunction;
import dev.faas4j.bench.Faas4jEntryPoints;
import dev.faas4j.bench.Seen;
import dev.faas4j.bench.baseline.GcsCloudEventBaseline;
import dev.faas4j.bench.support.Events;
import dev.faas4j.bench.support.StorageCloudEvent;
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
 * A Cloud Storage "object finalized" CloudEvent, as the Functions Framework invoker decodes it, into a
 * {@code CloudEventsFunction}; success is returning normally (the invoker then answers 200).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GcpStorageEventBenchmark {
  private final StorageCloudEvent event = StorageCloudEvent.of(Events.gcsObject());
  private final CloudEventsFunction baseline = new GcsCloudEventBaseline();

  @Benchmark
  public String baseline() throws Exception {
    baseline.accept(event);
    return Seen.lastObject();
  }

  @Benchmark
  public String faas4j(Faas4j f) throws Exception {
    f.entry.accept(event);
    return Seen.lastObject();
  }

  /** The faas4j entry point, set up only for the faas4j method (it fails there alone if the adapter is missing). */
  @State(Scope.Thread)
  public static class Faas4j {
    CloudEventsFunction entry;

    @Setup
    public void setup() {
      entry = Faas4jEntryPoints.gcpEvents();
    }
  }
}
