package dev.faas4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.faas4j.archfixture.LeakyAdapter;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.faas4j");

  static final ArchRule VENDOR_FREE = classes().that().resideInAPackage("dev.faas4j..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.faas4j..", "com.fasterxml.jackson..",
          "org.jspecify..")
      .because("sdk-core is the vendor-free contract: cloud SDKs and platform runtimes belong in an adapter, and "
          + "every jar on a function's classpath costs cold start");

  // "internal is not used outside sdk-core" cannot be checked from inside sdk-core; what can be checked is that
  // internal stays a leaf, so that it never drags the SPI or logging into the event types that use it.
  static final ArchRule INTERNAL_IS_A_LEAF = classes().that().resideInAPackage("dev.faas4j.internal..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "org.jspecify..",
          "dev.faas4j.internal..", "dev.faas4j.event..")
      .because("dev.faas4j.internal holds helpers for the contract types; depending back on the SPI, logging or "
          + "ports would create cycles through the public API");

  static final ArchRule PORTS_DO_NOT_KNOW_THE_DISPATCHER = noClasses()
      .that().resideInAnyPackage("dev.faas4j.event..", "dev.faas4j.trigger..", "dev.faas4j.port..",
          "dev.faas4j.log..", "dev.faas4j.idempotency..", "dev.faas4j.retry..")
      .should().dependOnClassesThat().resideInAPackage("dev.faas4j.spi..")
      .because("the SPI sits on top of the contract; the contract must not depend on the adapter-facing layer");

  // Package-private helpers (the idempotency record codec) may use Jackson; public types may not.
  static final ArchRule JACKSON_ONLY_IN_INTERNAL = noClasses()
      .that().arePublic().and().resideOutsideOfPackage("dev.faas4j.internal..")
      .and().doNotHaveFullyQualifiedName("dev.faas4j.spi.WireJson")
      .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
      .because("Jackson types must not appear in the public API, so that the mapper can be configured (or "
          + "replaced) in one place and a Jackson major upgrade does not break function code; spi.WireJson, "
          + "for adapter authors only, hands adapters that same mapper's trees and generators");

  @Test
  void coreDependsOnlyOnJavaItselfJacksonAndNullnessAnnotations() {
    VENDOR_FREE.check(CORE);
  }

  @Test
  void theVendorRuleCatchesAVendorImport() {
    JavaClasses leaky = new ClassFileImporter().importClasses(LeakyAdapter.class);

    EvaluationResult result = VENDOR_FREE.evaluate(leaky);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("com.amazonaws.fake.VendorThing"));
  }

  @Test
  void theContractDoesNotDependOnTheSpi() {
    PORTS_DO_NOT_KNOW_THE_DISPATCHER.check(CORE);
  }

  @Test
  void jacksonStaysBehindTheInternalPackage() {
    JACKSON_ONLY_IN_INTERNAL.check(CORE);
  }

  @Test
  void internalIsALeaf() {
    INTERNAL_IS_A_LEAF.check(CORE);
  }
}
