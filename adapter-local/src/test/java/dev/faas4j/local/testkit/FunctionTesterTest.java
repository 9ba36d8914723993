package dev.faas4j.local.testkit;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.faas4j.BatchResult;
import dev.faas4j.HttpFunction;
import dev.faas4j.RetryableException;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.local.testkit.ProcessOrder.Order;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionTesterTest {
  private final InMemoryKeyValueStore users = new InMemoryKeyValueStore("users", ManualClock.startingAtEpochOf2030());

  // ---------------------------------------------------------------- HTTP

  @Test
  void createsAUser() {
    HttpResponse response = FunctionTester.http(new CreateUser(users))
        .call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada", "password", "hunter2")));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("Location")).contains("/users/u-ada");
    assertThat(response.text()).isEqualTo("{\"id\":\"u-ada\"}");
    assertThat(users.get("u-ada")).isPresent();
  }

  @Test
  void answersAMissingNameWith400() {
    HttpResponse response = FunctionTester.http(new CreateUser(users))
        .call(TestEvents.http("POST", "/users").json(Map.of("password", "x")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).isEqualTo("Missing name");
    assertThat(users.get("u-ada")).isEmpty();
  }

  @Test
  void answersMalformedJsonWith400AsProductionDoes() {
    FunctionTester.HttpCaller createUser = FunctionTester.http(new CreateUser(users));

    HttpResponse response = createUser.call(TestEvents.http("POST", "/users").json("{\"name\":"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).contains("application/json");
    assertThat(response.text())
        .contains("\"error\":\"Bad Request\"")
        .contains("Request body is not valid JSON")
        .contains("\"invocationId\":\"test-invocation-1\"");
    createUser.logs().assertLogged(LogLevel.WARN, "Invocation rejected");
    createUser.logs().assertNoErrors();
  }

  @Test
  void answersAnUnexpectedFailureWith500WithoutTheStackTrace() {
    HttpFunction broken = (request, context) -> {
      throw new IllegalStateException("connection to db-7.internal refused");
    };
    FunctionTester.HttpCaller caller = FunctionTester.http(broken);

    HttpResponse response = caller.call(TestEvents.http("GET", "/health"));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.text())
        .isEqualTo("{\"error\":\"Internal Server Error\",\"message\":\"The function failed\","
            + "\"invocationId\":\"test-invocation-1\"}")
        .doesNotContain("IllegalStateException", "db-7", "at dev.");
    assertThat(caller.logs().atLevel(LogLevel.ERROR)).as("logged once, with the cause").singleElement()
        .asString().contains("Invocation failed", "java.lang.IllegalStateException", "db-7.internal");
  }

  @Test
  void answersARetryableFailureWith503() {
    HttpResponse response = FunctionTester.http((request, context) -> {
      throw new RetryableException("rate limited");
    }).call(TestEvents.http("GET", "/"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).contains("1");
  }

  @Test
  void routesByTheDeclaredRouteLikeAPlatform() {
    FunctionTester.HttpCaller getUser = FunctionTester.http(route("GET /users/{id}"),
        (request, context) -> HttpResponse.ok().text("user " + request.pathParameter("id")));

    assertThat(getUser.call(TestEvents.http("GET", "/users/42")).text()).isEqualTo("user 42");
    HttpResponse post = getUser.call(TestEvents.http("POST", "/users/42"));
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).contains("GET");
    assertThat(getUser.call(TestEvents.http("GET", "/orders/42")).status()).isEqualTo(404);
  }

  @Test
  void withoutARouteServesEveryPathWithNoPathParameters() {
    FunctionTester.HttpCaller echo = FunctionTester.http(
        (request, context) -> HttpResponse.ok().text(request.path() + " " + request.pathParameters()));

    assertThat(echo.call(TestEvents.http("DELETE", "/a/b")).text()).isEqualTo("/a/b {}");
  }

  @Test
  void capturedLogsShowThePasswordRedacted() {
    FunctionTester.HttpCaller createUser = FunctionTester.http(new CreateUser(users));

    createUser.call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada", "password", "hunter2")));

    createUser.logs().assertLogged(LogLevel.INFO, "User created");
    assertThat(createUser.logs().containing("hunter2")).isEmpty();
    assertThat(createUser.logs().records()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("password", "[REDACTED]")
        .containsEntry("function", "createUser")
        .containsEntry("invocationId", "test-invocation-1")
        .containsEntry("coldStart", true));
  }

  @Test
  void passesTheTraceparentHeaderToTheFunctionAndItsLogs() {
    FunctionTester.HttpCaller traced = FunctionTester.http((request, context) -> {
      context.logger().info("traced");
      return HttpResponse.ok().text(context.trace().map(TraceContext::traceId).orElse("none"));
    });

    HttpResponse response = traced.call(TestEvents.http("GET", "/")
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    assertThat(response.text()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(traced.logs().records().get(0)).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(traced.call(TestEvents.http("GET", "/")).text()).isEqualTo("none");
  }

  @Test
  void numbersInvocationsAndMarksOnlyTheFirstCold() {
    FunctionTester.HttpCaller hello = FunctionTester.http((request, context) -> {
      context.logger().info("hello");
      return HttpResponse.noContent().empty();
    });

    hello.call(TestEvents.http("GET", "/"));
    hello.call(TestEvents.http("GET", "/"));

    assertThat(hello.logs().records()).extracting(r -> r.get("invocationId"), r -> r.get("coldStart"))
        .containsExactly(tuple("test-invocation-1", true), tuple("test-invocation-2", false));
  }

  // ---------------------------------------------------------------- queues

  @Test
  void aPoisonMessageFailsAloneInItsBatch() {
    ProcessOrder processOrder = new ProcessOrder();
    FunctionTester.QueueCaller orders = FunctionTester.queue(processOrder);
    List<QueueMessage> batch = TestEvents.queueBatch("orders", new Order("o-1", 100), "not json", new Order("o-3", 300));

    BatchOutcome outcome = orders.callBatch(batch);

    assertThat(outcome.failedMessageIds()).containsExactly(batch.get(1).id());
    assertThat(outcome.outcomes().get(batch.get(1).id()).isPermanent()).isTrue();
    assertThat(outcome.outcomes().get(batch.get(0).id()).isSuccess()).isTrue();
    assertThat(processOrder.processed).containsExactly("o-1", "o-3");
    orders.logs().assertLogged(LogLevel.WARN, "Message body is not valid JSON");
    orders.logs().assertNoErrors();
  }

  @Test
  void anOrderedBatchStopsAtItsFirstFailure() {
    ProcessOrder processOrder = new ProcessOrder();
    FunctionTester.QueueCaller orders = FunctionTester.queue(queue("orders").fifo(), processOrder);
    List<QueueMessage> batch = TestEvents.queueBatch("orders",
        new Order("o-1", 100), new Order("o-2", -1), new Order("o-3", 300));

    BatchOutcome outcome = orders.callBatch(batch);

    assertThat(outcome.failedMessageIds()).containsExactly(batch.get(1).id(), batch.get(2).id());
    assertThat(processOrder.processed).containsExactly("o-1");
    orders.logs().assertLogged(LogLevel.ERROR, "Invocation failed");
  }

  @Test
  void oneMessageGivesItsOutcome() {
    FunctionTester.QueueCaller orders = FunctionTester.queue(new ProcessOrder());

    Outcome ok = orders.call(TestEvents.queueMessage("orders", new Order("o-1", 100)));
    Outcome failed = orders.call(TestEvents.queueMessage("orders", new Order("o-2", -1)).deliveryAttempt(2));

    assertThat(ok.isSuccess()).isTrue();
    assertThat(failed.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(failed.error()).containsInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBatchFunctionReportsItsOwnFailures() {
    FunctionTester.QueueCaller bulk = FunctionTester.queueBatch((messages, context) -> BatchResult.failed(
        messages.stream().filter(m -> m.text().startsWith("bad")).map(QueueMessage::id).toList()));
    List<QueueMessage> batch = TestEvents.queueBatch("orders", "good", "bad", "good too");

    BatchOutcome outcome = bulk.callBatch(batch);

    assertThat(outcome.failedMessageIds()).containsExactly(batch.get(1).id());
  }

  // ---------------------------------------------------------------- other events

  @Test
  void deliversStorageTopicAndScheduleEvents() {
    List<Object> seen = new ArrayList<>();

    Outcome object = FunctionTester.object((event, context) -> seen.add(event.key()))
        .call(TestEvents.objectCreated("raw-images", "a.jpg", new byte[] {1}));
    Outcome topic = FunctionTester.topic((message, context) -> seen.add(message.text()))
        .call(TestEvents.topicMessage("user-created", "u-1"));
    Outcome schedule = FunctionTester.schedule((event, context) -> seen.add(event.pastDue()))
        .call(TestEvents.schedule("dailyReport", Instant.parse("2030-01-01T02:00:00Z")).pastDue());

    assertThat(List.of(object, topic, schedule)).allMatch(Outcome::isSuccess);
    assertThat(seen).containsExactly("a.jpg", "u-1", true);
  }

  @Test
  void aRejectedEventIsAPermanentFailure() {
    Outcome outcome = FunctionTester.topic((message, context) -> message.json(Order.class))
        .call(TestEvents.topicMessage("user-created", "not json"));

    assertThat(outcome.isPermanent()).isTrue();
    assertThat(outcome.message()).contains("Message body is not valid JSON");
  }

  // ---------------------------------------------------------------- whole app

  @Test
  void callsAnAppsFunctionsByRouteAndByName() {
    ManualClock clock = ManualClock.startingAtEpochOf2030();
    InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
    ProcessOrder processOrder = new ProcessOrder();
    FunctionTester app = FunctionTester.forApp((functions, p) -> functions
        .http("createUser", route("POST /users"), new CreateUser(p.keyValueStore("users")))
        .onQueueMessage("processOrder", queue("orders"), processOrder)
        .onObject("thumbnail", bucket("raw-images"), (event, context) -> { }), platform);

    HttpResponse created = app.http().call(TestEvents.http("POST", "/users").json(Map.of("name", "Ada")));
    HttpResponse missing = app.http().call(TestEvents.http("GET", "/nothing"));
    Outcome processed = app.queue("processOrder").call(TestEvents.queueMessage("orders", new Order("o-1", 1)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(platform.keyValueStore("users").get("u-ada")).isPresent();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(processed.isSuccess()).isTrue();
    assertThat(app.logs().messages()).contains("User created", "Order processed");
  }

  @Test
  void refusesAFunctionNameTheAppDoesNotRegister() {
    FunctionTester app = FunctionTester.forApp((functions, p) -> functions
        .onQueueMessage("processOrder", queue("orders"), new ProcessOrder())
        .onObject("thumbnail", bucket("raw-images"), (event, context) -> { }));

    assertThatThrownBy(() -> app.queue("processOrders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processOrders")
        .hasMessageContaining("processOrder  queue orders");
    assertThatThrownBy(() -> app.queue("thumbnail")).isInstanceOf(IllegalArgumentException.class);
    assertThat(app.object("thumbnail").call(TestEvents.objectDeleted("raw-images", "a.jpg")).isSuccess()).isTrue();
  }

  @Test
  void theDeadlineFollowsThePlatformClock() {
    ManualClock clock = ManualClock.startingAtEpochOf2030();
    List<Duration> remaining = new ArrayList<>();
    FunctionTester app = FunctionTester.forApp((functions, p) -> functions.http("slow", route("GET /slow"),
        (request, context) -> {
          remaining.add(context.remainingTime());
          clock.advance(Duration.ofSeconds(45));
          remaining.add(context.remainingTime());
          return HttpResponse.noContent().empty();
        }), new InMemoryPlatform(clock, Map.of()));

    app.http().call(TestEvents.http("GET", "/slow"));

    assertThat(remaining).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(15));
  }
}
