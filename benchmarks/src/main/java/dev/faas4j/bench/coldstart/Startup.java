package dev.faas4j.bench.coldstart;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import dev.faas4j.bench.Stats;
import dev.faas4j.bench.cpu.CpuChild;
import dev.faas4j.bench.support.Events;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The start-up aid under the real Lambda Runtime Interface Client. Plain variants are laid out as Lambda lays out a
 * function without the aid (the function's jars in {@code <task root>/lib}, loaded by the client's own class loader
 * from its working directory; the runtime's client jars on the class path): the lean hand-written handler
 * ({@code ApiGatewayV2LeanBaseline}, the budget's baseline) and faas4j's {@code LambdaHandler}. Aided variants run
 * as Lambda runs a function with {@code AWS_LAMBDA_EXEC_WRAPPER}: the launcher ({@code faas4j/launch}) gets the
 * runtime's java command and starts it with the zip's jars (the client's among them) on the class path and the
 * archive: faas4j's from its build-time training ({@code dev.faas4j.aws.deploy.LambdaTraining}, its own process,
 * the app's own sample event), the lean handler's from a training run through the same launcher with the same
 * event. The aid is an AppCDS archive on Java 17/21 and an AOT cache on Java 25. Every child gets the environment
 * Lambda gives an on-demand function ({@code AWS_LAMBDA_INITIALIZATION_TYPE=on-demand} among it).
 *
 * <p>Rounds are interleaved (A B C D, D C B A, ...); ratios are medians of per-round ratios, which hold up better
 * than ratios of medians on a loaded machine, printed with their interquartile range and extremes. Three measures:
 * CPU time to the response, precise (the sum of the child's threads' scheduler run times, in nanoseconds, read
 * when the response arrives and before it is acknowledged: see {@link #cpuAtResponse}, which says what it misses),
 * the same CPU in the kernel's 10 ms ticks (whole process, for comparison; too coarse to tell 190 from 200 ms), and
 * wall time from launch to the response, which other load on the machine moves most. Peak RSS is the child's
 * {@code VmHWM} at its response.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.coldstart.Startup --java /path/to/bin/java [--rounds 21]
 *     [--classes]   (one more run per variant, counting where its classes came from)
 * </pre>
 */
public final class Startup {
  private static final String LEAN = "dev.faas4j.bench.baseline.ApiGatewayV2LeanBaseline::handleRequest";
  private static final String FAAS4J = "dev.faas4j.aws.LambdaHandler::handleRequest";
  private static final String APP = "dev.faas4j.bench.app.GreetApp";
  /** Where LambdaTraining writes the launcher and the archive ({@code .jsa} or {@code .aot}) in the task root. */
  private static final String LAUNCHER = "faas4j/launch";
  private static final String ARCHIVE = "faas4j/faas4j";

  /** {@code launcher}: started through the task root's {@code faas4j/launch}, as with AWS_LAMBDA_EXEC_WRAPPER. */
  private record Variant(String name, Path taskRoot, String handler, List<String> aid, boolean launcher) {}

  private final Layout layout = Layout.find();
  private final String java;
  private final Path work;
  private final boolean aot;
  private final List<Path> runtimeCp;

  private Startup(String java) throws IOException, InterruptedException {
    this.java = java;
    this.work = Files.createTempDirectory("faas4j-startup");
    this.aot = feature(java) >= 25;
    this.runtimeCp = layout.libs("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core",
        "aws-lambda-java-serialization", "utils-lite");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "21"));
    String java = flags.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Startup s = new Startup(java);
    System.out.println("java: " + java + " (" + ColdStart.version(java) + "), aid: "
        + (s.aot ? "AOT cache (-XX:AOTCacheOutput / -XX:SharedArchiveFile)" : "AppCDS (-XX:ArchiveClassesAtExit / "
        + "-XX:SharedArchiveFile)") + ", rounds: " + rounds + ", load average: " + loadAverage());
    s.run(rounds, flags.containsKey("classes"));
  }

  private void run(int rounds, boolean classes) throws Exception {
    List<Path> faas4jJars = Layout.concat(layout.libs("sdk-core", "adapter-aws"),
        Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-faas4j"))));
    List<Path> leanJars = Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-baseline")));
    Path faas4jTask = task("faas4j", faas4jJars);
    Path leanTask = task("lean", leanJars);
    // the zip with the aid also ships the client (and its API), which the launcher puts on the class path
    Path faas4jAid = task("faas4j-aid", Layout.concat(faas4jJars, runtimeCp));
    // The app's own training event, where LambdaTraining looks for it (in the app's resources).
    Path own = Files.createDirectories(faas4jAid.resolve("faas4j/training/aws"));
    Files.write(own.resolve("greet.json"), Events.apiGatewayV2());
    Path leanAid = task("lean-aid", Layout.concat(leanJars, runtimeCp));

    long t0 = System.nanoTime();
    Path faas4jArchive = trainFaas4j(faas4jAid);
    double faas4jTraining = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    Path leanArchive = trainLean(leanAid, faas4jAid, faas4jArchive);
    double leanTraining = (System.nanoTime() - t0) / 1e6;
    System.out.println(f("training: faas4j %.0f ms (LambdaTraining, its own JVM), lean %.0f ms", faas4jTraining,
        leanTraining));
    System.out.println(f("archive: faas4j %,d bytes, lean %,d bytes", Files.size(faas4jArchive),
        Files.size(leanArchive)));
    System.out.println("JDK record (" + faas4jArchive.getFileName() + ".jdk): "
        + Files.readString(faas4jArchive.resolveSibling(faas4jArchive.getFileName() + ".jdk")).replace('\n', ' '));

    List<Variant> variants = List.of(
        new Variant("faas4j", faas4jTask, FAAS4J, List.of(), false),
        new Variant("faas4j+aid", faas4jAid, FAAS4J, List.of(), true),
        new Variant("lean", leanTask, LEAN, List.of(), false),
        new Variant("lean+aid", leanAid, LEAN, List.of(), true));
    Map<String, List<Double>> ms = series(variants);
    Map<String, List<Double>> rss = series(variants);
    Map<String, List<Double>> cpu = series(variants);
    Map<String, List<Double>> ticks = series(variants);
    try (RuntimeApiStub stub = new RuntimeApiStub()) {
      stub.warm();
      for (Variant v : variants) { // untimed: page cache, and a check that each variant answers
        run(stub, v);
      }
      if (classes) { // where each variant's classes come from: the archive, the JDK's own, or a jar
        for (Variant v : variants) {
          Path log = work.resolve("classes-" + v.name() + ".log");
          List<String> aid = new ArrayList<>(v.aid());
          aid.add("-Xlog:class+load=info:file=" + log);
          run(stub, new Variant(v.name(), v.taskRoot(), v.handler(), aid, v.launcher()));
          Map<String, Integer> bySource = new java.util.TreeMap<>();
          for (String line : Files.readAllLines(log)) {
            int i = line.indexOf(" source: ");
            if (i > 0) {
              String src = line.substring(i + 9);
              bySource.merge(src.startsWith("shared objects file (top)") ? "archive"
                  : src.startsWith("shared objects file") ? "JDK CDS" : src.startsWith("jar:") || src.startsWith("file:")
                  ? "jars" : "other", 1, Integer::sum);
            }
          }
          System.out.println(f("classes loaded, %s: %s", v.name(), bySource));
        }
      }
      System.out.println("\n## Cold start under the Lambda RIC, function laid out as in /var/task (ms)");
      Map<Variant, List<Double>> times = ColdStart.interleave(rounds, variants, Variant::name, v -> {
        double[] r = run(stub, v);
        rss.get(v.name()).add(r[1]);
        cpu.get(v.name()).add(r[2]);
        ticks.get(v.name()).add(r[3]);
        return r[0];
      });
      times.forEach((v, t) -> ms.get(v.name()).addAll(t));
    }
    System.out.println("\n| variant | wall ms: median (IQR) min-max | CPU ms, precise: median (IQR) | CPU ms, ticks "
        + "(median) | peak RSS (median) |");
    System.out.println("|---|---:|---:|---:|---:|");
    List<Double> gaps = new ArrayList<>();
    for (Variant v : variants) {
      String n = v.name();
      System.out.println(f("| %s | %s | %s | %.0f | %.1f MB |", n, spread(ms.get(n), true),
          spread(cpu.get(n), false), Stats.median(ticks.get(n)), Stats.median(rss.get(n)) / 1024));
      for (int i = 0; i < cpu.get(n).size(); i++) {
        gaps.add(ticks.get(n).get(i) - cpu.get(n).get(i));
      }
    }
    // user and system time are each rounded down to a tick: the tick figure is 0-20 ms under the precise one, and
    // above it only by what exited threads spent
    long agree = gaps.stream().filter(g -> g > -20 && g <= 1).count();
    System.out.println(f("ticks - precise CPU: median %+.1f ms, %+.1f to %+.1f ms; within the ticks' rounding (-20 to "
        + "0 ms) in %d of %d runs", Stats.median(gaps), Stats.min(gaps), Stats.max(gaps), agree, gaps.size()));
    double budget = aot ? 0.5 : 0.6;
    System.out.println("\nRatios: median of the per-round ratios (interquartile range; min-max), on precise CPU, on "
        + "CPU in ticks and on wall time");
    pair(ms, cpu, ticks, "faas4j+aid", "lean", f("faas4j with the aid / lean without (budget <= %.1f)", budget),
        budget);
    pair(ms, cpu, ticks, "faas4j+aid", "lean+aid", "faas4j with the aid / lean with the same aid (budget <= 1.0)", 1.0);
    pair(ms, cpu, ticks, "faas4j", "lean", "faas4j / lean, neither aided (reference)", 0);
    pair(ms, cpu, ticks, "faas4j+aid", "faas4j", "effect of the aid on faas4j", 0);
    pair(ms, cpu, ticks, "lean+aid", "lean", "effect of the aid on the lean handler", 0);
    System.out.println("load average at the end: " + loadAverage());
  }

  private static Map<String, List<Double>> series(List<Variant> variants) {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    variants.forEach(v -> m.put(v.name(), new ArrayList<>()));
    return m;
  }

  /** One comparison on the three measures. */
  private static void pair(Map<String, List<Double>> wall, Map<String, List<Double>> cpu,
      Map<String, List<Double>> ticks, String a, String b, String label, double budget) {
    System.out.println(label + ":");
    ratio(cpu, a, b, "  CPU, precise", budget);
    ratio(ticks, a, b, "  CPU, ticks  ", budget);
    ratio(wall, a, b, "  wall        ", budget);
  }

  /** Median of the per-round ratios {@code a / b} with its spread, and a verdict when {@code budget} is positive. */
  private static void ratio(Map<String, List<Double>> values, String a, String b, String label, double budget) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < values.get(a).size(); i++) {
      ratios.add(values.get(a).get(i) / values.get(b).get(i));
    }
    double r = Stats.median(ratios);
    System.out.println(f("%s %.2f (%.2f-%.2f; %.2f-%.2f)%s", label, r, quantile(ratios, 0.25),
        quantile(ratios, 0.75), Stats.min(ratios), Stats.max(ratios),
        budget <= 0 ? "" : r <= budget ? " MET" : " MISSED"));
  }

  /** {@code median (p25-p75)}, with {@code min-max} when {@code range}. */
  private static String spread(List<Double> values, boolean range) {
    String s = f("%.0f (%.0f-%.0f)", Stats.median(values), quantile(values, 0.25), quantile(values, 0.75));
    return range ? s + f(" %.0f-%.0f", Stats.min(values), Stats.max(values)) : s;
  }

  /** The {@code q} quantile, interpolated between the two nearest values. */
  static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  /** A task root: the function's jars in lib/, as Lambda unpacks the deployment zip into /var/task. */
  private Path task(String name, List<Path> jars) throws IOException {
    Path lib = Files.createDirectories(work.resolve(name).resolve("lib"));
    for (Path jar : jars) {
      Files.copy(jar, lib.resolve(jar.getFileName()));
    }
    return work.resolve(name);
  }

  /** The build-time training, as the plugin runs it: its own JVM, from the adapter's deploy jar; the archive. */
  private Path trainFaas4j(Path task) throws Exception {
    Path deployJar;
    Path awsTarget = layout.target().resolve("../../adapter-aws/target").normalize();
    try (Stream<Path> files = Files.list(awsTarget)) {
      deployJar = files.filter(p -> p.getFileName().toString().endsWith("-deploy.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No adapter-aws deploy jar in " + awsTarget));
    }
    // adapter-local: the training's in-memory ports
    List<Path> cp = Layout.concat(List.of(deployJar), Layout.concat(layout.libs("sdk-core", "adapter-aws",
        "adapter-local", "aws-lambda-java-core"), layout.jackson()));
    Path out = work.resolve("train-faas4j.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        Layout.classpath(cp), "dev.faas4j.aws.deploy.LambdaTraining", "--java=" + java, "--task-root=" + task,
        "--rounds=1", "--env=FAAS4J_APP=" + APP, "--jvm-options=" + String.join(" ", ColdStart.LAMBDA_FLAGS))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("LambdaTraining failed:\n" + Files.readString(out));
    }
    System.out.print(Files.readString(out));
    return task.resolve(ARCHIVE + (aot ? ".aot" : ".jsa"));
  }

  /**
   * The hand-written handler's training, as LambdaTraining trains: through faas4j's launcher (with the lean jars as
   * its class path), the same event once; then the client exits and the JVM writes. The archive, with a copy of
   * faas4j's JDK record (the same JVM).
   */
  private Path trainLean(Path task, Path faas4jTask, Path faas4jArchive) throws Exception {
    List<String> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(task.resolve("lib"))) {
      files.map(f -> "lib/" + f.getFileName()).sorted().forEach(jars::add);
    }
    String script = Files.readString(faas4jTask.resolve(LAUNCHER))
        .replaceFirst("(?m)^CLASS_PATH='[^']*'$", "CLASS_PATH='" + String.join(":", jars) + "'");
    Path launcher = task.resolve(LAUNCHER);
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, script);
    launcher.toFile().setExecutable(true);
    String name = faas4jTask.relativize(faas4jArchive).toString();
    Path archive = task.resolve(name);
    RuntimeApiStub stub = new RuntimeApiStub();
    try {
      RuntimeApiStub.Run run = stub.prepare(Events.apiGatewayV2(), "train");
      Process p = start(new Variant("lean-training", task, LEAN,
          List.of((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + name), true), stub, "train-lean");
      try {
        run.result().get(120, TimeUnit.SECONDS);
        stub.close();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
          throw new IllegalStateException("The lean training run did not exit");
        }
      } finally {
        p.destroyForcibly();
      }
    } finally {
      stub.close();
    }
    if (!Files.exists(archive)) {
      throw new IllegalStateException("No archive for the lean handler:\n"
          + Files.readString(work.resolve("train-lean.log")));
    }
    Files.copy(faas4jArchive.resolveSibling(faas4jArchive.getFileName() + ".jdk"), task.resolve(name + ".jdk"));
    return archive;
  }

  /**
   * One cold start: ms from launch to the response, peak RSS in KB, and the CPU spent to the response as
   * {@link #cpuAtResponse} reads it (precise ms, tick ms).
   */
  private double[] run(RuntimeApiStub stub, Variant v) throws Exception {
    RuntimeApiStub.Run run = stub.prepare(Events.apiGatewayV2(), "req-" + System.nanoTime());
    long t0 = System.nanoTime();
    Process p = start(v, stub, "child-" + v.name());
    long pid = p.pid();
    run.atResponse(() -> cpuAtResponse(pid));
    try {
      RuntimeApiStub.Result r = run.result().get(120, TimeUnit.SECONDS);
      double ms = (r.arrivedNanos() - t0) / 1e6;
      double rssKb = peakRssKb(pid);
      double[] cpu = r.probed().length == 2 ? r.probed() : cpuAtResponse(pid); // a response before the probe was set
      if (!r.body().contains(ColdStart.EXPECTED)) {
        throw new IllegalStateException(v.name() + " answered " + r.body());
      }
      if (!run.awaitNextPoll(10_000)) {
        throw new IllegalStateException(v.name() + " did not poll again");
      }
      return new double[] {ms, rssKb, cpu[0], cpu[1]};
    } catch (Exception e) {
      throw new IllegalStateException(v.name() + ": " + e + "\n" + Files.readString(work.resolve("child-" + v.name()
          + ".log")), e);
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      run.release();
    }
  }

  private Process start(Variant v, RuntimeApiStub stub, String log) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (v.launcher()) {
      cmd.add(v.taskRoot().resolve(LAUNCHER).toString());
    }
    cmd.add(java);
    boolean writesAot = v.aid().stream().anyMatch(a -> a.startsWith("-XX:AOTCacheOutput"));
    // Writing an AOT cache refuses any -Xshare option: the training run drops Lambda's -Xshare:auto.
    ColdStart.LAMBDA_FLAGS.stream().filter(a -> !writesAot || !a.startsWith("-Xshare")).forEach(cmd::add);
    cmd.addAll(v.aid());
    cmd.addAll(List.of("-cp", Layout.classpath(runtimeCp), ColdStart.RIC_MAIN, v.handler()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(v.taskRoot().toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve(log + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", "/tmp");
    env.put("LAMBDA_TASK_ROOT", v.taskRoot().toString());
    env.put("_HANDLER", v.handler());
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + stub.port());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("AWS_REGION", "us-east-1");
    // Lambda sets it for every function; faas4j's SnapStart probe runs only without it or for snap-start
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("FAAS4J_APP", APP);
    return pb.start();
  }

  private static double peakRssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmHWM:")) {
        return Double.parseDouble(line.replaceAll("[^0-9]", ""));
      }
    }
    return Double.NaN;
  }

  /**
   * The CPU the child has spent so far, read by the Runtime API stub when the response arrives and before it is
   * acknowledged (the child's client is blocked on that acknowledgement). Two readings of the same thing:
   * <ul>
   *   <li>precise: the sum over the child's threads ({@code /proc/<pid>/task/*}) of the first field of
   *       {@code schedstat}, the time the scheduler ran that thread, in nanoseconds. It misses threads that had
   *       already exited (the tick figure below counts them: the harness prints how far the two readings
   *       differ, which stays within the ticks' rounding when none did) and CPU spent in child processes; the
   *       launcher's shell {@code exec}s the JVM, so its time is in the same process and counted by both;</li>
   *   <li>ticks: user + system time of the whole process ({@code /proc/<pid>/stat} fields 14 and 15, exited threads
   *       included), which the kernel reports in 10 ms clock ticks, rounded down: two variants 10 ms apart may
   *       differ by one tick or by none.</li>
   * </ul>
   *
   * @return precise ms and tick ms; NaNs when the process is gone
   */
  static double[] cpuAtResponse(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      long nanos = CpuChild.schedNanos(proc);
      String stat = Files.readString(proc.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double ticksMs = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
      return new double[] {nanos / 1e6, ticksMs};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN};
    }
  }

  private static int feature(String java) throws IOException, InterruptedException {
    String v = ColdStart.version(java); // openjdk version "17.0.15" 2025-04-15
    String quoted = v.substring(v.indexOf('"') + 1);
    return Integer.parseInt(quoted.split("[.\"+-]")[0]);
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
