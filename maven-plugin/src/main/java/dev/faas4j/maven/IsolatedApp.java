package dev.faas4j.maven;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The project's application in a class loader of its own (its classes and one resolved class path, nothing of the
 * plugin or of Maven), and calls into it. The plugin does not link against faas4j: each cloud's build runs that
 * cloud's adapter and generator at the project's faas4j version, so the few calls below go through reflection.
 */
final class IsolatedApp implements AutoCloseable {
  static final String APP_SETTING = "FAAS4J_APP";

  private final URLClassLoader loader;

  private IsolatedApp(URLClassLoader loader) {
    this.loader = loader;
  }

  static IsolatedApp of(List<Path> entries) throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    for (Path p : entries) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new MojoExecutionException("Bad class path entry " + p, e);
      }
    }
    return new IsolatedApp(new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
  }

  static List<Path> paths(Path classes, List<File> jars) {
    List<Path> all = new ArrayList<>();
    all.add(classes);
    for (File f : jars) {
      all.add(f.toPath());
    }
    return all;
  }

  ClassLoader loader() {
    return loader;
  }

  /**
   * The application's {@code ResourceInventory}: its class from {@code appClass} when given, else found as the
   * runtime finds it ({@code FAAS4J_APP}, then {@code META-INF/services/dev.faas4j.FunctionApp}).
   */
  Object inventory(String appClass) throws MojoExecutionException {
    return inLoader(() -> {
      java.util.function.Function<String, String> config = key -> key.equals(APP_SETTING) && appClass != null
          ? appClass : System.getenv(key);
      Object app = call(type("dev.faas4j.spi.FunctionApps"), null, "load", loader, config);
      return call(type("dev.faas4j.spi.ResourceInventory"), null, "of", app);
    });
  }

  /** The app's class name, as {@code FAAS4J_APP} names it. */
  static String appClass(Object inventory) throws MojoExecutionException {
    return (String) call(inventory.getClass(), inventory, "appClass");
  }

  /** The kinds of resource the app names ({@code BUCKET}, {@code QUEUE}, {@code TOPIC}, {@code TABLE}). */
  static List<String> kinds(Object inventory) throws MojoExecutionException {
    TreeSet<String> kinds = new TreeSet<>();
    for (Object r : (List<?>) call(inventory.getClass(), inventory, "resources")) {
      kinds.add(((Enum<?>) call(r.getClass(), r, "kind")).name());
    }
    return List.copyOf(kinds);
  }

  Class<?> type(String name) throws MojoExecutionException {
    try {
      return Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MojoExecutionException("Cannot load " + name + " (is dev.faas4j:sdk-core a dependency?): " + e, e);
    }
  }

  /** Runs {@code task} with this loader as the thread's context class loader, as the clouds' runtimes do. */
  <T> T inLoader(Callable<T> task) throws MojoExecutionException {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return task.call();
    } catch (MojoExecutionException e) {
      throw e;
    } catch (Exception e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** Calls the public method {@code name} that takes {@code args.length} arguments. */
  static Object call(Class<?> type, Object target, String name, Object... args) throws MojoExecutionException {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          // the application's own error (an invalid trigger, a missing setting): its message is the useful part
          throw new MojoExecutionException(type.getSimpleName() + "." + name + ": " + cause, cause);
        } catch (IllegalAccessException e) {
          throw new MojoExecutionException("Cannot call " + type.getName() + "." + name, e);
        }
      }
    }
    throw new MojoExecutionException(type.getName() + " has no method " + name + " with " + args.length
        + " arguments: is the faas4j version of the project the plugin's?");
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
