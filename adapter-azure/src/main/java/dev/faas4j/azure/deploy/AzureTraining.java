package dev.faas4j.azure.deploy;

import com.microsoft.azure.functions.ExecutionContext;
import dev.faas4j.azure.AzureHandler;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A training run that writes a class-data archive ({@code -XX:ArchiveClassesAtExit}, Java 17 and later) for an Azure
 * Functions app, to be used through the Java worker's JVM arguments ({@link Result#appSettings()}). The Java worker
 * needs the Functions host, so the training calls the real {@link AzureHandler} entry points that the generated entry
 * class delegates to ({@link TrainingWorker}: one synthetic input per function and round, on in-memory ports), with
 * the app loaded by a class loader of its own as the worker loads it. The host starts the worker from its own jar,
 * whose path the build cannot know, and an archive applies only under the class path it recorded: the training JVM's
 * main is a source file, so it records none, and the archive (the JDK classes beyond the JDK's default archive and
 * the app's classes, matched by content) applies under any class path. The JVM's identity is recorded in
 * {@code <archive>.jdk}: an archive works only on the JDK build that wrote it (another JVM ignores it).
 *
 * <pre>
 * java -cp adapter-azure-deploy.jar:adapter-azure.jar:sdk-core.jar:adapter-local.jar:azure-functions-java-library.jar:... \
 *     dev.faas4j.azure.deploy.AzureTraining --java=/path/to/bin/java --app=target/faas4j/azure \
 *     --archive=target/faas4j/azure/faas4j.jsa [--runtime-archive=/home/site/wwwroot/faas4j.jsa] [--rounds=3] \
 *     [--env=FAAS4J_APP=...] [--jvm-options=-XX:TieredStopAtLevel=1]
 * </pre>
 */
public final class AzureTraining {
  /** Where the host puts the function app on Linux: the worker's archive goes next to the app's jar. */
  public static final String WWWROOT = "/home/site/wwwroot/";
  /** The app settings the Java worker's JVM takes its arguments from (the first on Consumption plans). */
  public static final List<String> JVM_SETTINGS = List.of("languageWorkers__java__arguments", "JAVA_OPTS");
  /** The training JVM's main, run as a source file: the app and the worker stand-in in a class loader of their own. */
  static final String LAUNCHER = """
      public class Launcher {
        public static void main(String[] args) throws Exception {
          java.util.List<java.net.URL> urls = new java.util.ArrayList<>();
          for (String entry : args[0].split(java.io.File.pathSeparator)) {
            urls.add(new java.io.File(entry).toURI().toURL());
          }
          ClassLoader app = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
              ClassLoader.getSystemClassLoader());
          Thread.currentThread().setContextClassLoader(app);
          Class.forName(args[1], true, app).getMethod("main", String[].class)
              .invoke(null, (Object) java.util.Arrays.copyOfRange(args, 2, args.length));
        }
      }
      """;

  /**
   * What to train.
   *
   * @param app the function app directory: its jar and {@code lib/}, as the plugin writes it
   * @param runtimeArchive where the archive is at run time ({@value #WWWROOT}{@code <name>})
   * @param environment settings of the app ({@code FAAS4J_APP}, {@code FAAS4J_*} names)
   * @param jvmOptions options of the worker's JVM that shape what is archived; {@code -Xshare} and archive options
   *     are dropped
   */
  public record Options(Path java, Path app, Path archive, String runtimeArchive, int rounds,
      Map<String, String> environment, List<String> jvmOptions) {
    public Options {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1; got " + rounds);
      }
      environment = Map.copyOf(environment);
      jvmOptions = jvmOptions.stream()
          .filter(o -> !o.startsWith("-Xshare") && !o.contains("SharedArchiveFile") && !o.contains("AOTCache"))
          .toList();
    }
  }

  /**
   * What the run wrote.
   *
   * @param appSettings the settings that give the worker's JVM the training's options and the archive
   *     ({@link #JVM_SETTINGS})
   * @param failures inputs the app failed (they trained their path all the same)
   */
  public record Result(Path archive, Path jdkRecord, Map<String, String> appSettings, int failures,
      Duration time) {}

  private AzureTraining() {}

  public static void main(String[] args) throws Exception {
    Training.Arguments a = Training.arguments(args, "java", "app", "archive", "runtime-archive", "rounds",
        "jvm-options");
    Path archive = Path.of(a.required("archive"));
    Result r = train(new Options(Path.of(a.required("java")), Path.of(a.required("app")), archive,
        a.get("runtime-archive", WWWROOT + archive.getFileName()), a.number("rounds", 3), a.environment(),
        a.words("jvm-options")));
    System.out.printf("%s: %,d bytes (%d inputs failed) in %d ms%nApp settings: %s%n", r.archive(),
        Files.size(r.archive()), r.failures(), r.time().toMillis(), r.appSettings());
  }

  /**
   * Runs the training and writes the archive and its JDK record.
   *
   * @throws IllegalStateException saying what failed (the app did not start, no archive was written)
   */
  public static Result train(Options o) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path archive = o.archive().toAbsolutePath();
    Path record = archive.resolveSibling(archive.getFileName() + ".jdk");
    Files.createDirectories(archive.getParent());
    Files.deleteIfExists(archive);
    Files.deleteIfExists(record);
    List<String> classpath = new ArrayList<>();
    for (Path dir : List.of(o.app(), o.app().resolve("lib"))) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> jars = Files.list(dir)) {
          jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> classpath.add(j.toAbsolutePath()
              .toString()));
        }
      }
    }
    if (classpath.isEmpty()) {
      throw new IllegalArgumentException("No function app (a jar and lib/) in " + o.app());
    }
    // the worker stand-in, the worker's library and adapter-local (the in-memory ports and the training helpers),
    // after the app's own jars
    for (Class<?> c : List.of(TrainingWorker.class, ExecutionContext.class, InMemoryPlatform.class)) {
      classpath.add(Training.location(c).toString());
    }
    Path work = Files.createTempDirectory("faas4j-training");
    try {
      Path launcher = work.resolve("Launcher.java");
      Files.writeString(launcher, LAUNCHER, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>();
      cmd.add(o.java().toString());
      cmd.addAll(o.jvmOptions());
      cmd.add("-XX:ArchiveClassesAtExit=" + archive);
      cmd.addAll(List.of(launcher.toString(), String.join(File.pathSeparator, classpath),
          TrainingWorker.class.getName(), Integer.toString(o.rounds()), record.toString()));
      Path log = work.resolve("training.log");
      Process p = Training.process(cmd, work, work, log, o.environment()).start();
      try {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
          throw new IllegalStateException("The training JVM did not exit in 300 s\n" + Files.readString(log));
        }
      } finally {
        p.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      int at = output.lastIndexOf("failures=");
      if (p.exitValue() != 0 || at < 0 || !Files.isRegularFile(archive) || !Files.isRegularFile(record)) {
        throw new IllegalStateException("The training run wrote no archive (the app did not start?)\n" + output);
      }
      int failures = Integer.parseInt(output.substring(at + "failures=".length()).lines().findFirst().orElse("0")
          .strip());
      Map<String, String> settings = new LinkedHashMap<>();
      String options = Training.runtimeOptions(o.jvmOptions(), o.runtimeArchive());
      JVM_SETTINGS.forEach(s -> settings.put(s, options));
      return new Result(archive, record, settings, failures, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Training.deleteTree(work);
    }
  }
}
