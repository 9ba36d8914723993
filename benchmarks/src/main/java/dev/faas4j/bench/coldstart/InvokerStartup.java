package dev.faas4j.bench.coldstart;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import dev.faas4j.bench.Stats;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The GCP start-up aid under the real Functions Framework invoker, started as Cloud Run functions starts it (the
 * invoker's jar on the class path, the function's jars on {@code --classpath}, the heap sized by
 * {@code -XX:MaxRAM=512m -XX:MaxRAMPercentage=70}, the aid in {@code JAVA_TOOL_OPTIONS}; on 127.0.0.1 through the
 * adapter's {@code LoopbackInvoker}): faas4j's {@code GcpHttpFunction} without and with the aid its build ships (C1
 * only, {@code -XX:TieredStopAtLevel=1}, and the archive of its training run, {@code InvokerTraining} in its own
 * JVM with the app's own sample request), against the hand-written {@code GreetHttpFunction} without and with the
 * same aid (C1 only and an archive from the same kind of training run: the same launcher, the same request). Rounds are interleaved; ratios are medians of per-round ratios; CPU
 * time to the first response (all threads) is reported beside wall time; peak RSS is {@code VmHWM} at the response.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.coldstart.InvokerStartup --java /path/to/bin/java
 *     [--rounds 11] [--classes]
 * </pre>
 */
public final class InvokerStartup {
  private static final String APP = "dev.faas4j.bench.app.GreetApp";
  private static final String FAAS4J = "dev.faas4j.gcp.GcpHttpFunction";
  private static final String BASELINE = "dev.faas4j.bench.baseline.GreetHttpFunction";
  private static final String LOOPBACK = "dev.faas4j.gcp.deploy.LoopbackInvoker";
  private static final String SAMPLE = "{\"method\":\"POST\",\"path\":\"/greet\",\"headers\":{\"Content-Type\":"
      + "\"application/json\"},\"body\":" + ColdStart.GREET_BODY + "}";

  private record Variant(String name, List<Path> function, String target, String aid) {}

  private final Layout layout = Layout.find();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String java;
  private final Path work;
  private final Path deployJar;

  private InvokerStartup(String java) throws IOException {
    this.java = java;
    this.work = Files.createTempDirectory("faas4j-invoker-startup");
    Path gcpTarget = layout.target().resolve("../../adapter-gcp/target").normalize();
    try (Stream<Path> files = Files.list(gcpTarget)) {
      deployJar = files.filter(p -> p.getFileName().toString().endsWith("-deploy.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No adapter-gcp deploy jar in " + gcpTarget));
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "11"));
    String java = flags.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    System.out.println("java: " + java + " (" + ColdStart.version(java) + "), aid: dynamic AppCDS archive "
        + "(-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile), rounds: " + rounds + ", load average: "
        + Files.readString(Path.of("/proc/loadavg")).trim());
    new InvokerStartup(java).run(rounds, flags.containsKey("classes"));
  }

  private void run(int rounds, boolean classes) throws Exception {
    // the app's own training request, where InvokerTraining looks for it (in the app's resources)
    Path sample = work.resolve("greet-sample.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(sample))) {
      jar.putNextEntry(new JarEntry("faas4j/training/gcp/greet.json"));
      jar.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }
    List<Path> faas4j = Layout.concat(layout.libs("sdk-core", "adapter-gcp"),
        Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-faas4j"), sample)));
    List<Path> baseline = Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-baseline")));
    Path faas4jArchive = work.resolve("faas4j.jsa");
    long t0 = System.nanoTime();
    trainFaas4j(faas4j, faas4jArchive);
    double faas4jTraining = (System.nanoTime() - t0) / 1e6;
    Path baselineArchive = work.resolve("baseline.jsa");
    t0 = System.nanoTime();
    trainBaseline(baseline, baselineArchive);
    double baselineTraining = (System.nanoTime() - t0) / 1e6;
    System.out.println(f("training: faas4j %.0f ms (InvokerTraining, its own JVM), hand-written %.0f ms",
        faas4jTraining, baselineTraining));
    System.out.println(f("archive: faas4j %,d bytes, hand-written %,d bytes", Files.size(faas4jArchive),
        Files.size(baselineArchive)));
    System.out.println("JDK record: " + Files.readString(faas4jArchive.resolveSibling("faas4j.jsa.jdk"))
        .replace('\n', ' '));

    // the aid as faas4j:package ships it: C1 only (-XX:TieredStopAtLevel=1) and the archive; both aided variants
    // get the same options
    String use = "-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=";
    List<Variant> variants = List.of(new Variant("faas4j", faas4j, FAAS4J, ""),
        new Variant("faas4j+aid", faas4j, FAAS4J, use + faas4jArchive),
        new Variant("hand-written", baseline, BASELINE, ""),
        new Variant("hand-written+aid", baseline, BASELINE, use + baselineArchive));
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Double>> rss = new LinkedHashMap<>();
    for (Variant v : variants) { // untimed: page cache, and a check that each variant answers
      cpu.put(v.name(), new ArrayList<>());
      rss.put(v.name(), new ArrayList<>());
      start(v, "");
    }
    if (classes) {
      for (Variant v : variants) {
        Path log = work.resolve("classes-" + v.name() + ".log");
        start(v, "-Xlog:class+load=info:file=" + log);
        Map<String, Integer> bySource = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
          int i = line.indexOf(" source: ");
          if (i > 0) {
            String src = line.substring(i + 9);
            bySource.merge(src.startsWith("shared objects file (top)") ? "archive" : src.startsWith("shared objects")
                ? "JDK CDS" : src.startsWith("file:") || src.startsWith("jar:") ? "jars" : "other", 1, Integer::sum);
          }
        }
        System.out.println(f("classes loaded, %s: %s", v.name(), bySource));
      }
    }
    System.out.println("\n## Cold start under the Functions Framework invoker, launch -> first 200 (ms)");
    Map<Variant, List<Double>> times = ColdStart.interleave(rounds, variants, Variant::name, v -> {
      double[] r = start(v, "");
      cpu.get(v.name()).add(r[1]);
      rss.get(v.name()).add(r[2]);
      return r[0];
    });
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    times.forEach((v, t) -> ms.put(v.name(), t));
    System.out.println("\n| variant | median ms | min | max | CPU ms (median) | peak RSS (median) |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Variant v : variants) {
      List<Double> t = ms.get(v.name());
      System.out.println(f("| %s | %.0f | %.0f | %.0f | %.0f | %.1f MB |", v.name(), Stats.median(t), Stats.min(t),
          Stats.max(t), Stats.median(cpu.get(v.name())), Stats.median(rss.get(v.name())) / 1024));
    }
    System.out.println();
    for (Map<String, List<Double>> m : List.of(ms, cpu)) {
      String what = m == ms ? "wall" : "CPU";
      ratio(m, "faas4j+aid", "hand-written", what + ", faas4j with the aid / hand-written without");
      ratio(m, "faas4j+aid", "hand-written+aid", what + ", faas4j with the aid / hand-written with the same aid");
      ratio(m, "faas4j", "hand-written", what + ", faas4j / hand-written, neither aided");
      ratio(m, "faas4j+aid", "faas4j", what + ", effect of the aid on faas4j");
      ratio(m, "hand-written+aid", "hand-written", what + ", effect of the aid on the hand-written function");
    }
    System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static void ratio(Map<String, List<Double>> m, String a, String b, String label) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < m.get(a).size(); i++) {
      ratios.add(m.get(a).get(i) / m.get(b).get(i));
    }
    System.out.println(f("%s: %.2f (per-round %.2f-%.2f)", label, Stats.median(ratios), Stats.min(ratios),
        Stats.max(ratios)));
  }

  /** The build-time training, as the plugin runs it: its own JVM, from the adapter's deploy jar. */
  private void trainFaas4j(List<Path> function, Path archive) throws Exception {
    List<Path> cp = Layout.concat(List.of(deployJar), Layout.concat(layout.libs("sdk-core", "adapter-gcp",
        "adapter-local", "functions-framework-api"), layout.jackson()));
    Path out = work.resolve("train-faas4j.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        Layout.classpath(cp), "dev.faas4j.gcp.deploy.InvokerTraining", "--java=" + java,
        "--invoker=" + layout.invokerJar(), "--function=" + Layout.classpath(function), "--archive=" + archive,
        "--runtime-archive=" + archive, "--rounds=1", "--env=FAAS4J_APP=" + APP,
        "--jvm-options=-XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -XX:TieredStopAtLevel=1")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("InvokerTraining failed:\n" + Files.readString(out));
    }
    System.out.print(Files.readString(out));
  }

  /**
   * The hand-written function's training: InvokerTraining's launcher (a source file, so that the archive records no
   * class path), the same request, then SIGTERM, on which the JVM writes the archive.
   */
  private void trainBaseline(List<Path> function, Path archive) throws Exception {
    Path launcher = work.resolve("Launcher.java");
    try (URLClassLoader l = new URLClassLoader(new URL[] {deployJar.toUri().toURL()},
        InvokerStartup.class.getClassLoader())) {
      var field = l.loadClass("dev.faas4j.gcp.deploy.InvokerTraining").getDeclaredField("LAUNCHER");
      field.setAccessible(true);
      Files.writeString(launcher, (String) field.get(null));
    }
    int port = freePort();
    Process p = new ProcessBuilder(java, "-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=70",
        "-XX:ArchiveClassesAtExit=" + archive, launcher.toString(),
        layout.invokerJar() + File.pathSeparator + deployJar, "--classpath", Layout.classpath(function),
        "--target", BASELINE, "--port", Integer.toString(port)).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("train-baseline.log").toFile()).start();
    try {
      firstOk(port, p, work.resolve("train-baseline.log"));
      p.destroy();
      p.waitFor(120, TimeUnit.SECONDS);
    } finally {
      p.destroyForcibly();
    }
    if (!Files.exists(archive)) {
      throw new IllegalStateException("No archive for the hand-written function:\n"
          + Files.readString(work.resolve("train-baseline.log")));
    }
  }

  /** One cold start: ms from launch to the first 200, CPU ms and peak RSS in KB at that moment. */
  private double[] start(Variant v, String extra) throws Exception {
    int port = freePort();
    Path log = work.resolve("child-" + v.name() + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", layout.invokerJar() + File.pathSeparator + deployJar,
        LOOPBACK, "--classpath", Layout.classpath(v.function()), "--target", v.target(), "--port",
        Integer.toString(port)).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("FAAS4J_APP", APP);
    // as DeployCommands sets it: the heap the buildpack's launcher would size, then the aid
    pb.environment().put("JAVA_TOOL_OPTIONS", ("-XX:MaxRAM=512m -XX:MaxRAMPercentage=70 " + v.aid() + " " + extra)
        .strip());
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      double ms = (firstOk(port, p, log) - t0) / 1e6;
      return new double[] {ms, cpuMs(p.pid()), peakRssKb(p.pid())};
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private long firstOk(int port, Process p, Path log) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greet"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(ColdStart.GREET_BODY)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("The invoker exited\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (r.statusCode() == 200 && r.body().contains(ColdStart.EXPECTED)) {
          return now;
        }
        throw new IllegalStateException("Status " + r.statusCode() + ": " + r.body());
      } catch (ConnectException e) {
        Thread.sleep(2); // not listening yet
      }
    }
    throw new IllegalStateException("No 200 within 120 s\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double peakRssKb(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("VmHWM:")).mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")))
        .findFirst().orElse(Double.NaN);
  }

  /** User + system CPU so far: {@code /proc/<pid>/stat} fields 14 and 15, in ticks of 10 ms. */
  private static double cpuMs(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }
}
