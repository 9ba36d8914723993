package dev.faas4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.faas4j.archfixture.LeakyAdapter;
import org.junit.jupiter.api.Test;

class CodingRulesTest {
  private static final JavaClasses CORE = ArchitectureTest.CORE;

  static final ArchRule NO_STANDARD_STREAMS = noClasses()
      .that().doNotHaveFullyQualifiedName("dev.faas4j.log.StdoutSink")
      .should(ACCESS_STANDARD_STREAMS)
      .because("log lines go through a LogSink: stray prints break the one-JSON-object-per-line contract that "
          + "CloudWatch, Cloud Logging and Azure parse");

  static final ArchRule NO_GENERIC_EXCEPTIONS = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
      .because("callers classify failures by type (InvalidEventException, RetryableException, PortException): a "
          + "bare RuntimeException can only become a 500");

  static final ArchRule NO_JUL = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
      .because("functions log through the structured FunctionLogger, which escapes and redacts");

  @Test
  void onlyTheStdoutSinkPrints() {
    NO_STANDARD_STREAMS.check(CORE);
  }

  @Test
  void noGenericExceptionsAreThrown() {
    NO_GENERIC_EXCEPTIONS.check(CORE);
  }

  @Test
  void noJavaUtilLogging() {
    NO_JUL.check(CORE);
  }

  @Test
  void theRulesCatchAViolation() {
    JavaClasses leaky = new ClassFileImporter().importClasses(LeakyAdapter.class);

    assertThat(NO_STANDARD_STREAMS.evaluate(leaky).hasViolation()).isTrue();
    assertThat(NO_GENERIC_EXCEPTIONS.evaluate(leaky).hasViolation()).isTrue();
  }
}
