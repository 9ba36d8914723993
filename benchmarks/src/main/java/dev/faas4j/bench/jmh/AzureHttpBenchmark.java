package dev.faas4j.bench.jmh;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.bench.Faas4jEntryPoints;
import dev.faas4j.bench.baseline.AzureHttpBaseline;
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

/** The greeting as an Azure Functions HTTP trigger: the worker's request object in, its response object out. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AzureHttpBenchmark {
  private final AzureHttp.Request request = AzureHttp.greetRequest();
  private final AzureHttp.Context context = new AzureHttp.Context();
  private final AzureHttpBaseline baseline = new AzureHttpBaseline();

  @Benchmark
  public HttpResponseMessage baseline() {
    return baseline.run(request, context);
  }

  @Benchmark
  public HttpResponseMessage faas4j(Faas4j f) {
    return f.entry.run(request, context);
  }

  /** The faas4j entry point, set up only for the faas4j method (it fails there alone if the adapter is missing). */
  @State(Scope.Thread)
  public static class Faas4j {
    Faas4jEntryPoints.AzureHttpEntry entry;

    @Setup
    public void setup() {
      entry = Faas4jEntryPoints.azureHttp();
    }
  }
}
