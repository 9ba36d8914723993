package dev.faas4j.aws.deploy;

import static dev.faas4j.local.training.Training.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.aws.SampleEvents;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.ResourceInventory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run that writes a start-up archive for a Lambda function, and the launcher that uses it on Lambda: an
 * AppCDS archive ({@code -XX:ArchiveClassesAtExit}) on Java 17 and 21, an AOT cache ({@code -XX:AOTCacheOutput},
 * JEP 483/514) on Java 25 and later.
 *
 * <p>The deployment directory is what the function's zip holds: the app's classes at the root, its jars in
 * {@code lib/}, among them the Runtime Interface Client, {@code aws-lambda-java-core} and the jars the client needs.
 * The run writes {@value #LAUNCHER} there, a POSIX shell script for Lambda's {@code AWS_LAMBDA_EXEC_WRAPPER}: Lambda
 * hands it the runtime's java command, and it starts that JVM with the runtime's options but with the jars in
 * {@code lib/} on the class path, relative to the task root ({@code /var/task}), and with the archive when this JVM
 * is the one the training ran on. The training runs that launcher, in a copy of the directory, under the real
 * client, against a Runtime API on loopback that hands it, for {@code rounds} rounds, one event per registered
 * function: the app's own sample events ({@value #SAMPLES}{@code <function>.json}, one event or an array of events,
 * in the function's resources), else {@link SampleEvents}. The app runs on in-memory ports
 * ({@link TrainingHandler}): no backend is touched.
 *
 * <p>The JVM accepts the archive only where each jar on the class path has the size and modification time it had in
 * the training: every file of the directory gets the time {@link #FILE_TIME}, which the build writes into the zip's
 * entries too. The JVM's identity is recorded next to the archive ({@code .jdk}: {@code java.vm.*} and the JDK's
 * {@code IMPLEMENTOR}, {@code JAVA_RUNTIME_VERSION} and {@code OS_ARCH}), which the launcher compares with the
 * runtime's JDK.
 *
 * <pre>
 * java -cp adapter-aws-deploy.jar:adapter-aws.jar:sdk-core.jar:adapter-local.jar:aws-lambda-java-core.jar:jackson-*.jar \
 *     dev.faas4j.aws.deploy.LambdaTraining --java=/path/to/bin/java --task-root=target/lambda [--rounds=3] \
 *     [--env=FAAS4J_APP=...] [--jvm-options="-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ..."]
 * </pre>
 */
public final class LambdaTraining {
  /** Where an app keeps its own training events, per function, in its resources. */
  public static final String SAMPLES = "faas4j/training/aws/";
  /** The launcher, relative to the task root: {@code AWS_LAMBDA_EXEC_WRAPPER=/var/task/faas4j/launch}. */
  public static final String LAUNCHER = "faas4j/launch";
  /** The time every file of a trained deployment carries, on disk and in the zip: 2000-01-01T00:00:00Z. */
  public static final Instant FILE_TIME = Instant.parse("2000-01-01T00:00:00Z");
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String RIC_JAR = "aws-lambda-java-runtime-interface-client";
  static final String HANDLER = TrainingHandler.class.getName() + "::handleRequest";
  /** Lambda's Java runtime flags that shape what is archived (C1 only, serial GC). */
  public static final List<String> LAMBDA_JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  /** The keys of the JDK's {@code release} file that an archive's record holds and the launcher compares. */
  static final List<String> RELEASE_KEYS = List.of("IMPLEMENTOR", "JAVA_RUNTIME_VERSION", "OS_ARCH");

  /**
   * What to train.
   *
   * @param java the {@code bin/java} of the JDK build the function will run on
   * @param taskRoot the deployment directory, laid out as {@code /var/task}, the client's jars in its {@code lib/}
   * @param environment settings of the function ({@code FAAS4J_APP}, {@code FAAS4J_*} names)
   * @param jvmOptions the runtime's JVM options (GC, heap and code cache sizes shape what an AOT cache holds);
   *     {@link #LAMBDA_JVM_OPTIONS} when empty. {@code -Xshare} options are dropped (the training writes the archive)
   */
  public record Options(Path java, Path taskRoot, int rounds, Map<String, String> environment,
      List<String> jvmOptions) {
    public Options {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1; got " + rounds);
      }
      environment = Map.copyOf(environment);
      jvmOptions = jvmOptions.isEmpty() ? LAMBDA_JVM_OPTIONS
          : jvmOptions.stream().filter(o -> !o.startsWith("-Xshare") && !o.startsWith("-XX:SharedArchiveFile"))
              .toList();
    }
  }

  /**
   * What the run wrote into the deployment directory.
   *
   * @param archive {@code faas4j/faas4j.jsa} (AppCDS) or {@code faas4j/faas4j.aot} (AOT cache)
   * @param jdkRecord the archive's name plus {@code .jdk}: the training JVM's identity
   * @param launcher {@value #LAUNCHER}, for {@code AWS_LAMBDA_EXEC_WRAPPER}
   * @param classPath the launcher's class path, relative to the task root
   * @param failures invocations the function answered with an error (they trained their path all the same)
   */
  public record Result(Path archive, Path jdkRecord, Path launcher, List<String> classPath, int invocations,
      int failures, Duration time) {}

  private LambdaTraining() {}

  public static void main(String[] args) throws Exception {
    Training.Arguments a = Training.arguments(args, "java", "task-root", "rounds", "jvm-options");
    Result r = train(new Options(Path.of(a.required("java")), Path.of(a.required("task-root")),
        a.number("rounds", 3), a.environment(), a.words("jvm-options")));
    System.out.printf("%s: %,d bytes from %d invocations (%d answered with an error) in %d ms%n"
        + "AWS_LAMBDA_EXEC_WRAPPER=/var/task/%s%n", r.archive(), Files.size(r.archive()), r.invocations(),
        r.failures(), r.time().toMillis(), LAUNCHER);
  }

  /**
   * Writes the launcher, sets every file's time, runs the training and writes the archive and its JDK record.
   *
   * @throws IllegalStateException saying what failed (the app did not start, no archive was written)
   */
  public static Result train(Options o) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path task = o.taskRoot();
    if (!Files.isDirectory(task)) {
      throw new IllegalArgumentException("No deployment directory at " + task);
    }
    List<String> classPath = classPath(task);
    if (classPath.stream().noneMatch(j -> j.startsWith("lib/" + RIC_JAR))) {
      throw new IllegalArgumentException("No " + RIC_JAR + " jar in " + task.resolve("lib")
          + ": the launcher starts the client the function ships");
    }
    boolean aot = featureVersion(o.java()) >= 25;
    String archiveName = archiveName(o.java());
    Path archive = task.resolve(archiveName);
    Path record = task.resolve(archiveName + ".jdk");
    Files.deleteIfExists(archive);
    Files.deleteIfExists(record);
    Path launcher = writeLauncher(task, classPath, archiveName);
    setTimes(task);
    Path work = Files.createTempDirectory("faas4j-training");
    try {
      Path root = trainingRoot(task, work.resolve("task"));
      List<byte[]> events = events(root, o.environment(), o.rounds());
      List<String> cmd = new ArrayList<>(List.of("/bin/sh", root.resolve(LAUNCHER).toString(), o.java().toString()));
      cmd.addAll(o.jvmOptions());
      cmd.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archiveName);
      // what the runtime passes, replaced by the launcher
      cmd.addAll(List.of("-classpath", "/var/runtime/lib/runtime.jar", RIC_MAIN, HANDLER));
      Path out = work.resolve("training.log");
      Path trained = root.resolve(archiveName);
      Path trainedRecord = root.resolve(archiveName + ".jdk");
      try (RuntimeApi api = new RuntimeApi(events)) {
        ProcessBuilder pb = Training.process(cmd, root, work, out, o.environment());
        Map<String, String> env = pb.environment();
        env.put("LAMBDA_TASK_ROOT", root.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "training");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", "us-east-1");
        env.put(TrainingHandler.JDK_RECORD, trainedRecord.toString());
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
        if (!Files.isRegularFile(trained) || !Files.isRegularFile(trainedRecord)) {
          throw new IllegalStateException("The training run wrote no archive\n" + tail(out));
        }
        Files.copy(trained, archive);
        Files.writeString(record, Files.readString(trainedRecord, StandardCharsets.UTF_8) + jdkRecord(o.java()),
            StandardCharsets.UTF_8);
        setTimes(task);
        return new Result(archive, record, launcher, classPath, events.size(), api.failures(),
            Duration.ofNanos(System.nanoTime() - start));
      }
    } finally {
      Training.deleteTree(work);
    }
  }

  /** {@code faas4j/faas4j.jsa} (AppCDS) or, from Java 25, {@code faas4j/faas4j.aot} (AOT cache). */
  static String archiveName(Path java) throws IOException {
    return "faas4j/faas4j" + (featureVersion(java) >= 25 ? ".aot" : ".jsa");
  }

  /** The jars in {@code lib/}, sorted, relative to the task root: the launcher's class path. */
  static List<String> classPath(Path task) throws IOException {
    Path lib = task.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return List.of();
    }
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.filter(j -> j.getFileName().toString().endsWith(".jar")).map(j -> "lib/" + j.getFileName())
          .sorted().toList();
    }
  }

  /** {@value #LAUNCHER}, executable, for this class path and archive. */
  static Path writeLauncher(Path task, List<String> classPath, String archiveName) throws IOException {
    String script;
    try (InputStream in = LambdaTraining.class.getResourceAsStream("launch.sh")) {
      if (in == null) {
        throw new IllegalStateException("launch.sh is missing from the deploy jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String entry : classPath) {
      if (entry.contains("'") || entry.contains(":")) {
        throw new IllegalArgumentException("A jar name the launcher cannot quote: " + entry);
      }
    }
    Path launcher = task.resolve(LAUNCHER);
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, script.replace("@CLASS_PATH@", String.join(":", classPath))
        .replace("@ARCHIVE@", archiveName), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return launcher;
  }

  /** Every file and directory under {@code dir} at {@link #FILE_TIME}. */
  static void setTimes(Path dir) throws IOException {
    FileTime time = FileTime.from(FILE_TIME);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.toList()) {
        Files.setLastModifiedTime(f, time);
      }
    }
  }

  /**
   * The record's lines from the JDK's {@code release} file ({@link #RELEASE_KEYS}), which the launcher compares
   * with the runtime's JDK.
   */
  static String jdkRecord(Path java) throws IOException {
    Path file = java.toRealPath().getParent().getParent().resolve("release");
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (RELEASE_KEYS.stream().anyMatch(k -> line.startsWith(k + "="))) {
        sb.append(line).append('\n');
      }
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
        Optional<List<JsonNode>> own =
            Training.samples(loader, SAMPLES, fn.name(), "an event or an array of events");
        if (own.isEmpty()) {
          SampleEvents.of(fn).ifPresent(round::add);
          continue;
        }
        for (JsonNode event : own.get()) {
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
   * A copy of the deployment, times kept, plus the training handler and the in-memory ports, which the client's own
   * class loader reads from the root and {@code lib/} and which are not on the launcher's class path: the deployed
   * jars are the archive's class path as they are. Classes that a custom class loader defines are archived by name
   * and content, not path.
   */
  private static Path trainingRoot(Path taskRoot, Path root) throws IOException {
    copyTree(taskRoot, root);
    copyCode(root, "faas4j-training.jar", LambdaTraining.class);
    // adapter-local: the in-memory ports and the training helpers the handler uses
    copyCode(root, "faas4j-training-ports.jar", InMemoryPlatform.class, Training.class);
    return root;
  }

  /** The jar that holds {@code types} into {@code lib/}, or, run from classes (tests), their packages' classes. */
  private static void copyCode(Path root, String jarName, Class<?>... types) throws IOException {
    Path code = Training.location(types[0]);
    if (Files.isDirectory(code)) {
      for (Class<?> type : types) {
        String pkg = type.getPackageName().replace('.', '/');
        copyTree(code.resolve(pkg), root.resolve(pkg));
      }
    } else {
      Files.createDirectories(root.resolve("lib"));
      Files.copy(code, root.resolve("lib").resolve(jarName), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The Java feature version of the JDK that {@code java} belongs to, from its {@code release} file. */
  public static int featureVersion(Path java) throws IOException {
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
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
