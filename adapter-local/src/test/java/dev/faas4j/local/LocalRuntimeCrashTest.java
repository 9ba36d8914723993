package dev.faas4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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

  /** The child JVM running {@link RuntimeCrashChild}, its stdout lines, and SIGKILL. */
  private static final class Child {
    final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.reader = new Thread(this::read, "crash-child-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dataDir, Path workDir) throws IOException {
      Path stderr = Files.createTempFile(workDir, "child-", ".err");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
          System.getProperty("java.class.path"), RuntimeCrashChild.class.getName(), dataDir.toString())
          .redirectError(stderr.toFile()).start();
      return new Child(process, stderr);
    }

    void await(java.util.function.Predicate<String> which, int count) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
      while (true) {
        synchronized (lines) {
          if (lines.stream().filter(which).count() >= count) {
            return;
          }
          if (!process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly().waitFor();
            fail("The child stopped or stalled; stderr:\n" + Files.readString(stderr));
          }
          lines.wait(100);
        }
      }
    }

    List<String> kill() throws Exception {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
      process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (@Nullable String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the pipe broke at the kill: what was read is what the child reported
      }
    }
  }
}
