package dev.faas4j.bench.coldstart;

import static dev.faas4j.bench.Stats.f;
import static dev.faas4j.local.training.Training.tail;

import dev.faas4j.bench.Flags;
import dev.faas4j.bench.Layout;
import dev.faas4j.bench.Stats;
import dev.faas4j.bench.support.Events;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Wall time from JVM launch to the first response, faas4j against hand-written handlers, in interleaved rounds
 * (A B C, C B A, ...), medians, under the real AWS Lambda Runtime Interface Client and under the real Functions
 * Framework invoker. Under the RIC there are two baselines: the lean one ({@code ApiGatewayV2LeanBaseline}: Jackson
 * tree in, {@code JsonGenerator} out), which the 1.10x budget is set against, and the record-binding one
 * ({@code ApiGatewayV2Baseline}) of earlier runs. With {@code --cds} each side also runs from its own AppCDS archive (dynamic archive written by a training
 * run with {@code -XX:ArchiveClassesAtExit}). With {@code --classes} one extra run per variant logs class loading
 * and counts the classes loaded before the first response, by origin.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.coldstart.ColdStart
 *     [--runtime ric|invoker|both] [--rounds 11] [--cds] [--classes] [--java /path/to/bin/java]
 * </pre>
 */
public final class ColdStart {
  /** Budget of design.md: faas4j's cold start within 1.10x the lean hand-written handler on the same runtime. */
  static final double BUDGET = 1.10;

