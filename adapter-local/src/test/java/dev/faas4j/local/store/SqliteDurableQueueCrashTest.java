package dev.faas4j.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.local.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is sending, leasing and acknowledging messages (SIGKILL, no mocks) and checks the file it left:
 * every send it reported is there, and what it had leased comes back once the lease runs out.
 */
class SqliteDurableQueueCrashTest {
  @TempDir
  Path workDir;

  @Test
  void everyReportedSendSurvivesKillAndLeasedMessagesAreRedeliveredAfterTheirLease() throws Exception {
    Path dataDir = workDir.resolve("data");
    ChildProcess child = ChildProcess.start("queue", dataDir);
    List<String> lines = child.killAfter(300, line -> line.startsWith("sent "), new Random().nextInt(20));
    Instant killedAt = Instant.now();

    Map<String, Set<String>> reported = parse(lines);
    Set<String> sent = reported.get("sent");
    Set<String> settledOrUnknown = new HashSet<>(reported.get("acking")); // acked, or killed mid-ack
    Set<String> leased = new HashSet<>(reported.get("leased"));
    leased.removeAll(settledOrUnknown);
    assertThat(sent).hasSizeGreaterThanOrEqualTo(300);
    assertThat(leased).isNotEmpty();

    ManualClock clock = new ManualClock(killedAt);
    try (LocalDatabase db = LocalDatabase.open(dataDir)) {
      SqliteDurableQueue queue = new SqliteDurableQueue(db, CrashChild.QUEUE, clock);
      assertThat(queue.depth()).isGreaterThanOrEqualTo(sent.size() - settledOrUnknown.size());

      Set<String> visibleNow = drain(queue);
      assertThat(visibleNow).doesNotContainAnyElementsOf(leased).doesNotContainAnyElementsOf(reported.get("acked"));

      clock.advance(CrashChild.LEASE);
      List<Delivery> redelivered = queue.receive(SqliteDurableQueue.MAX_RECEIVE, Duration.ofHours(1));
      Set<String> leasedAtKill = ids(redelivered);
      leasedAtKill.removeAll(leased);
      assertThat(ids(redelivered)).containsAll(leased);
      assertThat(leasedAtKill).as("leased by the child's last receive, killed before it could report it")
          .hasSizeLessThanOrEqualTo(1);
      Set<String> everything = new HashSet<>(visibleNow);
      everything.addAll(ids(redelivered));
      Set<String> unsettled = new HashSet<>(sent);
      unsettled.removeAll(settledOrUnknown);
      assertThat(everything).containsAll(unsettled);
      assertThat(redelivered).allSatisfy(d -> {
        assertThat(d.deliveryAttempt()).isEqualTo(2);
        assertThat(new String(d.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("message-");
      });
    }
  }

  /**
   * Every message visible now. The child can run up to a pipe's worth of lines (about 1,500) ahead of the reader
   * before the kill lands, so one receive of MAX_RECEIVE may not hold them all.
   */
  private static Set<String> drain(SqliteDurableQueue queue) {
    Set<String> ids = new HashSet<>();
    for (List<Delivery> got = queue.receive(SqliteDurableQueue.MAX_RECEIVE, Duration.ofHours(1)); !got.isEmpty();
        got = queue.receive(SqliteDurableQueue.MAX_RECEIVE, Duration.ofHours(1))) {
      ids.addAll(ids(got));
    }
    return ids;
  }

  /** Verb and id pairs wherever they are in a line, so output the JVM itself writes cannot hide one. */
  private static final java.util.regex.Pattern REPORT =
      java.util.regex.Pattern.compile("(sent|leased|acking|acked) ([0-9a-f-]{36})");

  private static Map<String, Set<String>> parse(List<String> lines) {
    Map<String, Set<String>> byVerb = new HashMap<>();
    for (String verb : List.of("sent", "leased", "acking", "acked")) {
      byVerb.put(verb, new HashSet<>());
    }
    for (String line : lines) {
      java.util.regex.Matcher m = REPORT.matcher(line);
      while (m.find()) {
        byVerb.get(m.group(1)).add(m.group(2));
      }
    }
    return byVerb;
  }

  private static Set<String> ids(List<Delivery> deliveries) {
    Set<String> ids = new HashSet<>();
    deliveries.forEach(d -> ids.add(d.id()));
    return ids;
  }
}
