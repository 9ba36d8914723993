package dev.faas4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Rules every adapter keeps, checked here because this module sees all of them: adapters use sdk-core through its
 * public contract and its documented SPI only.
 */
class AdapterArchitectureTest {
  private static final String[] ADAPTERS = {"dev.faas4j.aws..", "dev.faas4j.gcp..", "dev.faas4j.azure..",
      "dev.faas4j.local..", "dev.faas4j.port.memory.."};

  static final ArchRule NO_INTERNAL = noClasses().that().resideInAnyPackage(ADAPTERS)
      .should().dependOnClassesThat().resideInAPackage("dev.faas4j.internal..")
      .because("dev.faas4j.internal is sdk-core's own: an adapter that reaches into it breaks when the core "
          + "changes its internals; what adapters share is in dev.faas4j.spi");

  static final ArchRule RUNTIME_WITHOUT_LOCAL = noClasses()
      .that().resideInAnyPackage("dev.faas4j.aws..", "dev.faas4j.gcp..", "dev.faas4j.azure..")
      .and().resideOutsideOfPackage("..deploy..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.faas4j.local..", "dev.faas4j.port.memory..")
      .because("a function ships a cloud adapter's runtime jar without adapter-local: the in-memory ports and the "
          + "local runtime serve tests and the build-time deploy jars only");

  @Test
  void adaptersImportNothingFromTheCoresInternals() {
    JavaClasses adapters = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.faas4j.aws", "dev.faas4j.gcp", "dev.faas4j.azure", "dev.faas4j.local");

    assertThat(adapters.stream().map(c -> c.getPackageName()).distinct())
        .contains("dev.faas4j.aws", "dev.faas4j.gcp", "dev.faas4j.azure", "dev.faas4j.local");
    NO_INTERNAL.check(adapters);
  }

  @Test
  void theRuleFiresOnAClassThatReachesIn() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.faas4j.local.archfixture");

    assertThat(NO_INTERNAL.evaluate(fixture).hasViolation()).isTrue();
  }

  @Test
  void cloudRuntimeJarsNeedNothingFromAdapterLocal() {
    JavaClasses adapters = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.faas4j.aws", "dev.faas4j.gcp", "dev.faas4j.azure");

    RUNTIME_WITHOUT_LOCAL.check(adapters);
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.faas4j.aws.archfixture");
    assertThat(RUNTIME_WITHOUT_LOCAL.evaluate(fixture).hasViolation()).isTrue();
  }
}
