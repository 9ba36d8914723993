package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The static entries of {@link AzureFunctions} and the entries of {@link AzureHandler} are one list. */
class AzureEntryPointsTest {

  @Test
  void azureFunctionsHasOneStaticMethodPerEntryPointAndNoOther() {
    Set<String> statics = Arrays.stream(AzureFunctions.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .map(AzureEntryPointsTest::signature).collect(Collectors.toSet());

    assertThat(statics).isEqualTo(entryPoints());
  }

  @Test
  void azureHandlerOffersTheEntryPointsAndNothingElse() {
    assertThat(AzureEntryPoints.class).isAssignableFrom(AzureHandler.class);
    Set<String> methods = Arrays.stream(AzureHandler.class.getMethods())
        .filter(m -> m.getDeclaringClass() != Object.class).map(AzureEntryPointsTest::signature)
        .collect(Collectors.toSet());

    assertThat(methods).isEqualTo(entryPoints());
  }

  private static Set<String> entryPoints() {
    return Stream.of(AzureEntryPoints.class.getMethods()).map(AzureEntryPointsTest::signature)
        .collect(Collectors.toSet());
  }

  private static String signature(Method m) {
    return m.getReturnType().getName() + " " + m.getName() + Arrays.stream(m.getParameterTypes())
        .map(Class::getName).collect(Collectors.joining(", ", "(", ")"));
  }
}
