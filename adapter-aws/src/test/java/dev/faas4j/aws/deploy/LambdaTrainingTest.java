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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training run: the deployment directory under the real Runtime Interface Client on this JDK, then a run of
 * the deployed function ({@code LambdaHandler}, no training classes) from the archive, whose log shows the
 * function's classes coming from it.
 */
class LambdaTrainingTest {
  private static final String APP = TrainingTestApp.class.getName();

  @TempDir
  Path dir;

  @Test
  void trainsEveryFunctionThroughTheRuntimeAndTheDeployedFunctionStartsFromTheArchive() throws Exception {
    Path task = deployment(dir.resolve("task"));
    Path own = Files.createDirectories(task.resolve(LambdaTraining.SAMPLES));
    String greet = new String(SampleEvents.of(registry().find("greet").orElseThrow()).orElseThrow(),
        StandardCharsets.UTF_8);
    Files.writeString(own.resolve("greet.json"), "[" + greet + "," + greet.replace("/greet/sample", "/greet/ada") + "]");
    Path archive = dir.resolve("out").resolve("faas4j.jsa");

    LambdaTraining.Result r = LambdaTraining.train(new LambdaTraining.Options(java(), runtimeClasspath(), task,
        archive, "/var/task/faas4j.jsa", 2, Map.of("FAAS4J_APP", APP), List.of("-Xshare:auto", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1")));

    assertThat(r.invocations()).isEqualTo(2 * (2 + 1 + 1)); // greet's two own events, orders and nightly: 2 rounds
    assertThat(r.failures()).isEqualTo(2); // nightly fails on purpose: user code ran
    assertThat(r.jvmOptions()).isEqualTo("-XX:SharedArchiveFile=/var/task/faas4j.jsa");
    assertThat(Files.size(archive)).isGreaterThan(100_000);
    assertThat(Files.readString(r.jdkRecord())).contains("java.vm.version=" + System.getProperty("java.vm.version"))
        .contains("java.vm.vendor=" + System.getProperty("java.vm.vendor"));
    assertThat(r.jdkRecord().getFileName().toString()).isEqualTo("faas4j.jsa.jdk");

    Path log = dir.resolve("classes.log");
    String response = runDeployed(task, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + log),
        greet);
    assertThat(response).contains("Hello, sample");
    String classes = Files.readString(log);
    assertThat(classes).contains("dev.faas4j.aws.LambdaHandler source: shared objects file (top)")
        .contains("dev.faas4j.spi.Dispatcher source: shared objects file (top)")
        .contains(APP + " source: shared objects file (top)");
  }

  @Test
  void anArchiveThisJvmDidNotWriteIsIgnoredAndTheFunctionStillStarts() throws Exception {
    Path task = deployment(dir.resolve("task"));
    Path archive = dir.resolve("faas4j.jsa");
    Files.write(archive, new byte[4096]); // not an archive this JVM wrote
    Path log = dir.resolve("classes.log");

    String response = runDeployed(task, List.of("-XX:SharedArchiveFile=" + archive,
        "-Xlog:class+load=info:file=" + log), new String(SampleEvents.of(registry().find("greet").orElseThrow())
        .orElseThrow(), StandardCharsets.UTF_8));

    assertThat(response).contains("Hello, sample");
    assertThat(Files.readString(log)).doesNotContain("shared objects file (top)");
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
  void roundsAndTheDeploymentDirectoryAreChecked() {
    assertThatThrownBy(() -> new LambdaTraining.Options(java(), List.of(), dir, dir.resolve("a.jsa"), "/var/task/a",
        0, Map.of(), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
    assertThatThrownBy(() -> LambdaTraining.train(new LambdaTraining.Options(java(), List.of(), dir.resolve("none"),
        dir.resolve("a.jsa"), "/var/task/a", 1, Map.of(), List.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No deployment directory");
  }

  @Test
  void theRuntimesJvmOptionsAreTrainedWithExceptSharingSwitchesAndLambdasAreTheDefault() {
    LambdaTraining.Options given = new LambdaTraining.Options(java(), List.of(), dir, dir.resolve("a.jsa"), "/a", 1,
        Map.of(), List.of("-Xshare:auto", "-Xmx445645k"));
    LambdaTraining.Options none = new LambdaTraining.Options(java(), List.of(), dir, dir.resolve("a.jsa"), "/a", 1,
        Map.of(), List.of());

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
    return task;
  }

  /** The runtime's own class path: the Runtime Interface Client and its jars. */
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

  /** One HTTP event through the deployed function ({@code LambdaHandler}) under the runtime; its response. */
  private String runDeployed(Path task, List<String> jvmOptions, String event) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java().toString()));
    cmd.addAll(LambdaTraining.LAMBDA_JVM_OPTIONS);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, runtimeClasspath().stream().map(Path::toString)
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
        assertThat(api.failures()).isZero();
      } finally {
        api.stop();
        p.waitFor(60, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
      return api.lastResponse();
    }
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
