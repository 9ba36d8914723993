package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The warning when the training JVM cannot make an archive the template's Lambda runtime uses. */
class TrainingJavaTest {
  @Test
  void aJavaVersionOtherThanTheRuntimesIsNamedWithTheFix() {
    assertThat(PackageMojo.runtimeMismatch(17, "java17", Path.of("jdk17", "bin", "java"))).isNull();
    assertThat(PackageMojo.runtimeMismatch(25, "java17", Path.of("jdk25", "bin", "java")))
        .contains("training on Java 25").contains("java17 runtime").contains("will ignore the archive")
        .contains("<trainingJava>");
  }
}
