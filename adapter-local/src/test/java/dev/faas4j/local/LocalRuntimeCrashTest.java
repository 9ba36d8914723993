package dev.faas4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running local runtime with SIGKILL while it writes objects (a new key each time) and sends messages, for
 * several rounds on one data directory, then restarts it and checks that nothing was lost: every object in the
 * bucket, whether its put was reported or the kill cut it short, had its object function run; every reported send
 * had its queue function run. Also checks the data directory lock across processes. Rounds:
 * {@code -Dfaas4j.crash.rounds} (default 6).
 */
class LocalRuntimeCrashTest {
  private static final long DEADLINE_SECONDS = 120;

  @TempDir Path workDir;

  @Test
  void noObjectTriggerOrMessageIsLostToKillDashNine() throws Exception {
    Path dataDir = workDir.resolve("data");
    int rounds = Integer.getInteger("faas4j.crash.rounds", 6);
    Random random = new Random();
    Set<String> reportedPuts = new HashSet<>();
    Set<String> reportedSends = new HashSet<>();
    for (int round = 0; round < rounds; round++) {
      Child child = Child.start(dataDir, workDir);
      child.await(l -> l.equals("started"), 1);
      if (round == 0) {
        assertThatThrownBy(() -> RuntimeCrashChild.start(new RuntimeCrashChild.App(), dataDir))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Another faas4j local runtime (pid " + child.process.pid() + ")")
            .hasMessageContaining(dataDir.toString());
      }
      child.await(l -> l.startsWith("put "), 10 + random.nextInt(30));
      Thread.sleep(random.nextInt(25)); // lands the kill at a different point of a put each round
      for (String line : child.kill()) {
        if (line.startsWith("put ")) {
          reportedPuts.add(line.substring(4));
        } else if (line.startsWith("sent ")) {
          reportedSends.add(line.substring(5));
        }
      }
    }

    RuntimeCrashChild.App app = new RuntimeCrashChild.App();
    try (LocalRuntime runtime = RuntimeCrashChild.start(app, dataDir)) {
      assertThat(runtime.dataDir()).isEqualTo(dataDir.toAbsolutePath().normalize());
      Set<String> objects = new HashSet<>();
      String token = null;
      do {
        ObjectPage page = app.uploads.list("k/", token, 1000);
        page.objects().stream().map(ObjectInfo::key).forEach(objects::add);
        token = page.nextPageToken().orElse(null);
      } while (token != null);
      assertThat(objects).containsAll(reportedPuts);
      Set<String> lostTriggers = missing(app, "object:", objects);
      Set<String> lostMessages = missing(app, "message:", reportedSends);
      System.out.printf("kill -9: %d rounds, %d objects in the bucket (%d reported written), lost triggers %d;"
          + " %d messages reported sent, lost messages %d%n", rounds, objects.size(), reportedPuts.size(),
          lostTriggers.size(), reportedSends.size(), lostMessages.size());
      assertThat(lostTriggers).as("objects whose function never ran").isEmpty();
      assertThat(lostMessages).as("messages whose function never ran").isEmpty();
    }
  }

  /** The keys not recorded as run once every pending delivery had its chance (bounded wait, no fixed sleep). */
  private static Set<String> missing(RuntimeCrashChild.App app, String prefix, Set<String> keys)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
    Set<String> missing = new HashSet<>(keys);
    while (true) {
      missing.removeIf(k -> app.ran.get(prefix + k).isPresent());
      if (missing.isEmpty() || System.nanoTime() > deadline) {
        return missing;
      }
      Thread.sleep(100);
    }
  }

  /**
   * The child JVM running {@link RuntimeCrashChild}, its stdout lines, and SIGKILL. Its stdout goes to a file, read
   * after the kill: a pipe read by a thread loses the last lines when the JDK drains and closes it at the exit.
   */
  private static final class Child {
    final Process process;
    private final Path stdout;
    private final Path stderr;

    private Child(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    static Child start(Path dataDir, Path workDir) throws IOException {
      Path stdout = Files.createTempFile(workDir, "child-", ".out");
      Path stderr = Files.createTempFile(workDir, "child-", ".err");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), RuntimeCrashChild.class.getName(), dataDir.toString())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      return new Child(process, stdout, stderr);
    }

    void await(java.util.function.Predicate<String> which, int count) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
      while (lines().stream().filter(which).count() < count) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly().waitFor();
          fail("The child stopped or stalled; stderr:\n" + Files.readString(stderr));
        }
        Thread.sleep(10);
      }
    }

    List<String> kill() throws Exception {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        fail("The child did not die within " + DEADLINE_SECONDS + " s of SIGKILL");
      }
      return lines();
    }

    /** The whole lines the child wrote so far: one the kill cut off before its newline was not reported. */
    private List<String> lines() throws IOException {
      String text = new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8); // lenient: a cut-off character
      return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }
  }
}
