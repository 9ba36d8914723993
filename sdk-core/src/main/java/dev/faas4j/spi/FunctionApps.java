package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the application without classpath scanning: the class named by {@code FAAS4J_APP}, else the one provider
 * listed in {@code META-INF/services/dev.faas4j.FunctionApp}.
 */
public final class FunctionApps {
  /** The setting that names the application class. */
  public static final String APP_SETTING = "FAAS4J_APP";

  private FunctionApps() {}

  /**
   * Loads the application.
   *
   * @param config where to read {@code FAAS4J_APP} from (the environment on the clouds)
   * @throws IllegalStateException saying what to fix when no application, or more than one, is found
   */
  public static FunctionApp load(ClassLoader loader, Function<String, String> config) {
    String className = config.apply(APP_SETTING);
    if (className != null && !className.isBlank()) {
      return instantiate(loader, className.trim());
    }
    List<FunctionApp> found = new ArrayList<>();
    try {
      for (FunctionApp app : ServiceLoader.load(FunctionApp.class, loader)) {
        found.add(app);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("META-INF/services/dev.faas4j.FunctionApp lists an application that cannot "
          + "be loaded: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("No faas4j application found: list your FunctionApp class in "
          + "META-INF/services/dev.faas4j.FunctionApp or set " + APP_SETTING + " to its class name");
    }
    if (found.size() > 1) {
      List<String> names = found.stream().map(a -> a.getClass().getName()).toList();
      throw new IllegalStateException("Several faas4j applications found " + names + ": set " + APP_SETTING
          + " to the one to run");
    }
    return found.get(0);
  }

  private static FunctionApp instantiate(ClassLoader loader, String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new IllegalStateException(APP_SETTING + "=" + className + ": class not found on the classpath", e);
    } catch (LinkageError e) {
      // ExceptionInInitializerError and friends: the class is there, its static initialisation failed.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(APP_SETTING + "=" + className + " could not be initialised: " + cause, cause);
    }
    if (!FunctionApp.class.isAssignableFrom(type)) {
      throw new IllegalStateException(APP_SETTING + "=" + className + " does not implement dev.faas4j.FunctionApp");
    }
    try {
      return (FunctionApp) type.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(APP_SETTING + "=" + className + " needs a public no-argument constructor", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(APP_SETTING + "=" + className + " could not be created: " + cause, cause);
    }
  }
}
