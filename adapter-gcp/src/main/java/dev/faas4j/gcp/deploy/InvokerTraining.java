package dev.faas4j.gcp.deploy;

import static dev.faas4j.local.training.Training.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.FunctionApp;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.CloudEventTrigger;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run that writes a class-data archive for a Cloud Run function ({@code -XX:ArchiveClassesAtExit}, Java 17
 * and later): the function's jars run under the real Functions Framework invoker, on loopback, on in-memory ports
 * ({@link TrainingFunction}), and receive, for {@code rounds} rounds, one request per registered function as Google
 * Cloud delivers it over HTTP: the app's own samples ({@value #SAMPLES}{@code <function>.json} in its resources: a
 * request {@code {"method","path","headers","body"}} or an array of them), else a synthetic one per trigger kind.
 *
 * <p>Cloud Run functions starts the invoker from its own jar ({@code java -jar <invoker> --classpath <function>}),
 * whose path and time the build cannot know, and an archive applies only under the application class path it was
 * written with, once it holds a class from that path. So nothing in the training JVM comes from a path: its main is
 * a source file (which the JDK compiles in memory), and the invoker and the function are loaded by
 * class loaders of their own. The archive then holds the JDK classes the function needs beyond the JDK's default
 * archive and the function's classes (matched by content when the invoker's class loader defines them), and applies
 * under any class path; the invoker's own classes are not in it. The JVM's identity is recorded in
 * {@code <archive>.jdk}: an archive works only on the JDK build that wrote it (another JVM ignores it, with a warning
 * under {@code -Xlog:cds}).
 *
 * <pre>
 * java -cp adapter-gcp-deploy.jar:sdk-core.jar:adapter-local.jar:jackson-*.jar dev.faas4j.gcp.deploy.InvokerTraining
 *     --java=/path/to/bin/java --invoker=java-function-invoker.jar --function=target/faas4j/gcp/function/app.jar
 *     --archive=target/faas4j/gcp/function/faas4j.jsa [--runtime-archive=/workspace/faas4j.jsa] [--rounds=3]
 *     [--env=FAAS4J_APP=...] [--jvm-options=-XX:TieredStopAtLevel=1]
 * </pre>
 */
public final class InvokerTraining {
  /** Where an app keeps its own training requests, per function, in its resources. */
  public static final String SAMPLES = "faas4j/training/gcp/";
  /** Where Cloud Run functions puts the deployed source directory: the invoker's working directory. */
  public static final String WORKSPACE = "/workspace/";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  /**
   * The training JVM's main, run as a source file: loads the invoker and {@link LoopbackInvoker} (its first argument,
   * a class path) in a class loader of their own and runs it with the other arguments. The JDK only.
   */
  static final String LAUNCHER = """
      public class Launcher {
        public static void main(String[] args) throws Exception {
          String[] entries = args[0].split(java.io.File.pathSeparator);
          java.net.URL[] urls = new java.net.URL[entries.length];
          for (int i = 0; i < entries.length; i++) {
            urls[i] = java.nio.file.Path.of(entries[i]).toUri().toURL();
          }
          ClassLoader runtime = new java.net.URLClassLoader(urls, ClassLoader.getSystemClassLoader());
          Thread.currentThread().setContextClassLoader(runtime);
          runtime.loadClass("dev.faas4j.gcp.deploy.LoopbackInvoker").getMethod("main", String[].class)
              .invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
        }
      }
      """;