  /**
   * Lambda's java17 launch flags (tiered compilation stops at C1; serial GC; CDS on) with 512 MB shares; the
   * function-CPU harness runs its child JVMs with them too.
   */
  public static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx445645k", "-XX:MaxMetaspaceSize=52429k",
      "-XX:ReservedCodeCacheSize=26214k", "-Djava.net.preferIPv4Stack=true");
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String GREET_BODY = "{\"name\":\"Ada\"}";
  static final String EXPECTED = "Hello, Ada";

  /** One way of running the function: which side, its command line and environment. */
  record Variant(String name, String side, boolean cds, List<String> jvmArgs, List<String> tail,
      Map<String, String> env) {}

  private final Layout layout = Layout.find();
  private final String javaBin;
  private final Path work;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ColdStart(String java) throws IOException {
    this.javaBin = java;
    this.work = Files.createTempDirectory("faas4j-coldstart");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "11"));
    String runtime = flags.getOrDefault("runtime", "both");
    String java = flags.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ColdStart cs = new ColdStart(java);
    System.out.println("java: " + java + " (" + version(java) + "), rounds: " + rounds + ", work dir: " + cs.work);
    if (runtime.equals("ric") || runtime.equals("both")) {
      cs.ric(rounds, flags.containsKey("cds"), flags.containsKey("classes"));
    }
    if (runtime.equals("invoker") || runtime.equals("both")) {
      cs.invoker(rounds, flags.containsKey("cds"), flags.containsKey("classes"));
    }
  }

  // ------------------------------------------------------------------ AWS Lambda RIC

  void ric(int rounds, boolean cds, boolean classes) throws Exception {
    List<Path> ric = layout.libs("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core",
        "aws-lambda-java-serialization", "utils-lite", "annotations");
    List<Path> base = Layout.concat(ric, layout.jackson());
    List<Path> baselineCp = Layout.concat(base, List.of(layout.functionJar("fn-baseline")));
    List<Path> faas4jCp = Layout.concat(base, List.of(layout.lib("sdk-core"), layout.lib("adapter-aws"),
        layout.functionJar("fn-faas4j")));
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Map<String, String> lambdaEnv = Map.of("LAMBDA_TASK_ROOT", taskRoot.toString(),
        "AWS_LAMBDA_FUNCTION_NAME", "fn", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1");
    // Two baselines: the lean one (Jackson tree in, JsonGenerator out) the budget is set against, and the
    // record-binding one, kept for comparison with earlier runs; both are in the fn-baseline jar.
    String leanHandler = "dev.faas4j.bench.baseline.ApiGatewayV2LeanBaseline::handleRequest";
    String recordsHandler = "dev.faas4j.bench.baseline.ApiGatewayV2Baseline::handleRequest";
    String faas4jHandler = "dev.faas4j.aws.LambdaHandler::handleRequest";
    Map<String, String> leanEnv = new LinkedHashMap<>(lambdaEnv);
    leanEnv.put("_HANDLER", leanHandler);
    Map<String, String> recordsEnv = new LinkedHashMap<>(lambdaEnv);
    recordsEnv.put("_HANDLER", recordsHandler);
    Map<String, String> faas4jEnv = new LinkedHashMap<>(lambdaEnv);
    faas4jEnv.put("_HANDLER", faas4jHandler);
    faas4jEnv.put("FAAS4J_APP", "dev.faas4j.bench.app.GreetApp");

    List<Variant> variants = new ArrayList<>();
    if (Layout.jarHas(layout.lib("adapter-aws"), "dev.faas4j.aws.LambdaHandler")) {
      variants.add(new Variant("faas4j", "faas4j", false, withCp(LAMBDA_FLAGS, faas4jCp),
          List.of(RIC_MAIN, faas4jHandler), faas4jEnv));
    } else {
      System.out.println("adapter-aws has no LambdaHandler in this build (not landed): faas4j side NOT MEASURED");
    }
    variants.add(new Variant("lean", "baseline", false, withCp(LAMBDA_FLAGS, baselineCp),
        List.of(RIC_MAIN, leanHandler), leanEnv));
    variants.add(new Variant("records", "baseline", false, withCp(LAMBDA_FLAGS, baselineCp),
        List.of(RIC_MAIN, recordsHandler), recordsEnv));
    byte[] event = Events.apiGatewayV2();
    try (RuntimeApiStub stub = new RuntimeApiStub()) {
      stub.warm();
      if (cds) {
        for (Variant v : List.copyOf(variants)) {
          Path archive = work.resolve("ric-" + v.name() + ".jsa");
          trainRic(v, archive, event);
          variants.add(new Variant(v.name() + "+cds", v.side(), true,
              plus(v.jvmArgs(), "-XX:SharedArchiveFile=" + archive), v.tail(), v.env()));
        }
      }
      System.out.println("\n## Cold start under the AWS Lambda RIC (launch -> /response POST), ms");
      for (Variant v : variants) { // untimed: warms the page cache and checks each variant works
        ricRun(stub, v, event, null);
      }
      if (classes) {
        for (Variant v : variants) {
          Path log = work.resolve("classes-ric-" + v.name() + ".log");
          ricRun(stub, new Variant(v.name(), v.side(), v.cds(),
              plus(v.jvmArgs(), "-Xlog:class+load=info:file=" + log), v.tail(), v.env()), event, log);
        }
        classDifferences("RIC");
      }
      report(interleave(rounds, variants, Variant::name, v -> ricRun(stub, v, event, null)));
    }
  }

  private double ricRun(RuntimeApiStub stub, Variant v, byte[] event, @Nullable Path classLog) throws Exception {
    RuntimeApiStub.Run run = stub.prepare(event, "req-" + System.nanoTime());
    Map<String, String> env = new LinkedHashMap<>(v.env());
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + stub.port());
    Path out = work.resolve("child-" + v.name() + ".log");
    long t0 = System.nanoTime();
    Process p = start(v, env, out);
    try {
      RuntimeApiStub.Result r;
      try {
        r = run.result().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(v.name() + " gave no response: " + e + "\n" + tail(out), e);
      }
      double ms = (r.arrivedNanos() - t0) / 1e6;
      if (!r.body().contains(EXPECTED)) {
        throw new IllegalStateException(v.name() + " answered " + r.body());
      }
      if (classLog != null) {
        countClasses("RIC", v.name(), classLog);
      }
      if (!run.awaitNextPoll(10_000)) {
        throw new IllegalStateException(v.name() + " did not poll again after its response\n" + tail(out));
      }
      return ms;
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      run.release();
    }
  }

  /** A training run on its own stub, stopped after the response so that the RIC exits and writes the archive. */
  private void trainRic(Variant v, Path archive, byte[] event) throws Exception {
    Files.deleteIfExists(archive);
    Path out = work.resolve("train-" + v.name() + ".log");
    RuntimeApiStub stub = new RuntimeApiStub();
    try {
      RuntimeApiStub.Run run = stub.prepare(event, "train");
      Map<String, String> env = new LinkedHashMap<>(v.env());
      env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + stub.port());
      Process p = start(new Variant(v.name(), v.side(), false, plus(v.jvmArgs(), "-XX:ArchiveClassesAtExit=" + archive),
          v.tail(), v.env()), env, out);
      try {
        run.result().get(60, TimeUnit.SECONDS);
        stub.close(); // the RIC's next poll fails and it exits (status 1), writing the archive
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("Training run of " + v.name() + " did not exit");
        }
      } finally {
        p.destroyForcibly();
      }
    } finally {
      stub.close();
    }
    if (!Files.exists(archive)) {
      throw new IllegalStateException("No archive written for " + v.name() + "\n" + tail(out));
    }
    System.out.println(f("AppCDS archive for RIC %s: %,d KB", v.name(), Files.size(archive) / 1024));
  }

  // ------------------------------------------------------------------ Functions Framework invoker

  void invoker(int rounds, boolean cds, boolean classes) throws Exception {
    Path invoker = layout.invokerJar();
    String baselineCp = Layout.classpath(Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-baseline"))));
    String faas4jCp = Layout.classpath(Layout.concat(layout.jackson(), List.of(layout.lib("sdk-core"),
        layout.lib("adapter-gcp"), layout.functionJar("fn-faas4j"))));
    List<Variant> variants = new ArrayList<>();
    if (Layout.jarHas(layout.lib("adapter-gcp"), "dev.faas4j.gcp.GcpHttpFunction")) {
      variants.add(new Variant("faas4j", "faas4j", false, List.of(), List.of("-jar", invoker.toString(),
          "--classpath", faas4jCp, "--target", "dev.faas4j.gcp.GcpHttpFunction"),
          Map.of("FAAS4J_APP", "dev.faas4j.bench.app.GreetApp")));
    } else {
      System.out.println("adapter-gcp has no GcpHttpFunction in this build (not landed): faas4j side NOT MEASURED");
    }
    variants.add(new Variant("baseline", "baseline", false, List.of(), List.of("-jar", invoker.toString(),
        "--classpath", baselineCp, "--target", "dev.faas4j.bench.baseline.GreetHttpFunction"), Map.of()));
    if (cds) {
      for (Variant v : List.copyOf(variants)) {
        Path archive = work.resolve("invoker-" + v.name() + ".jsa");
        Files.deleteIfExists(archive);
        Process p = null;
        Path out = work.resolve("train-invoker-" + v.name() + ".log");
        try {
          int port = freePort();
          p = start(new Variant(v.name(), v.side(), false, List.of("-XX:ArchiveClassesAtExit=" + archive),
              withPort(v.tail(), port), v.env()), v.env(), out);
          firstOk(port, p, out);
          p.destroy(); // SIGTERM: the JVM exits normally and writes the archive
          p.waitFor(60, TimeUnit.SECONDS);
        } finally {
          if (p != null) {
            p.destroyForcibly();
          }
        }
        if (!Files.exists(archive)) {
          throw new IllegalStateException("No archive written for invoker " + v.name() + "\n" + tail(out));
        }
        System.out.println(f("AppCDS archive for invoker %s: %,d KB", v.name(), Files.size(archive) / 1024));
        variants.add(new Variant(v.name() + "+cds", v.side(), true, List.of("-XX:SharedArchiveFile=" + archive),
            v.tail(), v.env()));
      }
    }
    System.out.println("\n## Cold start under the Functions Framework invoker (launch -> first 200), ms");
    for (Variant v : variants) {
      invokerRun(v, null);
    }
    if (classes) {
      for (Variant v : variants) {
        Path log = work.resolve("classes-invoker-" + v.name() + ".log");
        invokerRun(new Variant(v.name(), v.side(), v.cds(), plus(v.jvmArgs(), "-Xlog:class+load=info:file=" + log),
            v.tail(), v.env()), log);
      }
      classDifferences("invoker");
    }
    report(interleave(rounds, variants, Variant::name, v -> invokerRun(v, null)));
  }

  private double invokerRun(Variant v, @Nullable Path classLog) throws Exception {
    int port = freePort();
    Path out = work.resolve("child-invoker-" + v.name() + ".log");
    long t0 = System.nanoTime();
    Process p = start(new Variant(v.name(), v.side(), v.cds(), v.jvmArgs(), withPort(v.tail(), port), v.env()),
        v.env(), out);
    try {
      long arrived = firstOk(port, p, out);
      if (classLog != null) {
        countClasses("invoker", v.name(), classLog);
      }
      return (arrived - t0) / 1e6;
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Polls with the greeting until the first 200; returns its arrival time. */
  private long firstOk(int port, Process p, Path out) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greet"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(GREET_BODY)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("The invoker exited\n" + tail(out));
      }
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (r.statusCode() == 200) {
          if (!r.body().contains(EXPECTED)) {
            throw new IllegalStateException("Unexpected body " + r.body());
          }
          return now;
        }
        if (r.statusCode() != 404 && r.statusCode() != 503) {
          throw new IllegalStateException("Status " + r.statusCode() + ": " + r.body() + "\n" + tail(out));
        }
      } catch (ConnectException e) {
        // not listening yet
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("No 200 within 60 s\n" + tail(out));
  }

  // ------------------------------------------------------------------ shared

  @FunctionalInterface
  interface Timed<V> {
    double run(V v) throws Exception;
  }

  /** Runs each variant once per round, in reverse order every other round; the times by variant. */
  static <V> Map<V, List<Double>> interleave(int rounds, List<V> variants, Function<V, String> name, Timed<V> timed)
      throws Exception {
    Map<V, List<Double>> times = new LinkedHashMap<>();
    variants.forEach(v -> times.put(v, new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      List<V> order = new ArrayList<>(variants);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
      for (V v : order) {
        double ms = timed.run(v);
        times.get(v).add(ms);
        line.append(f(" %s=%.0f", name.apply(v), ms));
      }
      System.out.println(line);
    }
    return times;
  }

  private static void report(Map<Variant, List<Double>> times) {
    System.out.println("\n| variant | median ms | min | max | runs |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, Double> medians = new LinkedHashMap<>();
    times.forEach((v, t) -> {
      double m = Stats.median(t);
      medians.put(v.name(), m);
      System.out.println(f("| %s | %.0f | %.0f | %.0f | %d |", v.name(), m, Stats.min(t), Stats.max(t), t.size()));
    });
    System.out.println();
    // Each line prints only when both variants ran: RIC runs faas4j, lean and records; the invoker faas4j and
    // baseline (GreetHttpFunction, which binds no event records: the lean baseline there).
    ratio(medians, "faas4j", "lean", f("faas4j / lean baseline (budget <= %.2f)", BUDGET), BUDGET);
    ratio(medians, "faas4j", "baseline", f("faas4j / baseline (lean; budget <= %.2f)", BUDGET), BUDGET);
    ratio(medians, "faas4j", "records", "faas4j / record-binding baseline (reference)", 0);
    ratio(medians, "faas4j+cds", "lean+cds", "faas4j / lean baseline, both with AppCDS", 0);
    ratio(medians, "faas4j+cds", "baseline+cds", "faas4j / baseline, both with AppCDS", 0);
    ratio(medians, "faas4j+cds", "records+cds", "faas4j / record-binding baseline, both with AppCDS", 0);
    ratio(medians, "faas4j+cds", "faas4j", "AppCDS effect on faas4j", 0);
    ratio(medians, "lean+cds", "lean", "AppCDS effect on the lean baseline", 0);
    ratio(medians, "baseline+cds", "baseline", "AppCDS effect on the baseline", 0);
    ratio(medians, "faas4j+cds", "lean", "faas4j with AppCDS / lean baseline without", 0);
    ratio(medians, "faas4j+cds", "baseline", "faas4j with AppCDS / baseline without", 0);
  }

  /** Prints {@code a / b} of the medians, with a verdict when {@code budget} is positive. */
  private static void ratio(Map<String, Double> medians, String a, String b, String label, double budget) {
    if (medians.containsKey(a) && medians.containsKey(b)) {
      double r = medians.get(a) / medians.get(b);
      System.out.println(f("%s: %.2f%s", label, r, budget <= 0 ? "" : r <= budget ? " MET" : " MISSED"));
    }
  }

  private Process start(Variant v, Map<String, String> env, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin);
    cmd.addAll(v.jvmArgs());
    cmd.addAll(v.tail());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("HOME", "/tmp");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    return pb.start();
  }

  /** Counts the classes the log shows loaded so far, by origin. */
  private static void countClasses(String runtime, String variant, Path log) throws IOException {
    Map<String, Integer> byOrigin = new TreeMap<>();
    int total = 0;
    try (Stream<String> lines = Files.lines(log)) {
      for (String line : (Iterable<String>) lines::iterator) {
        int s = line.indexOf(" source: ");
        if (s < 0) {
          continue;
        }
        total++;
        byOrigin.merge(origin(line.substring(s + 9)), 1, Integer::sum);
      }
    }
    System.out.println(f("classes loaded before the first response, %s %s: %d %s", runtime, variant, total, byOrigin));
    CLASS_TOTALS.put(runtime + " " + variant, total);
  }

  /** Classes loaded before the first response, by "runtime variant", for the differences to faas4j. */
  private static final Map<String, Integer> CLASS_TOTALS = new LinkedHashMap<>();

  /** How many more classes faas4j loads than each baseline measured on {@code runtime}. */
  private static void classDifferences(String runtime) {
    Integer faas4j = CLASS_TOTALS.get(runtime + " faas4j");
    if (faas4j == null) {
      return;
    }
    for (String baseline : List.of("lean", "records", "baseline")) {
      Integer b = CLASS_TOTALS.get(runtime + " " + baseline);
      if (b != null) {
        System.out.println(f("classes: faas4j loads %+d against %s (%d vs %d)", faas4j - b, baseline, faas4j, b));
      }
    }
  }

  private static String origin(String source) {
    if (source.startsWith("shared objects file (top)")) {
      return "app CDS archive";
    }
    if (source.startsWith("shared objects file") || source.startsWith("jrt:/") || source.startsWith("__")
        || source.startsWith("instance of") || source.contains("java.lang.invoke")) {
      return source.startsWith("shared objects file") ? "JDK (CDS)" : "JDK/generated";
    }
    if (!source.contains("/")) { // a hidden class (lambda, proxy) defined by the named class
      if (source.startsWith("dev.faas4j.bench")) {
        return "function";
      }
      if (source.startsWith("dev.faas4j")) {
        return "faas4j";
      }
      if (source.startsWith("com.fasterxml")) {
        return "jackson";
      }
      if (source.startsWith("com.amazonaws")) {
        return "lambda RIC";
      }
      if (source.startsWith("java.") || source.startsWith("jdk.") || source.startsWith("sun.")) {
        return "JDK/generated";
      }
    }
    String jar = source.substring(source.lastIndexOf('/') + 1);
    if (jar.startsWith("sdk-core") || jar.startsWith("adapter-")) {
      return "faas4j";
    }
    if (jar.startsWith("jackson")) {
      return "jackson";
    }
    if (jar.startsWith("aws-lambda") || jar.startsWith("utils-lite") || jar.startsWith("annotations")) {
      return "lambda RIC";
    }
    if (jar.contains("fn-")) {
      return "function";
    }
    if (jar.startsWith("java-function-invoker")) {
      return "invoker";
    }
    return "other";
  }

  private static List<String> withCp(List<String> flags, List<Path> cp) {
    List<String> out = new ArrayList<>(flags);
    out.add("-cp");
    out.add(Layout.classpath(cp));
    return out;
  }

  private static List<String> plus(List<String> list, String arg) {
    List<String> out = new ArrayList<>(list);
    out.add(0, arg);
    return out;
  }

  private static List<String> withPort(List<String> tail, int port) {
    List<String> out = new ArrayList<>(tail);
    out.add("--port");
    out.add(Integer.toString(port));
    return out;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String version(String java) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.lines().filter(l -> l.contains("version")).findFirst().orElse("?").trim();
  }
}
