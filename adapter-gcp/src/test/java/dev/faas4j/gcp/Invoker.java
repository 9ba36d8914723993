package dev.faas4j.gcp;

import dev.faas4j.gcp.deploy.LoopbackInvoker;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The real Functions Framework invoker ({@code java-function-invoker} 2.0.0) in a child JVM, serving a target
 * class of this module on a free port of 127.0.0.1. The invoker itself has no bind option and listens on every
 * interface, so the child runs {@link LoopbackInvoker}, which builds the invoker's own server with a loopback host.
 */
final class Invoker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private final Process process;
  private final Path output;
  final int port;

  private Invoker(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  static Invoker start(Class<?> target, Map<String, String> env) throws IOException, InterruptedException {
    String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(testClasspath.split(File.pathSeparator));
    String invokerJar = entries.stream().filter(e -> e.contains("java-function-invoker")).findFirst()
        .orElseThrow(() -> new IllegalStateException("java-function-invoker is not on the test classpath"));
    // The function's classpath without what the invoker itself provides (the API and the CloudEvents SDK).
    Predicate<String> provided = e -> e.contains("java-function-invoker") || e.contains("functions-framework-api")
        || e.contains("cloudevents-");
    String functionClasspath = entries.stream().filter(provided.negate()).collect(Collectors.joining(File.pathSeparator));
    int port = freePort();
    Path output = Files.createTempFile("invoker-", ".log");
    // Only the invoker jar and the launcher on the JVM's class path, as with java -jar: the function's classes
    // must come from the invoker's function class loader, not from the application class path.
    Path launcherDir = Files.createTempDirectory("invoker-launcher-");
    Path launcherClass = launcherDir.resolve(LoopbackInvoker.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(launcherClass.getParent());
    try (var in = LoopbackInvoker.class.getResourceAsStream(LoopbackInvoker.class.getSimpleName() + ".class")) {
      Files.copy(java.util.Objects.requireNonNull(in, "LoopbackInvoker.class"), launcherClass);
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", invokerJar + File.pathSeparator + launcherDir,
        LoopbackInvoker.class.getName(), "--classpath", functionClasspath,
        "--target", target.getName(), "--port", Integer.toString(port));
    pb.environment().putAll(env);
    pb.environment().put("FAAS4J_APP", TestApp.class.getName());
    pb.environment().put("GOOGLE_CLOUD_PROJECT", "my-project");
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    Invoker invoker = new Invoker(pb.start(), output, port);
    invoker.awaitListening();
    return invoker;
  }

  private void awaitListening() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The invoker exited with " + process.exitValue() + ":\n" + output());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IllegalStateException("The invoker did not listen within " + START_TIMEOUT + ":\n" + output());
  }

  /** Everything the invoker and the function wrote so far (standard output and error). */
  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /** Waits until a line of the output contains every fragment; returns that line. */
  String awaitLine(Duration timeout, String... fragments) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : output().split("\n")) {
        if (Arrays.stream(fragments).allMatch(line::contains)) {
          return line;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No output line contains " + Arrays.toString(fragments) + " within " + timeout
            + "; output:\n" + output());
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(output);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n")));
  }
}
