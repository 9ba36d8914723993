package dev.faas4j.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import dev.faas4j.log.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CapturedLogsTest {
  private final CapturedLogs logs = new CapturedLogs();
  private final FunctionLogger log = LogConfig.defaults().withLevel(LogLevel.DEBUG).withSink(logs)
      .withClock(ManualClock.startingAtEpochOf2030()).logger(LogContext.none());

  @Test
  void keepsTheFormattedLinesInOrder() {
    log.info("first");
    log.warn("second", "orderId", "o-1");

    assertThat(logs.lines()).hasSize(2);
    assertThat(logs.lines().get(1))
        .isEqualTo("{\"timestamp\":\"2030-01-01T00:00:00Z\",\"level\":\"WARN\",\"message\":\"second\","
            + "\"logger\":\"function\",\"orderId\":\"o-1\"}");
    assertThat(logs.messages()).containsExactly("first", "second");
  }

  @Test
  void parsesEachLineIntoARecord() {
    log.info("Order charged", "orderId", "o-1", "amountCents", 1250);

    assertThat(logs.records()).singleElement().satisfies(r -> {
      assertThat(r).containsEntry("level", "INFO").containsEntry("orderId", "o-1").containsEntry("amountCents", 1250);
    });
  }

  @Test
  void showsRedactionAsThePlatformWouldReceiveIt() {
    log.info("Login", "user", "ada", "password", "hunter2", "Authorization", "Bearer abc");

    assertThat(logs.containing("hunter2")).isEmpty();
    assertThat(logs.containing("Bearer")).isEmpty();
    assertThat(logs.records().get(0)).containsEntry("password", "[REDACTED]").containsEntry("user", "ada");
  }

  @Test
  void selectsLinesByLevelAndByText() {
    log.debug("cache miss", "key", "k1");
    log.error("boom");
    log.info("cache hit", "key", "k2");

    assertThat(logs.atLevel(LogLevel.ERROR)).singleElement().asString().contains("boom");
    assertThat(logs.atLevel(LogLevel.WARN)).isEmpty();
    assertThat(logs.containing("k2")).singleElement().asString().contains("cache hit");
  }

  @Test
  void assertLoggedMatchesOnLevelAndMessage() {
    log.info("User created", "userId", "u-1");

    logs.assertLogged(LogLevel.INFO, "User created");
    assertThatThrownBy(() -> logs.assertLogged(LogLevel.ERROR, "User created"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a ERROR line whose message contains \"User created\"")
        .hasMessageContaining("\"userId\":\"u-1\"");
    assertThatThrownBy(() -> logs.assertLogged(LogLevel.INFO, "u-1"))
        .as("a field value is not the message")
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertNoErrorsListsTheErrorLines() {
    log.warn("slow");
    logs.assertNoErrors();

    log.error("Charge failed", new IllegalStateException("card declined"));

    assertThatThrownBy(logs::assertNoErrors)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("found 1")
        .hasMessageContaining("Charge failed")
        .hasMessageContaining("card declined");
  }

  @Test
  void recordsRefusesALineThatIsNotJson() {
    logs.write(LogLevel.INFO, "plain text");

    assertThatThrownBy(logs::records).isInstanceOf(IllegalStateException.class).hasMessageContaining("Log line 0");
    logs.assertLogged(LogLevel.INFO, "plain");
  }

  @Test
  void clearForgetsEverything() {
    log.error("before");
    logs.clear();

    assertThat(logs.lines()).isEmpty();
    logs.assertNoErrors();
  }

  @Test
  void keepsEveryLineFromConcurrentWriters() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            log.info("line", "thread", thread, "i", i);
          }
        }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(logs.lines()).hasSize(2000).doesNotContainNull();
    assertThat(logs.records()).allSatisfy(r -> assertThat(r).containsEntry("message", "line"));
  }
}
