package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@link CrashChild} in a separate JVM, collects its stdout lines, and kills it with SIGKILL. */
final class ChildProcess {
  /** How long the child may take to start and do its work before the test fails instead of hanging. */
  private static final long DEADLINE_SECONDS = 120;

  private final Process process;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ChildProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::readLines, "crash-child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildProcess start(String mode, Path dataDir) throws IOException {
    Path stderr = Files.createTempFile(dataDir.getParent(), "child-", ".err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-XX:+DisplayVMOutputToStderr", // stdout is the protocol: JVM warnings must not land in it
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), mode, dataDir.toString())
        .redirectError(stderr.toFile())
        .start();
    return new ChildProcess(process, stderr);
  }

  /**
   * Waits until the child has reported {@code count} lines matching {@code which}, then lets it work on for
   * {@code jitterMillis} (a real process has no clock to inject: the jitter is what lands the kill at different
   * points of its work) and kills it.
   */
  List<String> killAfter(int count, Predicate<String> which, int jitterMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (matching(which) < count) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        fail("The child stopped or stalled after " + matching(which) + " lines; stderr:\n"
            + Files.readString(stderr));
      }
      synchronized (lines) {
        lines.wait(100);
      }
    }
    Thread.sleep(jitterMillis);
    process.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing, no closing
    process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    reader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  private int matching(Predicate<String> which) {
    synchronized (lines) {
      return (int) lines.stream().filter(which).count();
    }
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the pipe broke when the child was killed: what was read is what the child reported
    }
  }
}
