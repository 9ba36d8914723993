package dev.faas4j.bench.throughput;

import static dev.faas4j.bench.Stats.f;

import dev.faas4j.bench.Layout;
import dev.faas4j.bench.Stats;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests per second and p99 latency with {@code wrk} on loopback for the greeting function (JSON in, JSON out):
 * the faas4j local runtime (its own NIO HTTP server, TCP_NODELAY on each connection; log level WARN, and INFO
 * with its per-request access log) against the Functions Framework invoker serving the same logic as a hand-written
 * {@code HttpFunction}. Each server is warmed until its rate stops rising; then the measured runs alternate between
 * servers. The function process's CPU time per request comes from {@code /proc/<pid>/stat}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.throughput.HttpThroughput
 *     [--duration 10] [--runs 3] [--connections 16] [--threads 1]
 * </pre>
 * Needs {@code wrk} ({@code apt-get install -y wrk}).
 */
public final class HttpThroughput {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)");

  record Server(String name, List<String> command, Map<String, String> env) {}

  record WrkResult(double rps, long requests, double p99Ms) {}

  record Running(Server server, Process process, int port, Path log) {}

  private final Layout layout = Layout.find();
  private final Path work;
  private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final int duration;
  private final int connections;
  private final int threads;
  private final Path script;

  HttpThroughput(int duration, int connections, int threads) throws IOException {
    this.duration = duration;
    this.connections = connections;
    this.threads = threads;
    this.work = Files.createTempDirectory("faas4j-throughput");
    this.script = work.resolve("post.lua");
    Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = '{\"name\":\"Ada\"}'\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = dev.faas4j.bench.Flags.parse(args);
    if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
      System.err.println("wrk is not installed: apt-get install -y wrk");
      System.exit(2);
    }
    HttpThroughput t = new HttpThroughput(Integer.parseInt(flags.getOrDefault("duration", "10")),
        Integer.parseInt(flags.getOrDefault("connections", "16")), Integer.parseInt(flags.getOrDefault("threads", "1")));
    t.run(Integer.parseInt(flags.getOrDefault("runs", "3")), flags.getOrDefault("servers", "all"));
  }

  List<Server> servers(String which) {
    List<Path> localCp = Layout.concat(layout.jackson(), List.of(layout.lib("sdk-core"), layout.lib("adapter-local"),
        layout.lib("sqlite-jdbc"), layout.functionJar("fn-faas4j")));
    List<String> local = List.of(javaBin, "-cp", Layout.classpath(localCp),
        "dev.faas4j.local.LocalRuntime", "--app", "dev.faas4j.bench.app.GreetApp", "--host", "127.0.0.1",
        "--log-format", "json", "--data-dir");
    String baselineCp = Layout.classpath(Layout.concat(layout.jackson(), List.of(layout.functionJar("fn-baseline"))));
    List<Server> all = new ArrayList<>();
    all.add(new Server("local-runtime (WARN)", local, Map.of("FAAS4J_LOG_LEVEL", "WARN")));
    all.add(new Server("invoker + hand-written HttpFunction", List.of(javaBin, "-jar", layout.invokerJar().toString(),
        "--classpath", baselineCp, "--target", "dev.faas4j.bench.baseline.GreetHttpFunction"), Map.of()));
    all.add(new Server("local-runtime (INFO, access log)", local, Map.of("FAAS4J_LOG_LEVEL", "INFO")));
    if (Layout.jarHas(layout.lib("adapter-gcp"), "dev.faas4j.gcp.GcpHttpFunction")) {
      String faas4jCp = Layout.classpath(Layout.concat(layout.jackson(), List.of(layout.lib("sdk-core"),
          layout.lib("adapter-gcp"), layout.functionJar("fn-faas4j"))));
      all.add(new Server("invoker + faas4j GcpHttpFunction (WARN)", List.of(javaBin, "-jar",
          layout.invokerJar().toString(), "--classpath", faas4jCp, "--target", "dev.faas4j.gcp.GcpHttpFunction"),
          Map.of("FAAS4J_APP", "dev.faas4j.bench.app.GreetApp", "FAAS4J_LOG_LEVEL", "WARN")));
    }
    return which.equals("all") ? all
        : all.stream().filter(s -> List.of(which.split(",")).stream().anyMatch(w -> s.name().startsWith(w))).toList();
  }

  void run(int runs, String which) throws Exception {
    List<Server> servers = servers(which);
    System.out.println(f("wrk -t%d -c%d -d%ds, POST /greet {\"name\":\"Ada\"}; %d measured runs per server, "
        + "alternating", threads, connections, duration, runs));
    Map<String, List<WrkResult>> results = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    List<Running> running = new ArrayList<>();
    try {
      for (Server s : servers) {
        Running r = start(s);
        running.add(r);
        warm(r);
        results.put(s.name(), new ArrayList<>());
        cpu.put(s.name(), new ArrayList<>());
        // Only one server takes load at a time; the others idle.
      }
      for (int i = 0; i < runs; i++) {
        for (Running r : (i % 2 == 0 ? running : reversed(running))) {
          long before = cpuTicks(r.process().pid());
          WrkResult w = wrk(r.port(), duration);
          long after = cpuTicks(r.process().pid());
          double cpuUsPerRequest = (after - before) * (1e6 / clockTicks()) / w.requests();
          results.get(r.server().name()).add(w);
          cpu.get(r.server().name()).add(cpuUsPerRequest);
          System.out.println(f("run %d %s: %.0f req/s, p99 %.2f ms, %.1f us CPU/request", i + 1, r.server().name(),
              w.rps(), w.p99Ms(), cpuUsPerRequest));
        }
      }
    } finally {
      for (Running r : running) {
        r.process().destroy();
        if (!r.process().waitFor(10, TimeUnit.SECONDS)) {
          r.process().destroyForcibly();
        }
      }
    }
    System.out.println("\n| server | req/s (median) | p99 ms (median) | function CPU us/request | runs |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, Double> rps = new LinkedHashMap<>();
    results.forEach((name, list) -> {
      double m = Stats.median(list.stream().map(WrkResult::rps).toList());
      rps.put(name, m);
      System.out.println(f("| %s | %.0f | %.2f | %.1f | %d |", name, m,
          Stats.median(list.stream().map(WrkResult::p99Ms).toList()), Stats.median(cpu.get(name)), list.size()));
    });
    List<String> names = new ArrayList<>(rps.keySet());
    String invoker = "invoker + hand-written HttpFunction";
    for (String n : names) {
      if (!n.equals(invoker) && rps.containsKey(invoker)) {
        System.out.println(f("%s / invoker: %.2f", n, rps.get(n) / rps.get(invoker)));
      }
    }
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> r = new ArrayList<>(list);
    java.util.Collections.reverse(r);
    return r;
  }

  private Running start(Server s) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(s.command());
    if (cmd.get(cmd.size() - 1).equals("--data-dir")) {
      cmd.add(Files.createTempDirectory(work, "data").toString());
    }
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    Path log = work.resolve("server-" + s.name().replaceAll("[^a-zA-Z0-9]+", "-") + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(s.env());
    Process p = pb.start();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greet"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
        .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(s.name() + " did not start:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("Hello, Ada")) {
          break;
        }
      } catch (ConnectException e) {
        // not yet
      }
      Thread.sleep(50);
    }
    return new Running(s, p, port, log);
  }

  /** Short runs until the rate stops rising (under 3 % better than the best so far), at most ~60 s. */
  private void warm(Running r) throws Exception {
    double best = 0;
    int flat = 0;
    StringBuilder rates = new StringBuilder();
    for (int i = 0; i < 12 && flat < 2; i++) {
      WrkResult w = wrk(r.port(), 5);
      rates.append(f(" %.0f", w.rps()));
      if (w.rps() > best * 1.03) {
        best = Math.max(best, w.rps());
        flat = 0;
      } else {
        flat++;
        best = Math.max(best, w.rps());
      }
    }
    System.out.println("warm-up " + r.server().name() + " (5 s runs, req/s):" + rates);
  }

  private WrkResult wrk(int port, int seconds) throws Exception {
    Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
        "-s", script.toString(), "http://127.0.0.1:" + port + "/greet").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Matcher non2xx = NON2XX.matcher(out);
    if (non2xx.find()) {
      throw new IllegalStateException("Non-2xx responses: " + non2xx.group(1) + "\n" + out);
    }
    Matcher errors = ERRORS.matcher(out);
    if (errors.find()) {
      System.out.println("wrk reported socket errors: " + errors.group(1));
    }
    Matcher rps = RPS.matcher(out);
    Matcher requests = REQUESTS.matcher(out);
    Matcher p99 = P99.matcher(out);
    if (!rps.find() || !requests.find() || !p99.find()) {
      throw new IllegalStateException("Cannot parse wrk output:\n" + out);
    }
    double value = Double.parseDouble(p99.group(1));
    double ms = switch (p99.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
    return new WrkResult(Double.parseDouble(rps.group(1)), Long.parseLong(requests.group(1)), ms);
  }

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
  }

  static double clockTicks() {
    return 100.0; // USER_HZ on Linux
  }
}
