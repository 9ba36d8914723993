package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionAppsTest {
  private static final ClassLoader LOADER = FunctionAppsTest.class.getClassLoader();

  public static final class NotAnApp {}

  public static final class NeedsArguments implements FunctionApp {
    public NeedsArguments(String name) {}

    @Override
    public void configure(Functions functions, Platform platform) {}
  }

  public static final class FailsToConstruct implements FunctionApp {
    public FailsToConstruct() {
      throw new IllegalStateException("missing DATABASE_URL");
    }

    @Override
    public void configure(Functions functions, Platform platform) {}
  }

  public static final class BrokenStaticInit implements FunctionApp {
    static final int VALUE = Integer.parseInt("not a number");

    @Override
    public void configure(Functions functions, Platform platform) {}
  }

  private static java.util.function.Function<String, String> env(String app) {
    return Map.of(FunctionApps.APP_SETTING, app)::get;
  }

  @Test
  void loadsTheClassNamedByTheSetting() {
    assertThat(FunctionApps.load(LOADER, env(" " + ServiceLoadedApp.class.getName() + " ")))
        .isInstanceOf(ServiceLoadedApp.class);
  }

  @Test
  void findsTheOneServiceLoaderProviderWhenTheSettingIsAbsent() {
    assertThat(FunctionApps.load(LOADER, name -> null)).isInstanceOf(ServiceLoadedApp.class);
    assertThat(FunctionApps.load(LOADER, env("  "))).isInstanceOf(ServiceLoadedApp.class);
  }

  @Test
  void classNotFoundNamesTheSettingAndClass() {
    assertThatThrownBy(() -> FunctionApps.load(LOADER, env("com.example.ShopAp")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("FAAS4J_APP=com.example.ShopAp: class not found on the classpath");
  }

  @Test
  void rejectsAClassThatIsNotAFunctionApp() {
    assertThatThrownBy(() -> FunctionApps.load(LOADER, env(NotAnApp.class.getName())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith("does not implement dev.faas4j.FunctionApp");
  }

  @Test
  void rejectsAClassWithoutNoArgumentConstructor() {
    assertThatThrownBy(() -> FunctionApps.load(LOADER, env(NeedsArguments.class.getName())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith("needs a public no-argument constructor");
  }

  @Test
  void reportsTheConstructorsOwnFailure() {
    assertThatThrownBy(() -> FunctionApps.load(LOADER, env(FailsToConstruct.class.getName())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be created")
        .hasMessageContaining("missing DATABASE_URL")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailingStaticInitialiserIsNotReportedAsClassNotFound() {
    assertThatThrownBy(() -> FunctionApps.load(LOADER, env(BrokenStaticInit.class.getName())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be initialised")
        .hasMessageNotContaining("not found")
        .hasCauseInstanceOf(NumberFormatException.class);
  }

  @Test
  void noProviderAndNoSettingSaysWhatToDo(@TempDir Path dir) throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> FunctionApps.load(empty, name -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("META-INF/services/dev.faas4j.FunctionApp")
          .hasMessageContaining("FAAS4J_APP");
    }
  }

  @Test
  void severalProvidersAskForTheSetting(@TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.faas4j.FunctionApp"), ProviderB.class.getName() + "\n");
    try (URLClassLoader two = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
      assertThatThrownBy(() -> FunctionApps.load(two, name -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Several faas4j applications found")
          .hasMessageContaining(ServiceLoadedApp.class.getName())
          .hasMessageContaining(ProviderB.class.getName());
      assertThat(FunctionApps.load(two, env(ProviderB.class.getName()))).isInstanceOf(ProviderB.class);
    }
  }

  @Test
  void aBrokenProviderEntryIsAnIllegalStateNotAnError(@TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.faas4j.FunctionApp"), NeedsArguments.class.getName() + "\n");
    try (URLClassLoader broken = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
      assertThatThrownBy(() -> FunctionApps.load(broken, name -> null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("META-INF/services/dev.faas4j.FunctionApp");
    }
  }

  public static final class ProviderB implements FunctionApp {
    @Override
    public void configure(Functions functions, Platform platform) {}
  }
}
