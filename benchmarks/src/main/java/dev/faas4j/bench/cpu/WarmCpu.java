package dev.faas4j.bench.cpu;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Stats;
import dev.faas4j.bench.coldstart.ColdStart;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Function CPU per warm invocation under Lambda's java17 flags: faas4j's {@code LambdaHandler} against the lean
 * hand-written handler (Jackson tree in, {@code JsonGenerator} out) and, for reference, the record-binding one.
 * Each variant runs in its own child JVM ({@link CpuChild}) started with Lambda's flags, which warms up and then, on
 * each request from this harness, invokes its handler in-process (no RIC, no I/O) N times and reports the process's
 * CPU time. Rounds are interleaved (A B C, C B A, ...) so that load from elsewhere hits every variant alike; the
 * budget figure is the median over rounds of faas4j's CPU per invocation divided by the lean baseline's in the same
 * round.
 *
 * <p>Why not JMH: Lambda stops tiered compilation at C1 and runs the serial collector, so per-invocation cost there
 * differs from C2's; and Lambda bills the whole process, so the compiler and GC threads count too.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.cpu.WarmCpu
 *     [--workload http|sqs|both] [--rounds 11] [--invocations 20000] [--warmup 3]
 *     [--java /usr/lib/jvm/java-17-openjdk-amd64/bin/java]
 * </pre>
 */
public final class WarmCpu {
  /** Budget of design.md: faas4j's function CPU per warm invocation within 1.10x the lean baseline. */
  static final double BUDGET = 1.10;

  /** A workload: the event, and the handler class of each variant. */
  record Workload(String name, String event, int perInvocation, Map<String, String> handlers) {}

  static final Workload HTTP = new Workload("http", "apigw-v2", 1, variants(
      "dev.faas4j.aws.LambdaHandler", "dev.faas4j.bench.baseline.ApiGatewayV2LeanBaseline",
      "dev.faas4j.bench.baseline.ApiGatewayV2Baseline"));
  static final Workload SQS = new Workload("sqs", "sqs-10", 10, variants(
      "dev.faas4j.aws.LambdaHandler", "dev.faas4j.bench.baseline.SqsLeanBaseline",
      "dev.faas4j.bench.baseline.SqsBatchBaseline"));

  private WarmCpu() {}

