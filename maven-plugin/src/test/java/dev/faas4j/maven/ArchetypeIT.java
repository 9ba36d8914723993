package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start: {@code mvn archetype:generate} with faas4j's archetype, then {@code mvn package} in the
 * new project, which compiles, runs its tests and writes every cloud's artifact (against the tests' repository).
 */
class ArchetypeIT {
  @TempDir
  Path temp;

  @Test
  void generatesAProjectWhoseTestsPassAndWhichPackagesForEveryCloud() throws Exception {
    String version = System.getProperty("faas4j.version", "0.1.0-SNAPSHOT");
    maven(temp, "archetype:generate", "-DinteractiveMode=false", "-DarchetypeGroupId=dev.faas4j",
        "-DarchetypeArtifactId=faas4j-archetype", "-DarchetypeVersion=" + version, "-DgroupId=com.example",
        "-DartifactId=hello", "-Dversion=1.0-SNAPSHOT", "-Dpackage=com.example.hello");
    Path project = temp.resolve("hello");
    assertThat(project.resolve("src/main/java/com/example/hello/GreetingsApp.java")).isRegularFile();
    assertThat(Files.readString(project.resolve("pom.xml"))).contains("<faas4j.version>" + version + "<")
        .contains("<maven.compiler.release>17<");

    String log = maven(project, "package");
    assertThat(log).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(project.resolve("target/faas4j/aws/function.zip")).isRegularFile();
    assertThat(project.resolve("target/faas4j/gcp/function/hello-1.0-SNAPSHOT.jar")).isRegularFile();
    for (String fn : List.of("requestGreeting", "getGreeting", "writeGreeting")) {
      assertThat(project.resolve("target/faas4j/azure").resolve(fn).resolve("function.json")).isRegularFile();
    }
  }

  /** Runs Maven in {@code dir} against the tests' repository; returns its output, failing on a non-zero exit. */
  private String maven(Path dir, String... args) throws IOException, InterruptedException {
    Path settings = temp.resolve("settings.xml");
    if (!Files.exists(settings)) {
      Files.writeString(settings, Files.readString(Path.of("src/it/settings.xml")).replace("@localRepositoryUrl@",
          Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString()));
    }
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
        "-Dmaven.repo.local=" + Path.of(System.getProperty("faas4j.it.repo", "target/it-repo")).toAbsolutePath()));
    command.addAll(List.of(args));
    Path log = temp.resolve("maven-" + System.nanoTime() + ".log");
    Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!maven.waitFor(5, TimeUnit.MINUTES)) {
      maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("mvn " + String.join(" ", args) + " did not finish:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(maven.exitValue()).as(output).isZero();
    return output;
  }
}
