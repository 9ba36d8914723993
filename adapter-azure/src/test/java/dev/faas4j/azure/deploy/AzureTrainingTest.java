package dev.faas4j.azure.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.azure.TestApp;
import dev.faas4j.local.training.Training;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure training run: the app laid out as the plugin writes the function app, through the real AzureHandler
 * entry points, and its archive used by a JVM with another class path that loads the app in a class loader of its
 * own, as the Java worker does.
 */
class AzureTrainingTest {
  @TempDir Path temp;

  @Test
  void trainsEveryFunctionAndWritesAnArchiveThatAppliesUnderAnotherClassPath() throws Exception {
    Path app = functionApp();
    Path archive = temp.resolve("out/faas4j.jsa");
    AzureTraining.Result r = AzureTraining.train(new AzureTraining.Options(java(), app, archive,
        AzureTraining.WWWROOT + "faas4j.jsa", 2, Map.of("FAAS4J_APP", TestApp.class.getName()),
        List.of(Training.C1_ONLY, "-Xshare:off")));
    assertThat(Files.size(r.archive())).isGreaterThan(1_000_000);
    assertThat(Files.readString(r.jdkRecord())).contains("java.vm.version=" + System.getProperty("java.vm.version"));
    assertThat(r.appSettings()).containsOnlyKeys("languageWorkers__java__arguments", "JAVA_OPTS")
        // the worker runs with the options it was trained with (an -Xshare option dropped), then the archive
        .containsValue("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/home/site/wwwroot/faas4j.jsa");
    assertThat(r.failures()).isEqualTo(2); // TestApp's "failing" route answers 500 (its synthetic kind is unknown)

    // the worker's case: its own jar on the class path, the app in a class loader of its own
    Path launcher = temp.resolve("Launcher.java");
    Files.writeString(launcher, AzureTraining.LAUNCHER);
    Path log = temp.resolve("classes.log");
    List<String> cp = new ArrayList<>();
    try (Stream<Path> jars = Stream.concat(Files.list(app), Files.list(app.resolve("lib")))) {
      jars.filter(j -> j.toString().endsWith(".jar")).forEach(j -> cp.add(j.toString()));
    }
    cp.add(Path.of(TrainingWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    cp.add(library());
    ProcessBuilder pb = new ProcessBuilder(java().toString(), "-XX:SharedArchiveFile=" + archive,
        "-Xlog:class+load=info:file=" + log, "-cp", library(), launcher.toString(),
        String.join(File.pathSeparator, cp), TrainingWorker.class.getName(), "1", temp.resolve("run.jdk").toString());
    pb.environment().put("FAAS4J_APP", TestApp.class.getName());
    Process p = pb.redirectErrorStream(true).redirectOutput(temp.resolve("run.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(temp.resolve("run.log"))).isZero();
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .contains("dev.faas4j.azure.AzureHandler source: shared objects file (top)")
        .contains("dev.faas4j.azure.TestApp source: shared objects file (top)");
  }

  @Test
  void aDirectoryWithoutAnAppIsRefused() {
    assertThatThrownBy(() -> AzureTraining.train(new AzureTraining.Options(java(), temp, temp.resolve("a.jsa"),
        "a.jsa", 1, Map.of(), List.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No function app");
    assertThatThrownBy(() -> new AzureTraining.Options(java(), temp, temp.resolve("a.jsa"), "a.jsa", 0, Map.of(),
        List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  /** The function app as the plugin writes it: the app's jar (classes and tests, in a jar: only jars are archived). */
  private Path functionApp() throws Exception {
    Path app = Files.createDirectories(temp.resolve("app/lib"));
    List<String> entries = Arrays.asList(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")).split(File.pathSeparator));
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app.resolveSibling("app.jar")))) {
      for (String e : entries) {
        Path dir = Path.of(e);
        if (Files.isDirectory(dir) && dir.toString().contains("adapter-azure")) {
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              jar.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
              Files.copy(f, jar);
            }
          }
        } else if (Files.isDirectory(dir)) {
          throw new IllegalStateException("Expected jars besides adapter-azure's classes: " + e);
        } else if (e.endsWith(".jar") && !e.contains("azure-functions-java")) { // the worker brings the library
          Files.copy(dir, app.resolve(dir.getFileName()));
        }
      }
    }
    return app.getParent();
  }

  private static String library() {
    return Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .split(File.pathSeparator)).filter(e -> e.contains("azure-functions-java")).reduce((a, b) -> a
        + File.pathSeparator + b).orElseThrow();
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