  private static Map<String, String> variants(String faas4j, String lean, String records) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("faas4j", faas4j);
    m.put("lean", lean);
    m.put("records", records);
    return m;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    String workload = flags.getOrDefault("workload", "both");
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "11"));
    int invocations = Integer.parseInt(flags.getOrDefault("invocations", "20000"));
    int warmup = Integer.parseInt(flags.getOrDefault("warmup", "3"));
    String java = flags.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path work = Files.createTempDirectory("faas4j-cpu");
    System.out.println("java: " + java + ", flags: " + String.join(" ", ColdStart.LAMBDA_FLAGS));
    System.out.println(f("rounds: %d, warm-up rounds: %d, work dir: %s", rounds, warmup, work));
    if (workload.equals("http") || workload.equals("both")) {
      run(HTTP, java, rounds, invocations, warmup, work);
    }
    if (workload.equals("sqs") || workload.equals("both")) {
      run(SQS, java, rounds, invocations / SQS.perInvocation(), warmup, work);
    }
  }

  /** One round's figures from a child, per invocation. */
  record Sample(double cpuNanos, double threadNanos, double wallNanos, double tickCpuNanos, long gcs,
      double logBytes) {}

  private static void run(Workload w, String java, int rounds, int invocations, int warmup, Path work)
      throws Exception {
    System.out.println(f("%n## Function CPU per warm invocation, %s (%s event, %,d invocations per round)",
        w.name(), w.event(), invocations));
    Map<String, Child> children = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> v : w.handlers().entrySet()) { // one at a time: warm-ups do not overlap
        children.put(v.getKey(), Child.start(java, v.getValue(), w.event(), invocations, warmup,
            work.resolve(w.name() + "-" + v.getKey() + ".err")));
      }
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      children.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
      List<Double> leanRatios = new ArrayList<>();
      List<Double> recordRatios = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<String> order = new ArrayList<>(children.keySet());
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
        Map<String, Sample> thisRound = new LinkedHashMap<>();
        for (String v : order) {
          Sample s = children.get(v).round();
          thisRound.put(v, s);
          samples.get(v).add(s);
          line.append(f(" %s=%.2f µs", v, s.cpuNanos() / 1e3));
        }
        leanRatios.add(thisRound.get("faas4j").cpuNanos() / thisRound.get("lean").cpuNanos());
        recordRatios.add(thisRound.get("faas4j").cpuNanos() / thisRound.get("records").cpuNanos());
        System.out.println(line);
      }
      System.out.println("\n| variant | process CPU µs/invocation (median) | min | max | invoking thread CPU µs | "
          + "wall µs | CPU µs (10 ms clock) | GCs per round | log bytes/invocation |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      samples.forEach((v, list) -> System.out.println(f("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f |",
          v,
          median(list, Sample::cpuNanos) / 1e3, Stats.min(values(list, Sample::cpuNanos)) / 1e3,
          Stats.max(values(list, Sample::cpuNanos)) / 1e3, median(list, Sample::threadNanos) / 1e3,
          median(list, Sample::wallNanos) / 1e3, median(list, Sample::tickCpuNanos) / 1e3,
          median(list, s -> (double) s.gcs()), median(list, Sample::logBytes))));
      if (w.perInvocation() > 1) {
        System.out.println(f("(per message: divide by %d)", w.perInvocation()));
      }
      double leanRatio = Stats.median(leanRatios);
      System.out.println(f("%nfaas4j / lean baseline, median of per-round ratios: %.3f (budget <= %.2f: %s); "
          + "ratio of medians: %.3f", leanRatio, BUDGET, leanRatio <= BUDGET ? "MET" : "MISSED",
          median(samples.get("faas4j"), Sample::cpuNanos) / median(samples.get("lean"), Sample::cpuNanos)));
      System.out.println(f("faas4j / record-binding baseline (reference), median of per-round ratios: %.3f",
          Stats.median(recordRatios)));
    } finally {
      for (Child c : children.values()) {
        c.close();
      }
    }
  }

  private interface Field {
    double of(Sample s);
  }

  private static List<Double> values(List<Sample> list, Field field) {
    return list.stream().map(field::of).toList();
  }

  private static double median(List<Sample> list, Field field) {
    return Stats.median(values(list, field));
  }

  /** A child JVM serving rounds over its stdin and stdout. */
  static final class Child {
    private final Process process;
    private final BufferedReader out;
    private final BufferedWriter in;
    private final Path err;
    private long otherLines;

    private Child(Process process, Path err) {
      this.process = process;
      this.err = err;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    static Child start(String java, String handler, String event, int invocations, int warmup, Path err)
        throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(ColdStart.LAMBDA_FLAGS);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(CpuChild.class.getName());
      cmd.addAll(List.of("--handler", handler, "--event", event, "--invocations", Integer.toString(invocations),
          "--warmup", Integer.toString(warmup)));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
      pb.environment().putAll(Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", "fn",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));
      Child c = new Child(pb.start(), err);
      c.expect(CpuChild.READY);
      return c;
    }

    Sample round() throws IOException {
      in.write("round\n");
      in.flush();
      String[] p = expect(CpuChild.RESULT).substring(CpuChild.RESULT.length()).trim().split(" ");
      double n = Double.parseDouble(p[0]);
      return new Sample(Long.parseLong(p[1]) / n, Long.parseLong(p[2]) / n, Long.parseLong(p[3]) / n,
          Long.parseLong(p[4]) / n, Long.parseLong(p[5]), Long.parseLong(p[6]) / n);
    }

    /** Reads up to the line starting with {@code prefix}; other lines are the handler's own output (logs). */
    private String expect(String prefix) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
        if (otherLines++ < 5) {
          System.out.println("  (child output: " + line + ")");
        }
      }
      throw new IllegalStateException("The child exited: " + tail());
    }

    private String tail() {
      try {
        List<String> lines = Files.readAllLines(err);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      } catch (IOException e) {
        return "(no stderr: " + e + ")";
      }
    }

    void close() throws InterruptedException {
      try {
        in.write("exit\n");
        in.flush();
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
