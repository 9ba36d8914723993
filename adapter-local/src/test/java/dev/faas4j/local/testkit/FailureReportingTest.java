package dev.faas4j.local.testkit;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.BatchResult;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed invocation is visible where the test looks: in the result, its toString and the assertion helpers. */
class FailureReportingTest {

  private static HttpResponse order(dev.faas4j.event.HttpRequest request, dev.faas4j.InvocationContext context) {
    return HttpResponse.ok().text(request.pathParameter("orderId"));
  }

  @Test
  void aFailedHttpCallCarriesTheExceptionAndTheLoggedReason() {
    FunctionTester.HttpCaller orders = FunctionTester.http(route("GET /orders/{id}"),
        FailureReportingTest::order);

    HttpResult result = orders.invoke(TestEvents.http("GET", "/orders/42"));

    assertThat(result.status()).isEqualTo(500);
    Failure failure = result.failure().orElseThrow();
    assertThat(failure.exceptionType()).contains("IllegalArgumentException");
    assertThat(failure.exceptionMessage()).contains("No path parameter 'orderId'; the matched route declares [id]");
    assertThat(failure.logged()).singleElement().asString().startsWith("ERROR Invocation failed");
    assertThatThrownBy(() -> result.assertStatus(200)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected status 200 but was 500: java.lang.IllegalArgumentException: "
            + "No path parameter 'orderId'; the matched route declares [id]")
        .hasMessageContaining("logged: ERROR Invocation failed");
  }

  @Test
  void aSuccessfulCallHasNoFailureAndPassesItsAssertion() {
    HttpResult result = FunctionTester.http((request, context) -> HttpResponse.ok().text("fine"))
        .invoke(TestEvents.http("GET", "/"));

    assertThat(result.failure()).isEmpty();
    assertThat(result.assertStatus(200).toString()).isEqualTo("200: fine");
  }

  @Test
  void aRoutingFailureHasNoExceptionButSaysWhy() {
    HttpResult result = FunctionTester.http(route("GET /orders/{id}"), FailureReportingTest::order)
        .invoke(TestEvents.http("GET", "/users/1"));

    assertThat(result.failure().orElseThrow().exception()).isEmpty();
    assertThatThrownBy(() -> result.assertStatus(200)).hasMessageContaining("404")
        .hasMessageContaining("No function serves /users/1");
  }

  @Test
  void rethrowingTesterThrowsTheFunctionsOwnException() {
    FunctionTester.HttpCaller orders = FunctionTester.http(route("GET /orders/{id}"),
        FailureReportingTest::order).rethrowing();

    assertThatThrownBy(() -> orders.call(TestEvents.http("GET", "/orders/42")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No path parameter 'orderId'");
  }

  @Test
  void rethrowingRethrowsCheckedAndClientErrorsAsTheyWere() {
    FunctionTester.HttpCaller bad = FunctionTester.http((request, context) -> {
      throw new InvalidEventException("Missing name");
    }).rethrowing();
    assertThatThrownBy(() -> bad.call(TestEvents.http("POST", "/"))).isInstanceOf(InvalidEventException.class);

    FunctionTester.QueueCaller queue = FunctionTester.queue((message, context) -> {
      throw new java.io.IOException("disk full");
    }).rethrowing();
    assertThatThrownBy(() -> queue.call(TestEvents.queueMessage("orders", "{}")))
        .isInstanceOf(java.io.IOException.class).hasMessage("disk full");
  }

  @Test
  void aFailedEventCarriesItsFailure() {
    FunctionTester.QueueCaller queue = FunctionTester.queue((message, context) -> {
      throw new IllegalStateException("stock for sku-1 is negative");
    });

    EventResult result = queue.invoke(TestEvents.queueMessage("orders", "{}"));

    assertThat(result.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThatThrownBy(result::assertSucceeded).hasMessageContaining("SERVER_ERROR: "
        + "java.lang.IllegalStateException: stock for sku-1 is negative")
        .hasMessageContaining("logged: ERROR Invocation failed");
  }

  @Test
  void aBatchNamesEachFailedMessageWithItsReason() {
    FunctionTester.QueueCaller queue = FunctionTester.queueBatch((messages, context) ->
        BatchResult.failed(List.of(messages.get(1).id())));
    var first = TestEvents.queueMessage("orders", "{}").id("m-1").build();
    var second = TestEvents.queueMessage("orders", "{}").id("m-2").build();

    BatchOutcome batch = queue.callBatch(List.of(first, second));

    assertThat(batch.failures()).containsOnlyKeys("m-2");
    assertThatThrownBy(batch::assertAllSucceeded)
        .hasMessageContaining("1 of 2 messages failed")
        .hasMessageContaining("m-2: SERVER_ERROR: reported failed by the function");
  }
}
