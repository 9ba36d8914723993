package dev.faas4j.aws.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.aws.SampleEvents;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training run: the deployment directory under the real Runtime Interface Client on this JDK, started through
 * its launcher; then the deployed function ({@code LambdaHandler}, no training classes), copied elsewhere with its
 * times kept as Lambda unpacks the zip, started as Lambda starts it through {@code AWS_LAMBDA_EXEC_WRAPPER}: its
 * log shows the function's classes coming from the archive; with one jar's time changed the JVM refuses the
 * archive with a warning and the function still answers.
 */
class LambdaTrainingTest {
  private static final String APP = TrainingTestApp.class.getName();
  /** Lambda's java17 options (as the runtime passes them to the wrapper, less its agent and native library). */
  private static final List<String> LAMBDA = List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto",
      "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");

  /** How -Xlog:class+load names the archive: a dynamic archive on top of the JDK's (17, 21), or the AOT cache (25). */
  private static final String FROM_ARCHIVE = Runtime.version().feature() >= 25 ? " source: shared objects file"
      : " source: shared objects file (top)";

  @TempDir
  Path dir;

  @Test
  void trainsEveryFunctionThroughTheLauncherAndTheUnpackedFunctionStartsFromTheArchive() throws Exception {
    Path task = deployment(dir.resolve("task"));
    Path own = Files.createDirectories(task.resolve(LambdaTraining.SAMPLES));
    String greet = new String(SampleEvents.of(registry().find("greet").orElseThrow()).orElseThrow(),
        StandardCharsets.UTF_8);
    Files.writeString(own.resolve("greet.json"), "[" + greet + "," + greet.replace("/greet/sample", "/greet/ada") + "]");

    LambdaTraining.Result r = LambdaTraining.train(new LambdaTraining.Options(java(), task, 2,
        Map.of("FAAS4J_APP", APP), List.of("-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));

    assertThat(r.invocations()).isEqualTo(2 * (2 + 1 + 1)); // greet's two own events, orders and nightly: 2 rounds
    assertThat(r.failures()).isEqualTo(2); // nightly fails on purpose: user code ran
    String ext = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
    assertThat(r.archive()).isEqualTo(task.resolve("faas4j/faas4j" + ext));
    assertThat(Files.size(r.archive())).isGreaterThan(100_000);
    assertThat(r.jdkRecord()).isEqualTo(task.resolve("faas4j/faas4j" + ext + ".jdk"));
    assertThat(Files.readString(r.jdkRecord())).contains("java.vm.version=" + System.getProperty("java.vm.version"))
        .contains("java.vm.vendor=" + System.getProperty("java.vm.vendor")).contains("JAVA_RUNTIME_VERSION=\"")
        .contains("IMPLEMENTOR=").contains("OS_ARCH=");
    assertThat(r.launcher()).isEqualTo(task.resolve(LambdaTraining.LAUNCHER)).isExecutable();
    assertThat(r.classPath()).isNotEmpty().allMatch(e -> e.startsWith("lib/") && e.endsWith(".jar"))
        .anyMatch(e -> e.startsWith("lib/aws-lambda-java-runtime-interface-client"));
    try (Stream<Path> files = Files.walk(task)) {
      assertThat(files.filter(Files::isRegularFile).toList()).allSatisfy(f ->
          assertThat(Files.getLastModifiedTime(f).toInstant()).as(f.toString()).isEqualTo(LambdaTraining.FILE_TIME));
    }

    Path unpacked = dir.resolve("elsewhere").resolve("var-task"); // another directory, times kept (cp -a)
    LambdaTraining.copyTree(task, unpacked);
    Path log = dir.resolve("classes.log");
    Launched run = runDeployed(unpacked, List.of("-Xlog:class+load=info:file=" + log), greet);
    assertThat(run.response()).contains("Hello, sample");
    assertThat(Files.readString(log)).contains("dev.faas4j.aws.LambdaHandler" + FROM_ARCHIVE)
        .contains("dev.faas4j.spi.Dispatcher" + FROM_ARCHIVE).contains(APP + FROM_ARCHIVE)
        .contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda" + FROM_ARCHIVE)
        // the deployed handler's own start-up, which the training handler does not take: linked in the training
        .contains("dev.faas4j.aws.AwsPlatform" + FROM_ARCHIVE).contains("dev.faas4j.aws.Priming" + FROM_ARCHIVE);

    // a jar that is not the one the training used: the JVM says so and starts without the archive (JDK 25's AOT
    // cache does not check the jars on the class path: the build ships archive and jars together)
    Path jar = unpacked.resolve(r.classPath().get(0));
    Files.setLastModifiedTime(jar, FileTime.from(LambdaTraining.FILE_TIME.plusSeconds(60)));
    Path refused = dir.resolve("refused.log");
    Launched again = runDeployed(unpacked, List.of("-Xlog:class+load=info:file=" + refused), greet);
    assertThat(again.response()).contains("Hello, sample");
    if (Runtime.version().feature() < 25) {
      assertThat(Files.readString(refused)).doesNotContain("dev.faas4j.aws.LambdaHandler" + FROM_ARCHIVE);
      assertThat(again.log())
          .contains("[warning][cds,dynamic] Unable to use shared archive. The top archive failed to load");
    }
  }

  @Test
  void anArchiveThisJvmDidNotWriteIsIgnoredAndTheFunctionStillStarts() throws Exception {
    Path task = deployment(dir.resolve("task"));
    LambdaTraining.writeLauncher(task, LambdaTraining.classPath(task), "faas4j/faas4j.jsa");
    Files.write(task.resolve("faas4j/faas4j.jsa"), new byte[4096]); // not an archive this JVM wrote
    Files.writeString(task.resolve("faas4j/faas4j.jsa.jdk"), LambdaTraining.jdkRecord(java())); // yet "this JDK"
    Path log = dir.resolve("classes.log");

    Launched run = runDeployed(task, List.of("-Xlog:class+load=info:file=" + log), new String(SampleEvents.of(
        registry().find("greet").orElseThrow()).orElseThrow(), StandardCharsets.UTF_8));

    assertThat(run.response()).contains("Hello, sample");
    assertThat(Files.readString(log)).doesNotContain("dev.faas4j.aws.LambdaHandler" + FROM_ARCHIVE);
  }

  @Test
  void anAppThatDoesNotStartFailsTheTrainingWithTheTailOfItsLog() throws Exception {
    Path task = deployment(dir.resolve("task"));
    String app = StartFailureTestApp.class.getName();
    Files.copy(Path.of("target", "test-classes", app.replace('.', '/') + ".class"),
        task.resolve(app.replace('.', '/') + ".class"));

    assertThatThrownBy(() -> LambdaTraining.train(new LambdaTraining.Options(java(), task, 1,
        Map.of("FAAS4J_APP", app), List.of()))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The app did not start in the training run")
        .hasMessageContaining("FAAS4J_TEST_SETTING is not set");
    assertThat(task.resolve("faas4j/faas4j.jsa")).doesNotExist();
  }

  @Test
  void samplesThatAreNotEventsAreRefusedByName() throws Exception {
    Path task = deployment(dir.resolve("task"));
    Path own = Files.createDirectories(task.resolve(LambdaTraining.SAMPLES));
    Files.writeString(own.resolve("orders.json"), "\"../../etc/passwd\"");

    assertThatThrownBy(() -> LambdaTraining.events(task, Map.of("FAAS4J_APP", APP), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders.json must hold an event");
  }

  @Test
  void roundsAndTheDeploymentDirectoryAreChecked() throws Exception {
    assertThatThrownBy(() -> new LambdaTraining.Options(java(), dir, 0, Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
    assertThatThrownBy(() -> LambdaTraining.train(new LambdaTraining.Options(java(), dir.resolve("none"), 1,
        Map.of(), List.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No deployment directory");
    Files.createDirectories(dir.resolve("bare").resolve("lib"));
    assertThatThrownBy(() -> LambdaTraining.train(new LambdaTraining.Options(java(), dir.resolve("bare"), 1,
        Map.of(), List.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No aws-lambda-java-runtime-interface-client jar");
  }

  @Test
  void theRuntimesJvmOptionsAreTrainedWithExceptSharingSwitchesAndLambdasAreTheDefault() {
    LambdaTraining.Options given = new LambdaTraining.Options(java(), dir, 1, Map.of(), List.of("-Xshare:on",
        "-XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa", "-Xmx445645k"));
    LambdaTraining.Options none = new LambdaTraining.Options(java(), dir, 1, Map.of(), List.of());

    assertThat(given.jvmOptions()).containsExactly("-Xmx445645k");
    assertThat(none.jvmOptions()).isEqualTo(LambdaTraining.LAMBDA_JVM_OPTIONS);
  }

  @Test
  void theArchiveKindFollowsTheJdk() throws Exception {
    Path jdk = Files.createDirectories(dir.resolve("jdk").resolve("bin"));
    Files.writeString(dir.resolve("jdk").resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.1\"\n");
    assertThat(LambdaTraining.featureVersion(jdk.resolve("java"))).isEqualTo(25);
    assertThat(LambdaTraining.featureVersion(java())).isEqualTo(Runtime.version().feature());
  }

  private static FunctionRegistry registry() {
    return FunctionRegistry.of(new TrainingTestApp(), new InMemoryPlatform());
  }

  /** The function as Lambda lays it out: the app's and this adapter's classes at the root, runtime jars in lib/. */
  private static Path deployment(Path task) throws Exception {
    Path lib = Files.createDirectories(task.resolve("lib"));
    LambdaTraining.copyTree(Path.of("target", "classes"), task);
    String app = APP.replace('.', '/');
    Files.copy(Path.of("target", "test-classes", app + ".class"), task.resolve(app + ".class"));
    String core = Files.readString(Path.of(System.getProperty("faas4j.runtime.classpath.core"))).trim();
    for (String entry : core.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        LambdaTraining.copyTree(p, task); // a reactor module's classes (sdk-core)
      } else if (!entry.isBlank()) {
        Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    for (Path jar : runtimeClasspath()) { // the zip ships the client the launcher starts
      Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    return task;
  }

  /** The Runtime Interface Client and its jars (as the runtime has them: another place, other times). */
  private static List<Path> runtimeClasspath() {
    List<Path> cp = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("aws-lambda-java-") || name.startsWith("utils-lite")) {
        cp.add(Path.of(entry));
      }
    }
    return cp;
  }

  private record Launched(String response, String log) {}

  /**
   * One HTTP event through the deployed function ({@code LambdaHandler}) as Lambda starts it with
   * {@code AWS_LAMBDA_EXEC_WRAPPER}: the launcher, given the interpreter, Lambda's options and its own class path.
   */
  private Launched runDeployed(Path task, List<String> jvmOptions, String event) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(task.resolve(LambdaTraining.LAUNCHER).toString(), java().toString()));
    cmd.addAll(LAMBDA);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-classpath", String.join(File.pathSeparator, runtimeClasspath().stream().map(Path::toString)
        .toList()), LambdaTraining.RIC_MAIN, "dev.faas4j.aws.LambdaHandler::handleRequest"));
    Path out = dir.resolve("deployed.log");
    try (RuntimeApi api = new RuntimeApi(List.of(event.getBytes(StandardCharsets.UTF_8)))) {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(task.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", "/usr/bin:/bin");
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("_HANDLER", "dev.faas4j.aws.LambdaHandler::handleRequest");
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("AWS_REGION", "us-east-1");
      env.put("FAAS4J_APP", APP);
      Process p = pb.start();
      try {
        assertThat(api.await(120)).as("answered").isTrue();
        assertThat(api.failures()).as(Files.readString(out)).isZero();
      } finally {
        api.stop();
        p.waitFor(60, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
      return new Launched(api.lastResponse(), Files.readString(out));
    }
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