  /**
   * What to train.
   *
   * @param java the {@code bin/java} of the JDK build the function will run on
   * @param invoker the Functions Framework invoker jar (the training runs it on loopback)
   * @param function the function's class path, as the invoker gets it: the deployed jar (its manifest names its
   *     libraries) or the jars themselves
   * @param archive the file to write (in the deployed directory: it is uploaded with the function)
   * @param runtimeArchive where the archive is at run time ({@value #WORKSPACE}{@code <name>})
   * @param environment settings of the function ({@code FAAS4J_APP}, {@code FAAS4J_*} names)
   * @param jvmOptions options of the function's JVM that shape what is archived (GC, heap); {@code -Xshare} and
   *     archive options are dropped
   */
  public record Options(Path java, Path invoker, List<Path> function, Path archive, String runtimeArchive,
      int rounds, Map<String, String> environment, List<String> jvmOptions) {
    public Options {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1; got " + rounds);
      }
      if (function.isEmpty()) {
        throw new IllegalArgumentException("function must name the function's jars");
      }
      function = List.copyOf(function);
      environment = Map.copyOf(environment);
      jvmOptions = jvmOptions.stream()
          .filter(o -> !o.startsWith("-Xshare") && !o.contains("SharedArchiveFile") && !o.contains("AOTCache"))
          .toList();
    }
  }

  /**
   * What the run wrote.
   *
   * @param jvmOptions the options the function's JVM runs with (the function's {@code JAVA_TOOL_OPTIONS}): the
   *     training's own options, then the archive
   * @param jdkRecord {@code <archive>.jdk}: the training JVM's {@code java.vm.*} properties
   * @param failures requests the function answered with a 5xx (they trained their path all the same)
   */
  public record Result(Path archive, Path jdkRecord, String jvmOptions, int invocations, int failures,
      Duration time) {}

  /** One request of a training round. */
  record Sample(String function, String method, String path, Map<String, String> headers, byte[] body) {}

  private InvokerTraining() {}

  public static void main(String[] args) throws Exception {
    Training.Arguments a = Training.arguments(args, "java", "invoker", "function", "archive", "runtime-archive",
        "rounds", "jvm-options");
    Path archive = Path.of(a.required("archive"));
    Result r = train(new Options(Path.of(a.required("java")), Path.of(a.required("invoker")),
        Stream.of(a.required("function").split(File.pathSeparator)).map(Path::of).toList(), archive,
        a.get("runtime-archive", WORKSPACE + archive.getFileName()), a.number("rounds", 3), a.environment(),
        a.words("jvm-options")));
    System.out.printf("%s: %,d bytes from %d requests (%d answered with a 5xx) in %d ms%nJAVA_TOOL_OPTIONS: %s%n",
        r.archive(), Files.size(r.archive()), r.invocations(), r.failures(), r.time().toMillis(), r.jvmOptions());
  }

  /**
   * Runs the training and writes the archive and its JDK record.
   *
   * @throws IllegalStateException saying what failed (the invoker did not start, no archive was written)
   */
  public static Result train(Options o) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path work = Files.createTempDirectory("faas4j-training");
    try {
      List<Sample> samples = samples(o.function(), o.environment());
      Path archive = o.archive().toAbsolutePath();
      Path record = archive.resolveSibling(archive.getFileName() + ".jdk");
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(archive);
      Files.deleteIfExists(record);
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      List<String> functionPath = new ArrayList<>();
      o.function().forEach(p -> functionPath.add(p.toAbsolutePath().toString()));
      // the target, then adapter-local (its in-memory ports and the training helpers), after the app's jars
      functionPath.add(Training.location(TrainingFunction.class).toString());
      functionPath.add(Training.location(InMemoryPlatform.class).toString());
      List<String> cmd = new ArrayList<>();
      cmd.add(o.java().toString());
      cmd.addAll(o.jvmOptions());
      cmd.add("-XX:ArchiveClassesAtExit=" + archive);
      Path launcher = work.resolve("Launcher.java");
      Files.writeString(launcher, LAUNCHER, StandardCharsets.UTF_8);
      cmd.addAll(List.of(launcher.toString(),
          o.invoker().toAbsolutePath() + File.pathSeparator + Training.location(LoopbackInvoker.class),
          "--classpath", String.join(File.pathSeparator, functionPath),
          "--target", TrainingFunction.class.getName(), "--port", Integer.toString(port)));
      Path log = work.resolve("training.log");
      ProcessBuilder pb = Training.process(cmd, work, work, log, o.environment());
      pb.environment().put(TrainingFunction.JDK_RECORD, record.toString());
      Process p = pb.start();
      int failures = 0;
      try {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int round = 0; round < o.rounds(); round++) {
          for (Sample s : samples) {
            if (send(http, port, s, p, log) >= 500) {
              failures++;
            }
          }
        }
        p.destroy(); // SIGTERM: the JVM exits normally and writes the archive
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException("The training JVM did not exit\n" + tail(log));
        }
      } finally {
        p.destroyForcibly();
      }
      if (!Files.isRegularFile(archive) || !Files.isRegularFile(record)) {
        throw new IllegalStateException("The training run wrote no archive\n" + tail(log));
      }
      return new Result(archive, record, Training.runtimeOptions(o.jvmOptions(), o.runtimeArchive()),
          samples.size() * o.rounds(), failures, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Training.deleteTree(work);
    }
  }

  /** Sends one request, waiting for the invoker to listen first; the status. */
  private static int send(HttpClient http, int port, Sample s, Process p, Path log) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + s.path()))
        .timeout(TIMEOUT).header(TrainingFunction.FUNCTION_HEADER, s.function())
        .method(s.method(), s.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(s.body()));
    s.headers().forEach(b::header);
    HttpRequest request = b.build();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("The app did not start in the training run\n" + tail(log));
      }
      try {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (ConnectException e) {
        Thread.sleep(20); // not listening yet
      } catch (IOException e) {
        throw new IllegalStateException("Training request to " + s.function() + " failed: " + e + "\n" + tail(log));
      }
    }
    throw new IllegalStateException("The invoker did not answer in " + TIMEOUT.toSeconds() + " s\n" + tail(log));
  }

  /** One round: each function's own samples, else one synthetic request. */
  static List<Sample> samples(List<Path> function, Map<String, String> environment) throws IOException {
    List<Sample> round = new ArrayList<>();
    URL[] urls = new URL[function.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = function.get(i).toUri().toURL();
    }
    ObjectMapper json = new ObjectMapper();
    try (URLClassLoader loader = new URLClassLoader(urls, InvokerTraining.class.getClassLoader())) {
      FunctionApp app = FunctionApps.load(loader, environment::get);
      for (FunctionDefinition fn : FunctionRegistry.of(app, new InMemoryPlatform()).definitions()) {
        Optional<List<JsonNode>> own =
            Training.samples(loader, SAMPLES, fn.name(), "a request or an array of them");
        if (own.isEmpty()) {
          round.add(synthetic(fn, environment, json));
          continue;
        }
        for (JsonNode r : own.get()) {
          round.add(sample(fn.name(), r, json));
        }
      }
    }
    return round;
  }

  /** A sample request: {@code {"method","path","headers":{...},"body": text or JSON}}. */
  static Sample sample(String function, JsonNode r, ObjectMapper json) throws IOException {
    String path = r.path("path").asText("/");
    if (!r.isObject() || !path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException(SAMPLES + function + ".json: each request is an object whose path starts"
          + " with / (got " + r + ")");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    r.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
    JsonNode body = r.path("body");
    byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
        : body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
    return new Sample(function, r.path("method").asText("POST"), path, headers, bytes);
  }

  /**
   * A request as Google Cloud delivers the function's trigger: the route (path parameters as {@code training}),
   * a binary-mode CloudEvent from Eventarc (bucket, topic, CloudEvent), a Pub/Sub push envelope (queue) or a Cloud
   * Scheduler POST (cron).
   */
  static Sample synthetic(FunctionDefinition fn, Map<String, String> environment, ObjectMapper json)
      throws IOException {
    Map<String, String> h = new LinkedHashMap<>();
    ObjectNode body = json.createObjectNode();
    if (fn.trigger() instanceof HttpRoute route) {
      String method = route.methods().isEmpty() ? "POST" : route.methods().iterator().next();
      String path = route.path().replaceAll("\\{[^}]*}", "training");
      if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
        return new Sample(fn.name(), method, path, h, new byte[0]);
      }
      h.put("Content-Type", "application/json");
      return new Sample(fn.name(), method, path, h, json.writeValueAsBytes(body));
    }
    ObjectNode message = json.createObjectNode().put("data", "e30=").put("messageId", "training-1")
        .put("publishTime", "2026-01-01T00:00:00Z");
    switch (fn.kind()) {
      case QUEUE, SCHEDULE -> {
        if (fn.kind() == FunctionDefinition.Kind.QUEUE) {
          body.set("message", message);
          body.put("subscription", "projects/training/subscriptions/training");
        }
        h.put("Content-Type", "application/json");
        return new Sample(fn.name(), "POST", "/", h, json.writeValueAsBytes(body));
      }
      case STORAGE -> {
        String bucket = ResourceNames.resolve(Kind.BUCKET, ((ObjectTrigger) fn.trigger()).bucket(),
            environment::get);
        body.put("bucket", bucket).put("name", "training.json").put("size", "2")
            .put("contentType", "application/json").put("generation", "1");
        cloudEvent(h, "google.cloud.storage.object.v1.finalized",
            "//storage.googleapis.com/projects/_/buckets/" + bucket, "objects/training.json");
      }
      case TOPIC -> {
        String topic = ResourceNames.resolve(Kind.TOPIC, ((TopicTrigger) fn.trigger()).topic(), environment::get);
        body.set("message", message);
        body.put("subscription", "projects/training/subscriptions/training");
        cloudEvent(h, "google.cloud.pubsub.topic.v1.messagePublished",
            "//pubsub.googleapis.com/projects/training/topics/" + topic, null);
      }
      default -> {
        CloudEventTrigger t = (CloudEventTrigger) fn.trigger();
        cloudEvent(h, t.type(), t.source().orElse("//training"), null);
      }
    }
    return new Sample(fn.name(), "POST", "/", h, json.writeValueAsBytes(body));
  }

  private static void cloudEvent(Map<String, String> h, String type, String source, String subject) {
    h.put("Content-Type", "application/json");
    h.put("ce-specversion", "1.0");
    h.put("ce-id", "training-1");
    h.put("ce-type", type);
    h.put("ce-source", source);
    h.put("ce-time", "2026-01-01T00:00:00Z");
    if (subject != null) {
      h.put("ce-subject", subject);
    }
  }
}
