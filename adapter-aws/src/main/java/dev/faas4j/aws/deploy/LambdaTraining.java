package dev.faas4j.aws.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.aws.SampleEvents;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.ResourceInventory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run that writes a start-up archive for a Lambda function: an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}) on Java 17 and 21, an AOT cache ({@code -XX:AOTCacheOutput}, JEP 483/514) on
 * Java 25 and later. The function's deployment directory (classes at the root, jars in {@code lib/}, as Lambda lays
 * out {@code /var/task}) runs under the real Runtime Interface Client with the runtime's class path, against a Runtime
 * API on loopback that hands it, for {@code rounds} rounds, one event per registered function: the app's own sample
 * events ({@value #SAMPLES}{@code <function>.json}, one event or an array of events, in the function's resources),
 * else {@link SampleEvents}. The app runs on in-memory ports ({@link TrainingHandler}): no backend is touched. The
 * JVM's identity is recorded in {@code <archive>.jdk}: an archive works only on the JDK build that wrote it (another
 * JVM warns and ignores it).
 *
 * <pre>
 * java -cp adapter-aws-deploy.jar:sdk-core.jar:adapter-aws.jar:adapter-local.jar:jackson-*.jar \
 *     dev.faas4j.aws.deploy.LambdaTraining
 *     --java=/path/to/bin/java --task-root=target/lambda --runtime-classpath=aws-lambda-java-runtime-interface-client.jar:...
 *     --archive=target/lambda/faas4j.jsa [--runtime-archive=/var/task/faas4j.jsa] [--rounds=3] [--env=FAAS4J_APP=...]
 *     [--jvm-options="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx445645k ..."]
 * </pre>
 */
public final class LambdaTraining {
  /** Where an app keeps its own training events, per function, in its resources. */
  public static final String SAMPLES = "faas4j/training/aws/";
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String HANDLER = TrainingHandler.class.getName() + "::handleRequest";
  /** Lambda's Java runtime flags that shape what is archived (C1 only, serial GC). */
  public static final List<String> LAMBDA_JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * What to train.
   *
   * @param java the {@code bin/java} of the JDK build the function will run on
   * @param runtimeClasspath the runtime's own class path (the Runtime Interface Client and its jars)
   * @param taskRoot the deployment directory, laid out as {@code /var/task}
   * @param archive the file to write
   * @param runtimeArchive where the archive will be at run time (in the deployment: {@code /var/task/<name>})
   * @param environment settings of the function ({@code FAAS4J_APP}, {@code FAAS4J_*} names)
   * @param jvmOptions the runtime's JVM options (GC, heap and code cache sizes shape what an AOT cache holds);
   *     {@link #LAMBDA_JVM_OPTIONS} when empty. {@code -Xshare} options are dropped (the training writes the archive)
   */
  public record Options(Path java, List<Path> runtimeClasspath, Path taskRoot, Path archive, String runtimeArchive,
      int rounds, Map<String, String> environment, List<String> jvmOptions) {
    public Options {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1; got " + rounds);
      }
      runtimeClasspath = List.copyOf(runtimeClasspath);
      environment = Map.copyOf(environment);
      jvmOptions = jvmOptions.isEmpty() ? LAMBDA_JVM_OPTIONS
          : jvmOptions.stream().filter(o -> !o.startsWith("-Xshare")).toList();
    }
  }

  /**
   * What the run wrote.
   *
   * @param jvmOptions the options that use the archive at run time (Lambda: {@code JAVA_TOOL_OPTIONS})
   * @param jdkRecord {@code <archive>.jdk}: the training JVM's {@code java.vm.*} properties
   * @param failures invocations the function answered with an error (they trained their path all the same)
   */
  public record Result(Path archive, Path jdkRecord, String jvmOptions, int invocations, int failures,
      Duration time) {}

  private LambdaTraining() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected --name=value, got " + arg);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      if (name.equals("env")) {
        int e = value.indexOf('=');
        env.put(value.substring(0, e), value.substring(e + 1));
      } else {
        o.put(name, value);
      }
    }
    Path archive = Path.of(required(o, "archive"));
    List<Path> cp = Stream.of(required(o, "runtime-classpath").split(File.pathSeparator)).map(Path::of).toList();
    Result r = train(new Options(Path.of(required(o, "java")), cp, Path.of(required(o, "task-root")), archive,
        o.getOrDefault("runtime-archive", "/var/task/" + archive.getFileName()),
        Integer.parseInt(o.getOrDefault("rounds", "3")), env,
        Stream.of(o.getOrDefault("jvm-options", "").trim().split("\\s+")).filter(x -> !x.isEmpty()).toList()));
    System.out.printf("%s: %,d bytes from %d invocations (%d answered with an error) in %d ms%nJVM options: %s%n",
        r.archive(), Files.size(r.archive()), r.invocations(), r.failures(), r.time().toMillis(), r.jvmOptions());
  }

  /**
   * Runs the training and writes the archive and its JDK record.
   *
   * @throws IllegalStateException saying what failed (the app did not start, no archive was written)
   */
  public static Result train(Options o) throws IOException, InterruptedException {
    long start = System.nanoTime();
    int feature = featureVersion(o.java());
    boolean aot = feature >= 25;
    Path work = Files.createTempDirectory("faas4j-training");
    try {
      Path root = trainingRoot(o.taskRoot(), work.resolve("task"));
      List<byte[]> events = events(root, o.environment(), o.rounds());
      Path archive = o.archive().toAbsolutePath();
      Path record = archive.resolveSibling(archive.getFileName() + ".jdk");
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(archive);
      Files.deleteIfExists(record);
      List<String> cmd = new ArrayList<>();
      cmd.add(o.java().toString());
      cmd.addAll(o.jvmOptions());
      cmd.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
      cmd.add("-cp");
      cmd.add(String.join(File.pathSeparator, o.runtimeClasspath().stream().map(Path::toString).toList()));
      cmd.add(RIC_MAIN);
      cmd.add(HANDLER);
      Path out = work.resolve("training.log");
      try (RuntimeApi api = new RuntimeApi(events)) {
        // The client's class loader reads the working directory and its lib/, as Lambda starts it in /var/task.
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", work.toString());
        env.putAll(o.environment());
        env.put("LAMBDA_TASK_ROOT", root.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "training");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", "us-east-1");
        env.put(TrainingHandler.JDK_RECORD, record.toString());
        Process p = pb.start();
        try {
          if (!api.await(300)) {
            throw new IllegalStateException("The training run did not answer its events in 300 s\n" + tail(out));
          }
          if (api.initFailed()) {
            throw new IllegalStateException("The app did not start in the training run\n" + tail(out));
          }
          api.stop(); // the client's next poll fails: it exits, and the JVM writes the archive
          if (!p.waitFor(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The training JVM did not exit\n" + tail(out));
          }
        } finally {
          p.destroyForcibly();
        }
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(record)) {
          throw new IllegalStateException("The training run wrote no archive\n" + tail(out));
        }
        // Also for an AOT cache: -XX:AOTCache refuses Lambda's -Xshare:auto (the JVM does not start), and an older
        // JVM does not know it; -XX:SharedArchiveFile maps the cache with its linked classes all the same.
        String use = "-XX:SharedArchiveFile=" + o.runtimeArchive();
        return new Result(archive, record, use, events.size(), api.failures(),
            Duration.ofNanos(System.nanoTime() - start));
      }
    } finally {
      deleteTree(work);
    }
  }

  /** The JVM's identity, as the record next to an archive holds it. */
  static String jdkIdentity() {
    StringBuilder sb = new StringBuilder();
    for (String key : List.of("java.vm.name", "java.vm.vendor", "java.vm.version", "java.runtime.version")) {
      sb.append(key).append('=').append(System.getProperty(key, "")).append('\n');
    }
    return sb.toString();
  }

  /** The events of one round, repeated: each function's own samples, else one synthetic event. */
  static List<byte[]> events(Path root, Map<String, String> environment, int rounds) throws IOException {
    List<byte[]> round = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(classpath(root), LambdaTraining.class.getClassLoader())) {
      FunctionApp app = FunctionApps.load(loader, environment::get);
      ObjectMapper json = new ObjectMapper();
      for (FunctionDefinition fn : ResourceInventory.of(app).functions()) {
        URL own = loader.getResource(SAMPLES + fn.name() + ".json");
        if (own == null) {
          SampleEvents.of(fn).ifPresent(round::add);
          continue;
        }
        JsonNode samples;
        try (InputStream in = own.openStream()) {
          samples = json.readTree(in);
        }
        if (samples == null || !(samples.isObject() || samples.isArray())) {
          throw new IllegalArgumentException(SAMPLES + fn.name() + ".json must hold an event or an array of events");
        }
        for (JsonNode event : samples.isArray() ? samples : List.of(samples)) {
          round.add(json.writeValueAsBytes(event));
        }
      }
    }
    List<byte[]> all = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      all.addAll(round);
    }
    return all;
  }

  /** Lambda's function class path: the task root, then its {@code lib/*.jar}. */
  private static URL[] classpath(Path root) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(root.toUri().toURL());
    Path lib = root.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> jars = Files.list(lib)) {
        for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
          urls.add(jar.toUri().toURL());
        }
      }
    }
    return urls.toArray(URL[]::new);
  }

  /**
   * A copy of the deployment plus the training handler and the in-memory ports it runs the app on (adapter-local,
   * which a deployment never ships). Classes that a custom class loader (the runtime's, for the task root) defines
   * are archived by name and content, not path, so the copy trains the deployed classes.
   */
  private static Path trainingRoot(Path taskRoot, Path root) throws IOException {
    if (!Files.isDirectory(taskRoot)) {
      throw new IllegalArgumentException("No deployment directory at " + taskRoot);
    }
    copyTree(taskRoot, root);
    copyCode(LambdaTraining.class, root, "faas4j-training.jar");
    copyCode(InMemoryPlatform.class, root, "faas4j-training-ports.jar");
    return root;
  }

  /** The jar that holds {@code type} into {@code lib/}, or, run from classes (tests), its package's classes. */
  private static void copyCode(Class<?> type, Path root, String jarName) throws IOException {
    Path code;
    try {
      code = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the training classes", e);
    }
    if (Files.isDirectory(code)) {
      String pkg = type.getPackageName().replace('.', '/');
      copyTree(code.resolve(pkg), root.resolve(pkg));
    } else {
      Files.createDirectories(root.resolve("lib"));
      Files.copy(code, root.resolve("lib").resolve(jarName), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The Java feature version of the JDK that {@code java} belongs to, from its {@code release} file. */
  static int featureVersion(Path java) throws IOException {
    Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
      if (line.startsWith("JAVA_VERSION=")) {
        String v = line.substring(line.indexOf('=') + 1).replace("\"", "");
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
          end++;
        }
        return Integer.parseInt(v.substring(0, end));
      }
    }
    throw new IllegalArgumentException(release + " names no JAVA_VERSION");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + name + "= is required");
    }
    return v;
  }
}
