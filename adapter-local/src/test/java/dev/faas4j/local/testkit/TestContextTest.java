package dev.faas4j.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.HttpFunction;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestContextTest {
  private static final TraceContext TRACE =
      TraceContext.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();

  @Test
  void describesATestInvocation() {
    TestContext ctx = TestContext.create();

    assertThat(ctx.platform()).isEqualTo("test");
    assertThat(ctx.functionName()).isEqualTo("testFunction");
    assertThat(ctx.invocationId()).isEqualTo("test-invocation");
    assertThat(ctx.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(ctx.deadline()).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
    assertThat(ctx.trace()).isEmpty();
    assertThat(ctx.coldStart()).isFalse();
  }

  @Test
  void remainingTimeFollowsTheManualClock() {
    TestContext ctx = TestContext.create().withDeadlineIn(Duration.ofSeconds(5));
    assertThat(ctx.remainingTime()).isEqualTo(Duration.ofSeconds(5));

    ctx.clock().advance(Duration.ofSeconds(4));
    assertThat(ctx.remainingTime()).isEqualTo(Duration.ofSeconds(1));

    ctx.clock().advance(Duration.ofSeconds(3));
    assertThat(ctx.remainingTime()).isZero();
  }

  @Test
  void deadlineIsCountedFromTheClocksCurrentTime() {
    ManualClock clock = ManualClock.startingAtEpochOf2030();
    clock.advance(Duration.ofHours(1));

    TestContext ctx = TestContext.create(clock).withDeadlineIn(Duration.ofSeconds(3));

    assertThat(ctx.clock()).isSameAs(clock);
    assertThat(ctx.deadline()).isEqualTo(Instant.parse("2030-01-01T01:00:03Z"));
  }

  @Test
  void logLinesCarryTheInvocationAndTrace() {
    TestContext ctx = TestContext.create().withFunctionName("createUser").withInvocationId("inv-7").withTrace(TRACE);

    ctx.logger().info("Hello", "userId", "u-1");

    assertThat(ctx.trace()).contains(TRACE);
    assertThat(ctx.logs().records()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("function", "createUser")
        .containsEntry("invocationId", "inv-7")
        .containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("userId", "u-1"));
  }

  @Test
  void copiesShareTheClockAndTheLogs() {
    TestContext first = TestContext.create();
    TestContext second = first.withFunctionName("other");

    second.logger().warn("from the copy");
    second.clock().advance(Duration.ofSeconds(1));

    first.logs().assertLogged(LogLevel.WARN, "from the copy");
    assertThat(first.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:01Z"));
    assertThat(first.functionName()).isEqualTo("testFunction");
  }

  @Test
  void letsAHandlerBeCalledDirectlyWithItsPasswordRedacted() throws Exception {
    HttpFunction createUser = new CreateUser(new InMemoryKeyValueStore("users", ManualClock.startingAtEpochOf2030()));
    TestContext ctx = TestContext.create();

    HttpResponse response = createUser.handle(TestEvents.http("POST", "/users")
        .json(Map.of("name", "Ada", "password", "hunter2")).build(), ctx);

    assertThat(response.status()).isEqualTo(201);
    ctx.logs().assertLogged(LogLevel.INFO, "User created");
    assertThat(ctx.logs().containing("hunter2")).isEmpty();
    assertThat(ctx.logs().records().get(0)).containsEntry("password", "[REDACTED]");
  }
}
