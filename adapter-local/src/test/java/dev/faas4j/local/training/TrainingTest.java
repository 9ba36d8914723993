package dev.faas4j.local.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
  private static final String FOLDER = "faas4j/training/test/";
  private static final String WHAT = "an event or an array of events";

  @TempDir
  Path dir;

  @Test
  void argumentsAreOptionsAndEnvironmentSettings() {
    Training.Arguments a = Training.arguments(new String[] {"--java=/jdk/bin/java", "--env=FAAS4J_APP=a.App",
        "--env=FAAS4J_X=k=v", "--rounds=2", "--jvm-options= -Xmx1g  -XX:+UseSerialGC "}, "java", "rounds",
        "jvm-options", "archive");

    assertThat(a.required("java")).isEqualTo("/jdk/bin/java");
    assertThat(List.copyOf(a.environment().keySet())).containsExactly("FAAS4J_APP", "FAAS4J_X");
    assertThat(a.environment()).containsEntry("FAAS4J_APP", "a.App").containsEntry("FAAS4J_X", "k=v");
    assertThat(a.number("rounds", 3)).isEqualTo(2);
    assertThat(a.words("jvm-options")).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    assertThat(a.get("archive", "faas4j.jsa")).isEqualTo("faas4j.jsa");
    assertThat(a.number("absent", 3)).isEqualTo(3);
    assertThat(a.words("absent")).isEmpty();
  }

  @Test
  void anArgumentWithoutAnEqualsSignIsRefusedByName() {
    for (String bad : List.of("--java", "java=/jdk/bin/java", "-java=/jdk/bin/java")) {
      assertThatThrownBy(() -> Training.arguments(new String[] {bad}, "java"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("Expected --name=value, got " + bad);
    }
  }

  @Test
  void anEnvironmentSettingWithoutANameIsRefused() {
    for (String bad : List.of("--env=FAAS4J_APP", "--env==a.App")) {
      assertThatThrownBy(() -> Training.arguments(new String[] {bad}, "java"))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("Expected --env=NAME=value, got " + bad);
    }
  }

  @Test
  void anUnknownOptionIsRefusedByName() {
    assertThatThrownBy(() -> Training.arguments(new String[] {"--java=j", "--jvm-option=-Xmx1g"}, "java", "rounds"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option --jvm-option ")
        .hasMessageContaining("--java, --rounds");
  }

  @Test
  void aMissingOrBlankRequiredOptionIsNamed() {
    Training.Arguments a = Training.arguments(new String[] {"--archive= "}, "java", "archive");

    assertThatThrownBy(() -> a.required("java")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--java= is required");
    assertThatThrownBy(() -> a.required("archive")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--archive= is required");
  }

  @Test
  void aNumberThatIsNotOneIsNamed() {
    Training.Arguments a = Training.arguments(new String[] {"--rounds=three"}, "rounds");

    assertThatThrownBy(() -> a.number("rounds", 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rounds= must be a whole number, got three");
  }

  @Test
  void theTrainingJvmSeesOnlyPathHomeAndTheAppsSettings() {
    Path log = dir.resolve("training.log");
    ProcessBuilder pb = Training.process(List.of("java", "-version"), dir, dir.resolve("home"), log,
        Map.of("FAAS4J_APP", "a.App", "PATH", "/opt/app/bin"));

    assertThat(System.getenv()).isNotEmpty(); // the build's environment, none of which the training JVM gets
    assertThat(pb.environment()).containsOnly(Map.entry("PATH", "/opt/app/bin"),
        Map.entry("HOME", dir.resolve("home").toString()), Map.entry("FAAS4J_APP", "a.App"));
    assertThat(pb.command()).containsExactly("java", "-version");
    assertThat(pb.directory()).isEqualTo(dir.toFile());
    assertThat(pb.redirectErrorStream()).isTrue();
    assertThat(pb.redirectOutput().file()).isEqualTo(log.toFile());
  }

  @Test
  void theTailOfALongLogIsItsLastThirtyLines() throws IOException {
    Path log = dir.resolve("training.log");
    Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
        .collect(Collectors.joining("\n", "", "\n")));

    assertThat(Training.tail(log).lines()).hasSize(Training.TAIL_LINES).startsWith("line 71").endsWith("line 100");
    Files.writeString(log, "only\n");
    assertThat(Training.tail(log)).isEqualTo("only");
    assertThat(Training.tail(dir.resolve("none.log"))).startsWith("(no output: ");
  }

  @Test
  void samplesAreOneEventOrAnArrayOfThemAndNoneWithoutAFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve(FOLDER));
    Files.writeString(folder.resolve("one.json"), "{\"a\":1}");
    Files.writeString(folder.resolve("two.json"), "[{\"a\":1},{\"a\":2}]");

    try (URLClassLoader loader = loader()) {
      assertThat(Training.samples(loader, FOLDER, "one", WHAT).orElseThrow()).hasSize(1);
      assertThat(Training.samples(loader, FOLDER, "two", WHAT).orElseThrow()).hasSize(2);
      assertThat(Training.samples(loader, FOLDER, "three", WHAT)).isEmpty();
    }
  }

  @Test
  void samplesThatAreNotObjectsOrArraysOrNotJsonAreRefusedByFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve(FOLDER));
    Files.writeString(folder.resolve("text.json"), "\"../../etc/passwd\"");
    Files.writeString(folder.resolve("broken.json"), "{\"a\":");
    Files.writeString(folder.resolve("empty.json"), "");

    try (URLClassLoader loader = loader()) {
      assertThatThrownBy(() -> Training.samples(loader, FOLDER, "text", WHAT))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(FOLDER + "text.json must hold " + WHAT);
      assertThatThrownBy(() -> Training.samples(loader, FOLDER, "broken", WHAT))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(FOLDER + "broken.json is not JSON");
      assertThatThrownBy(() -> Training.samples(loader, FOLDER, "empty", WHAT))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(FOLDER + "empty.json must hold " + WHAT);
    }
  }

  @Test
  void aHostileFunctionNameNeverNamesAFile() throws IOException {
    // a readable file where "../secret" would lead, so that only the name check can refuse it
    Files.createDirectories(dir.resolve(FOLDER));
    Files.writeString(dir.resolve("faas4j/training/secret.json"), "{\"a\":1}");

    try (URLClassLoader loader = loader()) {
      for (String bad : List.of("../secret", "../../etc/passwd", "a/b", "a\\b", "..", ".hidden", "", "a\u0000b")) {
        assertThatThrownBy(() -> Training.samples(loader, FOLDER, bad, WHAT))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a function name");
      }
    }
  }

  @Test
  void theJdkIdentityIsRecorded() throws IOException {
    Path record = dir.resolve("faas4j.jsa.jdk");
    Training.writeJdkIdentity(record);

    assertThat(Files.readAllLines(record)).containsExactly("java.vm.name=" + System.getProperty("java.vm.name"),
        "java.vm.vendor=" + System.getProperty("java.vm.vendor"),
        "java.vm.version=" + System.getProperty("java.vm.version"),
        "java.runtime.version=" + System.getProperty("java.runtime.version"));
    assertThatThrownBy(() -> Training.writeJdkIdentity(dir.resolve("none").resolve("x.jdk")))
        .hasMessageContaining("Cannot write");
  }

  @Test
  void aClassIsLocatedAtItsJarOrClassDirectoryAndAJdkClassIsNot() {
    Path here = Training.location(TrainingTest.class);

    assertThat(here.resolve(TrainingTest.class.getName().replace('.', '/') + ".class")).isRegularFile();
    assertThat(Training.location(Training.class)).exists();
    assertThatThrownBy(() -> Training.location(String.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot locate java.lang.String");
  }

  @Test
  void aTreeIsDeletedWithAllItHolds() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work/a/b"));
    Files.writeString(work.resolve("f"), "x");
    Files.writeString(dir.resolve("work/g"), "y");

    Training.deleteTree(dir.resolve("work"));

    assertThat(dir.resolve("work")).doesNotExist();
    assertThat(dir).exists();
  }

  private URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }
}
