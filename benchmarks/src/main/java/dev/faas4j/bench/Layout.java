package dev.faas4j.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the build put the jars the child processes run: {@code benchmarks/target/lib} (every runtime dependency),
 * the two function jars, and the invoker. Found from this class's own location, so the harness works from the
 * shaded jar or from {@code target/classes}; {@code -Dbench.target=DIR} overrides.
 */
public final class Layout {
  private final Path target;

  private Layout(Path target) {
    this.target = target;
  }

  public static Layout find() {
    String override = System.getProperty("bench.target");
    if (override != null) {
      return new Layout(Path.of(override).toAbsolutePath());
    }
    try {
      Path self = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = Files.isDirectory(self) ? self.getParent() : self.getParent(); // target/classes or target/x.jar
      if (!Files.isDirectory(dir.resolve("lib"))) {
        throw new IllegalStateException("No " + dir.resolve("lib") + ": build first with "
            + "mvn -pl benchmarks -am package -DskipTests");
      }
      return new Layout(dir);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path target() {
    return target;
  }

  /** The one jar in {@code lib} whose file name starts with {@code prefix} followed by a version. */
  public Path lib(String prefix) {
    try (Stream<Path> files = Files.list(target.resolve("lib"))) {
      List<Path> found = files.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix + "-") && n.endsWith(".jar") && Character.isDigit(n.charAt(prefix.length() + 1));
      }).toList();
      if (found.size() != 1) {
        throw new IllegalStateException("Expected one " + prefix + " jar in " + target.resolve("lib") + ", found "
            + found);
      }
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Path> libs(String... prefixes) {
    List<Path> out = new ArrayList<>();
    for (String p : prefixes) {
      out.add(lib(p));
    }
    return out;
  }

  /** A function jar built by this module: {@code fn-baseline} or {@code fn-faas4j}. */
  public Path functionJar(String classifier) {
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-" + classifier + ".jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No *-" + classifier + ".jar in " + target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path invokerJar() {
    try (Stream<Path> files = Files.list(target.resolve("invoker"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("java-function-invoker-")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No invoker jar in " + target.resolve("invoker")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code jar} holds {@code className}: an adapter that has not landed yet is an empty jar. */
  public static boolean jarHas(Path jar, String className) {
    try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
      return j.getEntry(className.replace('.', '/') + ".class") != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String classpath(List<Path> jars) {
    return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
  }

  /** The Jackson jars every JSON-handling function ships. */
  public List<Path> jackson() {
    return libs("jackson-databind", "jackson-core", "jackson-annotations");
  }

  public static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
