package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@link CrashChild} in a separate JVM, collects its stdout lines, and kills it with SIGKILL.
 *
 * <p>The child's stdout goes to a file, read after the kill: every line the child wrote before it died is there. A
 * pipe read by a thread is not enough: when the process exits, the JDK drains and closes the pipe under a reader
 * that is still reading, which then fails and loses the child's last lines (the ones a crash test is about).
 */
final class ChildProcess {
  /** How long the child may take to start and do its work before the test fails instead of hanging. */
  private static final long DEADLINE_SECONDS = 120;

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static ChildProcess start(String mode, Path dataDir) throws IOException {
    Path stdout = Files.createTempFile(dataDir.getParent(), "child-", ".out");
    Path stderr = Files.createTempFile(dataDir.getParent(), "child-", ".err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-XX:+DisplayVMOutputToStderr", // stdout is the protocol: JVM warnings must not land in it
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), mode, dataDir.toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    return new ChildProcess(process, stdout, stderr);
  }

  /**
   * Waits until the child has reported {@code count} lines matching {@code which}, then lets it work on for
   * {@code jitterMillis} (a real process has no clock to inject: the jitter is what lands the kill at different
   * points of its work) and kills it. Returns every line the child wrote.
   */
  List<String> killAfter(int count, Predicate<String> which, int jitterMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    while (lines().stream().filter(which).count() < count) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        fail("The child stopped or stalled after " + lines().stream().filter(which).count() + " lines; stderr:\n"
            + Files.readString(stderr));
      }
      Thread.sleep(10);
    }
    Thread.sleep(jitterMillis);
    process.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing, no closing
    if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      fail("The child did not die within " + DEADLINE_SECONDS + " s of SIGKILL");
    }
    return lines();
  }

  /** The whole lines in the child's stdout so far: one the kill cut off before its newline was not reported. */
  private List<String> lines() throws IOException {
    String text = new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
    return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
  }
}
