package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.BatchResult;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.RetryableException;
import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.spi.log.CapturingSink;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DispatcherTest {
  private static final Instant T = CapturingSink.NOW;
  private static final Invocation INV = Invocation.of("inv-1", T.plusSeconds(30));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CapturingSink logs = new CapturingSink();
  private final List<String> calls = new ArrayList<>();

  private Dispatcher dispatcher(Consumer<Functions> configure) {
    FunctionRegistry registry = FunctionRegistry.of((f, p) -> configure.accept(f), new NoPorts());
    return new Dispatcher(registry, "test", logs.config());
  }

  private static HttpRequest get(String path) {
    return HttpRequest.builder("GET", path).build();
  }

  private static JsonNode json(HttpResponse r) {
    try {
      return MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A batch's outcomes keyed by message id, as adapters report them. */
  private record BatchOut(Map<String, Outcome> outcomes, List<String> failedMessageIds, DeliveryResult result) {
    boolean allSucceeded() {
      return result.allSucceeded();
    }
  }

  private static BatchOut batch(Dispatcher d, @Nullable String name, List<QueueMessage> messages,
      Invocation invocation, boolean ordered) {
    Delivery.Builder b = Delivery.builder(invocation).function(name).ordered(ordered);
    messages.forEach(b::event);
    DeliveryResult result = d.deliver(b.build());
    Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      outcomes.put(messages.get(i).id(), result.outcomes().get(i));
    }
    List<String> failed = result.failed().stream().map(i -> messages.get(i).id()).toList();
    return new BatchOut(outcomes, failed, result);
  }

  private static Outcome one(Dispatcher d, @Nullable String name, Event event, Invocation invocation) {
    DeliveryResult result = d.deliver(Delivery.of(name, invocation, event));
    assertThat(result.outcomes()).hasSize(1);
    assertThat(result.aggregate()).isEqualTo(result.outcomes().get(0));
    return result.outcomes().get(0);
  }

  private static QueueMessage msg(String id, String queue) {
    return QueueMessage.builder().id(id).queue(queue).time(T).body("{\"orderId\":\"" + id + "\"}").build();
  }

  private Dispatcher users() {
    return dispatcher(f -> f
        .http("getUser", route("GET /users/{id}"), (r, c) -> HttpResponse.ok().text("user " + r.pathParameter("id")))
        .http("me", route("GET /users/me"), (r, c) -> HttpResponse.ok().text("me"))
        .http("createUser", route("POST /users"), (r, c) -> HttpResponse.created().text("created"))
        .http("files", route("GET /files/{path+}"), (r, c) -> HttpResponse.ok().text(r.pathParameter("path"))));
  }

  // ------------------------------------------------------------------ HTTP routing

  @Test
  void routesByPathAndDeliversPathParameters() {
    Dispatcher d = users();

    assertThat(d.http(null, get("/users/42"), INV).text()).isEqualTo("user 42");
    assertThat(d.http(null, get("/files/2026/03/a.pdf"), INV).text()).isEqualTo("2026/03/a.pdf");
    assertThat(d.http(null, HttpRequest.builder("POST", "/users").build(), INV).status()).isEqualTo(201);
  }

  @Test
  void literalRouteWinsOverParameterRouteWhateverTheRegistrationOrder() {
    assertThat(users().http(null, get("/users/me"), INV).text()).isEqualTo("me");
  }

  @Test
  void unknownPathIsA404WithJsonBody() {
    HttpResponse r = users().http(null, get("/nope"), INV);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(json(r).get("error").asText()).isEqualTo("Not Found");
    assertThat(json(r).get("invocationId").asText()).isEqualTo("inv-1");
  }

  @Test
  void wrongMethodIsA405WithAllowHeaderAndJsonBody() {
    HttpResponse r = users().http(null, HttpRequest.builder("DELETE", "/users").build(), INV);

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).contains("POST");
    assertThat(json(r).get("error").asText()).isEqualTo("Method Not Allowed");
  }

  @Test
  void allowHeaderListsTheDeclaredMethods() {
    HttpResponse r = users().http(null, HttpRequest.builder("PUT", "/users/7").build(), INV);

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).contains("GET");
  }

  @Test
  void headIsServedByGetRouteUnlessAHeadRouteExists() {
    Dispatcher d = dispatcher(f -> f
        .http("get", route("GET /a"), (r, c) -> HttpResponse.ok().text("get"))
        .http("head", route("HEAD /a"), (r, c) -> HttpResponse.ok().text("head"))
        .http("getB", route("GET /b"), (r, c) -> HttpResponse.ok().text("getB")));

    assertThat(d.http(null, HttpRequest.builder("HEAD", "/a").build(), INV).text()).isEqualTo("head");
    assertThat(d.http(null, HttpRequest.builder("HEAD", "/b").build(), INV).text()).isEqualTo("getB");
    assertThat(d.http(null, get("/a"), INV).text()).isEqualTo("get");
  }

  @Test
  void namedFunctionIsCalledWithItsPathParameters() {
    HttpResponse r = users().http("getUser", get("/users/7"), INV);

    assertThat(r.text()).isEqualTo("user 7");
  }

  @Test
  void namingAMissingOrNonHttpFunctionIsA500AndLoggedOnce() {
    Dispatcher d = dispatcher(f -> f
        .http("a", route("GET /a"), (r, c) -> HttpResponse.ok().empty())
        .onQueueMessage("q", queue("orders"), (m, c) -> {}));

    assertThat(d.http("nope", get("/a"), INV).status()).isEqualTo(500);
    assertThat(d.http("q", get("/a"), INV).status()).isEqualTo(500);
    assertThat(logs.at("ERROR")).hasSize(2);
  }

  // ------------------------------------------------------------------ HTTP error policy

  @Test
  void invalidEventIsA400WithItsMessageLoggedOnceAtWarn() {
    Dispatcher d = dispatcher(f -> f.http("createUser", route("POST /users"), (r, c) -> {
      throw new InvalidEventException("Missing name");
    }));

    HttpResponse r = d.http(null, HttpRequest.builder("POST", "/users").build(), INV);

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).isEqualTo("Missing name");
    assertThat(logs.records()).hasSize(1);
    JsonNode line = logs.records().get(0);
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.at("/error/type").asText()).isEqualTo(InvalidEventException.class.getName());
    assertThat(line.at("/error/message").asText()).isEqualTo("Missing name");
    assertThat(line.at("/error/stack").isArray()).isTrue();
    assertThat(line.at("/error/stack/0").asText()).contains("DispatcherTest");
    assertThat(line.get("function").asText()).isEqualTo("createUser");
    assertThat(line.get("invocationId").asText()).isEqualTo("inv-1");
  }

  @Test
  void malformedJsonBodyIsA400() {
    record NewUser(String name) {}
    Dispatcher d = dispatcher(f -> f.http("createUser", route("POST /users"),
        (r, c) -> HttpResponse.ok().json(r.json(NewUser.class))));

    HttpResponse r = d.http(null, HttpRequest.builder("POST", "/users").body("{\"name\":").build(), INV);

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).startsWith("Request body is not valid JSON");
  }

  @Test
  void clientErrorLogLeavesOutTheParserCauseThatQuotesThePayload() {
    record Order(int amount) {}
    Dispatcher d = dispatcher(f -> f.http("order", route("POST /orders"),
        (r, c) -> HttpResponse.ok().json(r.json(Order.class))));

    HttpResponse r = d.http(null, HttpRequest.builder("POST", "/orders").body("{\"amount\":\"4111-1111\"}").build(),
        INV);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("'amount'").doesNotContain("4111");
    assertThat(logs.lines()).singleElement().asString().contains("'amount'").doesNotContain("4111");
  }

  @Test
  void retryableIsA503WithRetryAfterAndJsonBody() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      throw new RetryableException("inventory service down");
    }));

    HttpResponse r = d.http(null, get("/a"), INV);

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Retry-After")).contains("1");
    assertThat(json(r).get("error").asText()).isEqualTo("Service Unavailable");
    assertThat(json(r).toString()).doesNotContain("inventory");
    assertThat(logs.records()).hasSize(1);
  }

  @Test
  void otherExceptionIsA500WithOnlyErrorMessageAndInvocationId() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      throw new IllegalStateException("jdbc:postgresql://db.internal/users password=hunter2",
          new IOException("connection reset"));
    }));

    HttpResponse r = d.http(null, get("/a"), INV);

    assertThat(r.status()).isEqualTo(500);
    JsonNode body = json(r);
    assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("error", "message", "invocationId");
    assertThat(r.text()).doesNotContain("hunter2", "jdbc", "IllegalState", "connection reset", "at dev.");
    assertThat(body.get("invocationId").asText()).isEqualTo("inv-1");
  }

  @Test
  void serverErrorIsLoggedOnceAsStructuredErrorWithStackAndCause() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      throw new IllegalStateException("boom", new IOException("connection reset"));
    }));

    d.http(null, get("/a"), INV);

    assertThat(logs.records()).hasSize(1);
    JsonNode line = logs.records().get(0);
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.at("/error/stack").isArray()).isTrue();
    assertThat(line.at("/error/stack/0").asText()).contains("DispatcherTest");
    assertThat(line.at("/error/cause/type").asText()).isEqualTo("java.io.IOException");
    assertThat(line.get("outcome").asText()).isEqualTo("SERVER_ERROR");
  }

  @Test
  void nullResponseIsA500() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> null));

    assertThat(d.http(null, get("/a"), INV).status()).isEqualTo(500);
    assertThat(logs.at("ERROR")).hasSize(1);
  }

  @Test
  void aBadResponseHeaderNameIsA500NotA400() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"),
        (r, c) -> HttpResponse.ok().header("X Bad", "1").empty()));

    assertThat(d.http(null, get("/a"), INV).status()).isEqualTo(500);
  }

  @Test
  void outOfMemoryIsNotSwallowed() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      throw new OutOfMemoryError("Java heap space");
    }));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.http(null, get("/a"), INV))
        .isInstanceOf(OutOfMemoryError.class);
  }

  // ------------------------------------------------------------------ context

  @Test
  void coldStartIsTrueOnlyForTheFirstInvocation() {
    List<Boolean> cold = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      cold.add(c.coldStart());
      c.logger().info("served");
      return HttpResponse.ok().empty();
    }));

    d.http(null, get("/a"), INV);
    d.http(null, get("/a"), Invocation.of("inv-2", T.plusSeconds(30)));
    d.http(null, get("/a"), Invocation.of("inv-3", T.plusSeconds(30)));

    assertThat(cold).containsExactly(true, false, false);
    assertThat(logs.records()).extracting(n -> n.get("coldStart").asBoolean()).containsExactly(true, false, false);
  }

  @Test
  void contextCarriesInvocationFunctionTraceAndDeadline() {
    TraceContext trace = TraceContext.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .orElseThrow();
    List<InvocationContext> seen = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> {
      seen.add(c);
      c.logger().info("hello");
      return HttpResponse.ok().empty();
    }));

    d.http(null, get("/a"), new Invocation("inv-9", T.plusSeconds(5), Optional.of(trace)));

    InvocationContext c = seen.get(0);
    assertThat(c.invocationId()).isEqualTo("inv-9");
    assertThat(c.functionName()).isEqualTo("a");
    assertThat(c.platform()).isEqualTo("test");
    // The invocation's own span in the caller's trace, the caller's span as its parent.
    assertThat(c.trace().orElseThrow().traceId()).isEqualTo(trace.traceId());
    assertThat(c.trace().orElseThrow().parentSpanId()).contains(trace.spanId());
    assertThat(c.trace().orElseThrow().spanId()).isNotEqualTo(trace.spanId());
    assertThat(c.remainingTime()).hasSeconds(5);
    assertThat(logs.records().get(0).get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(logs.records().get(0).get("spanId").asText()).isEqualTo(c.trace().orElseThrow().spanId());
  }

  // ------------------------------------------------------------------ queue batches

  @Test
  void runsEachMessageAndReportsPartialFailures() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("processOrder", queue("orders").batchSize(10), (m, c) -> {
      calls.add(m.id());
      if (m.id().equals("m-2")) {
        throw new IllegalStateException("card declined");
      }
      if (m.id().equals("m-4")) {
        throw new InvalidEventException("Message body is not valid JSON");
      }
    }));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders"), msg("m-2", "orders"), msg("m-3", "orders"),
        msg("m-4", "orders")), INV, false);

    assertThat(calls).containsExactly("m-1", "m-2", "m-3", "m-4");
    assertThat(out.failedMessageIds()).containsExactly("m-2", "m-4");
    assertThat(out.outcomes().get("m-1").isSuccess()).isTrue();
    assertThat(out.outcomes().get("m-2").status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(out.outcomes().get("m-4").status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(out.outcomes().get("m-4").isPermanent()).isTrue();
    assertThat(out.allSucceeded()).isFalse();
    assertThat(logs.records()).hasSize(2);
    assertThat(logs.at("ERROR").get(0).get("messageId").asText()).isEqualTo("m-2");
    assertThat(logs.at("WARN").get(0).get("messageId").asText()).isEqualTo("m-4");
  }

  @Test
  void orderedBatchStopsAtTheFirstFailureWithoutInvokingTheRest() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("processOrder", queue("orders.fifo").fifo(), (m, c) -> {
      calls.add(m.id());
      if (m.id().equals("m-2")) {
        throw new IllegalStateException("card declined");
      }
    }));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders.fifo"), msg("m-2", "orders.fifo"),
        msg("m-3", "orders.fifo"), msg("m-4", "orders.fifo")), INV, false);

    assertThat(calls).containsExactly("m-1", "m-2");
    assertThat(out.failedMessageIds()).containsExactly("m-2", "m-3", "m-4");
    assertThat(out.outcomes().get("m-3").isSuccess()).isFalse();
    assertThat(logs.records()).hasSize(1);
  }

  @Test
  void orderedFlagFromTheAdapterAlsoStops() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("stream"), (m, c) -> {
      calls.add(m.id());
      throw new RetryableException("throttled");
    }));

    BatchOut out = batch(d, null, List.of(msg("1", "stream"), msg("2", "stream")), INV, true);

    assertThat(calls).containsExactly("1");
    assertThat(out.failedMessageIds()).containsExactly("1", "2");
    assertThat(out.outcomes().get("1").status()).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
  }

  @Test
  void emptyBatchSucceeds() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("orders"), (m, c) -> calls.add(m.id())));

    assertThat(batch(d, null, List.of(), INV, false).allSucceeded()).isTrue();
    assertThat(calls).isEmpty();
  }

  @Test
  void batchFunctionResultIsHonoured() {
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("orders").batchSize(10),
        (ms, c) -> BatchResult.failed(List.of("m-2", "ghost"))));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders"), msg("m-2", "orders"), msg("m-3", "orders")),
        INV, false);

    assertThat(out.failedMessageIds()).containsExactly("m-2");
    assertThat(out.outcomes().get("m-1").isSuccess()).isTrue();
    assertThat(out.outcomes().get("m-3").isSuccess()).isTrue();
    assertThat(logs.at("WARN")).singleElement().satisfies(line -> {
      assertThat(line.get("messageId").asText()).isEqualTo("ghost");
      assertThat(line.get("message").asText()).contains("not in the batch");
    });
  }

  @Test
  void orderedBatchFunctionFailsEverythingAfterTheFirstReportedFailure() {
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("orders.fifo").fifo(),
        (ms, c) -> BatchResult.failed(Set.of("m-2"))));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders.fifo"), msg("m-2", "orders.fifo"),
        msg("m-3", "orders.fifo")), INV, false);

    assertThat(out.failedMessageIds()).containsExactly("m-2", "m-3");
  }

  @Test
  void batchFunctionExceptionFailsAllAndIsLoggedOnce() {
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("orders"), (ms, c) -> {
      throw new IllegalStateException("bulk insert failed");
    }));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders"), msg("m-2", "orders")), INV, false);

    assertThat(out.failedMessageIds()).containsExactly("m-1", "m-2");
    assertThat(logs.records()).hasSize(1);
  }

  @Test
  void batchFunctionReturningNullFailsAll() {
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("orders"), (ms, c) -> null));

    assertThat(batch(d, null, List.of(msg("m-1", "orders")), INV, false).failedMessageIds())
        .containsExactly("m-1");
  }

  @Test
  void batchFunctionGetsAnUnmodifiableCopy() {
    List<Boolean> modifiable = new ArrayList<>();
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("orders"), (ms, c) -> {
      try {
        ms.clear();
        modifiable.add(true);
      } catch (UnsupportedOperationException e) {
        modifiable.add(false);
      }
      return BatchResult.success();
    }));

    batch(d, null, new ArrayList<>(List.of(msg("m-1", "orders"))), INV, false);

    assertThat(modifiable).containsExactly(false);
  }

  @Test
  void batchGoesToTheFunctionOfItsQueueWhenSingleAndBatchFunctionsAreMixed() {
    Dispatcher d = dispatcher(f -> f
        .onQueueMessage("orders", queue("orders"), (m, c) -> calls.add("orders:" + m.id()))
        .onQueueBatch("payments", queue("payments"), (ms, c) -> {
          ms.forEach(m -> calls.add("payments:" + m.id()));
          return BatchResult.success();
        }));

    batch(d, null, List.of(msg("p-1", "payments")), INV, false);
    batch(d, null, List.of(msg("o-1", "orders")), INV, false);

    assertThat(calls).containsExactly("payments:p-1", "orders:o-1");
  }

  @Test
  void singleQueueMessageGivesItsOutcome() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("orders"), (m, c) -> {
      throw new RetryableException("later");
    }));

    Outcome o = one(d, null, msg("m-1", "orders"), INV);

    assertThat(o.status()).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
    assertThat(o.error()).get().isInstanceOf(RetryableException.class);
  }

  @Test
  void messagesOfAQueueNoFunctionConsumesAreSkippedOnce() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> HttpResponse.ok().empty()));

    BatchOut out = batch(d, null, List.of(msg("m-1", "orders"), msg("m-2", "orders")), INV, false);

    assertThat(out.failedMessageIds()).isEmpty();
    assertThat(out.outcomes().get("m-1").status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(out.result().aggregate().status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(logs.at("INFO")).singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).startsWith("Event skipped"));
  }

  @Test
  void namingAFunctionThatIsNotRegisteredFailsEveryMessage() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("orders"), (m, c) -> calls.add(m.id())));

    BatchOut out = batch(d, "missing", List.of(msg("m-1", "orders"), msg("m-2", "orders")), INV, false);

    assertThat(out.failedMessageIds()).containsExactly("m-1", "m-2");
    assertThat(out.outcomes().get("m-1").message()).contains("'missing' is not registered");
    assertThat(logs.at("ERROR")).hasSize(1);
    assertThat(calls).isEmpty();
  }

  @Test
  void aRejectedRecordFailsAloneAndIsLoggedOnceWithItsId() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("orders").batchSize(10), (m, c) -> calls.add(m.id())));

    DeliveryResult r = d.deliver(Delivery.builder(INV).event(msg("m-1", "orders"))
        .rejected("m-2", new InvalidEventException("Records[1].body must be a string"))
        .event(msg("m-3", "orders")).build());

    assertThat(calls).containsExactly("m-1", "m-3");
    assertThat(r.failed()).containsExactly(1);
    assertThat(r.outcomes().get(1).status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(logs.at("WARN")).singleElement().satisfies(line -> {
      assertThat(line.get("message").asText()).isEqualTo("Event rejected: Records[1].body must be a string");
      assertThat(line.get("itemId").asText()).isEqualTo("m-2");
      assertThat(line.get("function").asText()).isEqualTo("p");
      assertThat(line.get("invocationId").asText()).isEqualTo("inv-1");
      assertThat(line.get("error").get("type").asText()).isEqualTo(InvalidEventException.class.getName());
    });
  }

  @Test
  void anOrderedDeliveryRunsNothingAfterARejectedRecord() {
    Dispatcher d = dispatcher(f -> f.onQueueBatch("bulk", queue("stream").batchSize(10), (ms, c) -> {
      ms.forEach(m -> calls.add(m.id()));
      return BatchResult.success();
    }));

    DeliveryResult r = d.deliver(Delivery.builder(INV).ordered(true).event(msg("1", "stream"))
        .rejected("2", new InvalidEventException("bad record")).event(msg("3", "stream")).build());

    assertThat(calls).containsExactly("1");
    assertThat(r.failed()).containsExactly(1, 2);
    assertThat(r.outcomes().get(2).status()).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
  }

  @Test
  void duplicateMessageIdsInOneBatchKeepTheirOwnOutcomes() {
    Dispatcher d = dispatcher(f -> f.onQueueMessage("p", queue("orders").batchSize(10), (m, c) -> {
      if (m.body().length == 0) {
        throw new IllegalStateException("empty");
      }
    }));
    QueueMessage empty = QueueMessage.builder().id("same").queue("orders").time(T).build();

    DeliveryResult r = d.deliver(Delivery.builder(INV).event(msg("same", "orders")).event(empty).build());

    assertThat(r.failed()).containsExactly(1);
  }

  // ------------------------------------------------------------------ single events

  private Dispatcher events() {
    return dispatcher(f -> f
        .onObject("thumbnail", bucket("raw-images").suffix(".jpg"), (e, c) -> calls.add("thumbnail:" + e.key()))
        .onObject("archive", bucket("archive"), (e, c) -> calls.add("archive:" + e.key()))
        .onTopicMessage("welcomeEmail", topic("user-created"), (m, c) -> calls.add("welcome:" + m.id()))
        .onTopicMessage("crmSync", topic("user-created"), (m, c) -> calls.add("crm:" + m.id()))
        .onTopicMessage("audit", topic("audit"), (m, c) -> calls.add("audit:" + m.id()))
        .onSchedule("dailyReport", cron("0 2 * * *"), (e, c) -> calls.add("daily"))
        .onSchedule("hourly", cron("@hourly"), (e, c) -> calls.add("hourly")));
  }

  private static ObjectEvent upload(String bucket, String key) {
    return ObjectEvent.builder().id("e-1").bucket(bucket).key(key).time(T).build();
  }

  private static TopicMessage published(String topic) {
    return TopicMessage.builder().id("t-1").topic(topic).time(T).build();
  }

  @Test
  void selectsObjectFunctionByTrigger() {
    Dispatcher d = events();

    assertThat(one(d, null, upload("raw-images", "cat.jpg"), INV).isSuccess()).isTrue();
    assertThat(one(d, null, upload("archive", "2026.tar"), INV).isSuccess()).isTrue();

    assertThat(calls).containsExactly("thumbnail:cat.jpg", "archive:2026.tar");
  }

  @Test
  void selectsTopicFunctionByTriggerOrName() {
    Dispatcher d = events();

    one(d, null, published("audit"), INV);
    one(d, "crmSync", published("user-created"), INV);

    assertThat(calls).containsExactly("audit:t-1", "crm:t-1");
  }

  @Test
  void ambiguousEventWithoutNameIsAnErrorOutcome() {
    Dispatcher d = events();

    Outcome o = one(d, null, published("user-created"), INV);

    assertThat(o.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(o.message()).contains("FAAS4J_FUNCTION");
    assertThat(calls).isEmpty();
    assertThat(logs.at("ERROR")).hasSize(1);
  }

  @Test
  void namingAFunctionOfAnotherKindIsAnErrorOutcome() {
    Outcome o = one(events(), "dailyReport", published("audit"), INV);

    assertThat(o.isSuccess()).isFalse();
    assertThat(o.message()).contains("dailyReport");
    assertThat(calls).isEmpty();
  }

  @Test
  void selectsScheduleFunctionByScheduleName() {
    Dispatcher d = events();

    one(d, null, ScheduleEvent.of("r-1", "hourly", T, T, false), INV);
    one(d, null, ScheduleEvent.of("r-2", "dailyReport", T, T, true), INV);

    assertThat(calls).containsExactly("hourly", "daily");
  }

  @Test
  void anEventForAnotherResourceIsSkippedEvenWhenOnlyOneFunctionIsOfItsKind() {
    Dispatcher d = dispatcher(f -> f.onTopicMessage("only", topic("a"), (m, c) -> calls.add(m.topic())));

    Outcome o = one(d, null, published("renamed-in-deployment"), INV);

    assertThat(o.status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(o.isSuccess()).isTrue();
    assertThat(calls).isEmpty();
    assertThat(logs.records()).singleElement().satisfies(line -> {
      assertThat(line.get("level").asText()).isEqualTo("INFO");
      assertThat(line.get("message").asText()).isEqualTo("Event skipped: no topic function's trigger matches it");
      assertThat(line.get("eventId").asText()).isEqualTo("t-1");
    });
  }

  private static dev.faas4j.event.CloudEvent auditLog(String source) {
    return dev.faas4j.event.CloudEvent.builder().id("ce-1").source(source)
        .type("google.cloud.audit.log.v1.written").data("{}").build();
  }

  @Test
  void aCloudEventReachesTheFunctionWhoseTypeAndSourceMatch() {
    Dispatcher d = dispatcher(f -> f
        .onCloudEvent("audit", dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.audit.log.v1.written")
            .source("//cloudaudit.googleapis.com/projects/p"), (e, c) -> calls.add("audit:" + e.id()))
        .onCloudEvent("any", dev.faas4j.trigger.Triggers.cloudEvent("com.example.thing"),
            (e, c) -> calls.add("thing:" + e.id())));

    assertThat(one(d, null, auditLog("//cloudaudit.googleapis.com/projects/p"), INV).status())
        .isEqualTo(Outcome.Status.SUCCESS);
    assertThat(one(d, null, auditLog("//cloudaudit.googleapis.com/projects/other"), INV).status())
        .isEqualTo(Outcome.Status.SKIPPED);
    assertThat(one(d, "audit", auditLog("//cloudaudit.googleapis.com/projects/other"), INV).status())
        .as("a named function still applies its filter").isEqualTo(Outcome.Status.SKIPPED);
    assertThat(calls).containsExactly("audit:ce-1");
  }

  @Test
  void aCloudEventFunctionThatFailsIsReportedLikeAnyOther() {
    Dispatcher d = dispatcher(f -> f.onCloudEvent("audit",
        dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.audit.log.v1.written"), (e, c) -> {
          throw new InvalidEventException("no method name");
        }));

    assertThat(one(d, null, auditLog("//x"), INV).status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
  }

  @Test
  void adaptersAskWhetherACloudEventTypeIsClaimedBeforeMappingItToAPortableKind() {
    Dispatcher d = dispatcher(f -> f
        .onCloudEvent("raw", dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.storage.object.v1.finalized"),
            (e, c) -> { })
        .onObject("thumbs", bucket("images"), (e, c) -> { }));

    assertThat(d.takesAsCloudEvent(null, "google.cloud.storage.object.v1.finalized", "//storage")).isTrue();
    assertThat(d.takesAsCloudEvent(null, "google.cloud.storage.object.v1.deleted", "//storage")).isFalse();
    assertThat(d.takesAsCloudEvent("raw", "anything", "//x")).as("the named function decides").isTrue();
    assertThat(d.takesAsCloudEvent("thumbs", "google.cloud.storage.object.v1.finalized", "//storage")).isFalse();
    assertThat(d.takesAsCloudEvent("missing", "t", "s")).isFalse();
  }

  @Test
  void aNamedFunctionStillAppliesItsTriggerFilters() {
    // The recursive-trigger trap: a thumbnailer on in/ must not run for the thumbnails it writes to out/.
    Dispatcher d = dispatcher(f -> f.onObject("thumbnail", bucket("images").prefix("in/").suffix(".jpg"),
        (e, c) -> calls.add(e.key())));

    assertThat(one(d, "thumbnail", upload("images", "in/cat.jpg"), INV).status()).isEqualTo(Outcome.Status.SUCCESS);
    assertThat(one(d, "thumbnail", upload("images", "out/cat.jpg"), INV).status())
        .isEqualTo(Outcome.Status.SKIPPED);
    assertThat(one(d, "thumbnail", upload("images", "in/cat.png"), INV).status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(one(d, "thumbnail", upload("other", "in/cat.jpg"), INV).status()).isEqualTo(Outcome.Status.SKIPPED);
    ObjectEvent deleted = ObjectEvent.builder().id("e-2").bucket("images").key("in/cat.jpg")
        .kind(dev.faas4j.event.ObjectEventKind.DELETED).time(T).build();
    assertThat(one(d, "thumbnail", deleted, INV).status()).isEqualTo(Outcome.Status.SKIPPED);

    assertThat(calls).containsExactly("in/cat.jpg");
    assertThat(logs.at("INFO")).extracting(line -> line.get("message").asText()).containsExactly(
        "Event skipped: function 'thumbnail' is triggered by keys starting with 'in/' and ending with '.jpg' only",
        "Event skipped: function 'thumbnail' is triggered by keys starting with 'in/' and ending with '.jpg' only",
        "Event skipped: function 'thumbnail' is triggered by bucket 'images', not 'other'",
        "Event skipped: function 'thumbnail' is not triggered by DELETED events");
  }

  @Test
  void aNamedFunctionSkipsMessagesOfAnotherQueueOrTopic() {
    Dispatcher d = dispatcher(f -> f
        .onQueueMessage("orders", queue("orders"), (m, c) -> calls.add(m.id()))
        .onTopicMessage("audit", topic("audit"), (m, c) -> calls.add(m.id())));

    assertThat(batch(d, "orders", List.of(msg("m-1", "payments")), INV, false).outcomes().get("m-1").status())
        .isEqualTo(Outcome.Status.SKIPPED);
    assertThat(one(d, "audit", published("signups"), INV).status()).isEqualTo(Outcome.Status.SKIPPED);
    assertThat(calls).isEmpty();
  }

  @Test
  void aNamedScheduleFunctionTakesTheScheduleThePlatformFiredForIt() {
    Dispatcher d = dispatcher(f -> f
        .onSchedule("report", cron("@daily"), (e, c) -> calls.add("report:" + e.schedule()))
        .onSchedule("cleanup", cron("@hourly"), (e, c) -> calls.add("cleanup:" + e.schedule())));

    assertThat(one(d, "cleanup", ScheduleEvent.of("r-1", "acme-prod-CleanupRule-1X2Y", T, T, false), INV)
        .status()).isEqualTo(Outcome.Status.SUCCESS);
    assertThat(calls).containsExactly("cleanup:acme-prod-CleanupRule-1X2Y");
  }

  @Test
  void theOnlyScheduleFunctionTakesAScheduleEventOfAnotherName() {
    Dispatcher d = dispatcher(f -> f.onSchedule("report", cron("@daily"), (e, c) -> calls.add(e.schedule())));

    assertThat(one(d, null, ScheduleEvent.of("r-1", "acme-prod-report-rule", T, T, false), INV).status())
        .isEqualTo(Outcome.Status.SUCCESS);
    assertThat(calls).containsExactly("acme-prod-report-rule");
  }

  @Test
  void severalEventsAggregateToTheFailureARetryCanHelp() {
    Dispatcher d = dispatcher(f -> f.onObject("t", bucket("raw"), (e, c) -> {
      switch (e.key()) {
        case "bad" -> throw new InvalidEventException("not an image");
        case "later" -> throw new RetryableException("throttled");
        default -> calls.add(e.key());
      }
    }));
    ObjectEvent bad = upload("raw", "bad");
    ObjectEvent later = upload("raw", "later");
    ObjectEvent good = upload("raw", "good");
    ObjectEvent elsewhere = upload("elsewhere", "x");

    DeliveryResult mixed = d.deliver(Delivery.builder(INV).event(bad).event(later).event(good).build());
    DeliveryResult onlyBad = d.deliver(Delivery.builder(INV).event(good).event(bad).build());
    DeliveryResult skippedAndGood = d.deliver(Delivery.builder(INV).event(elsewhere).event(good).build());

    assertThat(mixed.aggregate().status()).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
    assertThat(mixed.failed()).containsExactly(0, 1);
    assertThat(onlyBad.aggregate().status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(skippedAndGood.aggregate().status()).isEqualTo(Outcome.Status.SUCCESS);
    assertThat(calls).containsExactly("good", "good", "good");
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void oneDispatcherServesConcurrentInvocationsWithoutMixingThem() throws Exception {
    Dispatcher d = dispatcher(f -> f
        .http("echo", route("GET /echo/{word}"), (r, c) -> {
          c.logger().info("echo", "word", r.pathParameter("word"));
          return HttpResponse.ok().text(c.invocationId() + ":" + r.pathParameter("word"));
        })
        .onQueueMessage("orders", queue("orders").batchSize(10), (m, c) -> {
          c.logger().info("order", "body", m.text());
          if (m.text().startsWith("bad")) {
            throw new IllegalStateException("declined");
          }
        }));
    int threads = 16;
    int perThread = 50;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          String id = "inv-" + thread + "-" + i;
          Invocation inv = Invocation.of(id, T.plusSeconds(30));
          if (i % 2 == 0) {
            HttpResponse r = d.http(null, get("/echo/w" + thread + "x" + i), inv);
            if (!r.text().equals(id + ":w" + thread + "x" + i)) {
              problems.add(id + " got " + r.text());
            }
          } else {
            String body = (i % 3 == 0 ? "bad-" : "ok-") + id;
            DeliveryResult r = d.deliver(Delivery.builder(inv).event(QueueMessage.builder().id("m-" + id)
                .queue("orders").time(T).body(body).build()).build());
            if (r.allSucceeded() == body.startsWith("bad")) {
              problems.add(id + " outcome " + r.aggregate());
            }
          }
        }
        return problems;
      }));
    }
    start.countDown();
    List<String> problems = new ArrayList<>();
    for (java.util.concurrent.Future<List<String>> f : results) {
      problems.addAll(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(problems).isEmpty();
    List<JsonNode> lines = logs.records();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(threads * perThread);
    for (JsonNode line : lines) {
      String id = line.get("invocationId").asText();
      String own = line.has("word") ? line.get("word").asText() : line.has("body") ? line.get("body").asText() : null;
      if (own != null) {
        // every line names its own invocation: inv-T-I carries word wTxI or body ok-/bad-inv-T-I
        String expected = own.startsWith("w") ? "inv-" + own.substring(1).replace('x', '-') : own.substring(own.indexOf("inv-"));
        assertThat(id).as(line.toString()).isEqualTo(expected);
      }
    }
  }

  // ------------------------------------------------------------------ the edge

  @Test
  void theGuardMapsUnmappableInputToARejectionAndAnythingElseToAServerError() {
    Dispatcher d = dispatcher(f -> f.onObject("t", bucket("raw"), (e, c) -> {}));

    Outcome rejected = d.guard(INV, () -> {
      throw new InvalidEventException("Lambda event is not valid JSON");
    }, o -> o);
    Outcome failed = d.guard(INV, () -> {
      throw new IOException("broken pipe");
    }, o -> o);
    String fine = d.guard(INV, () -> "ok", o -> "failed");

    assertThat(rejected.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(failed.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(fine).isEqualTo("ok");
    assertThat(logs.at("WARN")).singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).isEqualTo(
            "Event rejected: Lambda event is not valid JSON"));
    assertThat(logs.at("ERROR")).singleElement().satisfies(line -> {
      assertThat(line.get("message").asText()).isEqualTo("Invocation failed in the test adapter");
      assertThat(line.get("error").get("type").asText()).isEqualTo(IOException.class.getName());
    });
  }

  @Test
  void theGuardLetsThePlatformSignalThrough() {
    Dispatcher d = dispatcher(f -> f.onObject("t", bucket("raw"), (e, c) -> {}));
    FunctionFailedException signal = new FunctionFailedException("t", Outcome.skipped("x"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.guard(INV, () -> {
      throw signal;
    }, o -> o)).isSameAs(signal);
  }

  @Test
  void failureIsTheGuardsPolicyForEntryPointsThatCatchThemselves() {
    Dispatcher d = dispatcher(f -> f.onObject("t", bucket("raw"), (e, c) -> {}));
    FunctionFailedException signal = new FunctionFailedException("t", Outcome.skipped("x"));

    Outcome rejected = d.failure(INV, new InvalidEventException("HTTP path has an invalid percent-escape"));
    Outcome failed = d.failure(INV, new IllegalStateException("writer broke"));

    assertThat(rejected.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(rejected.message()).isEqualTo("HTTP path has an invalid percent-escape");
    assertThat(failed.status()).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(logs.at("WARN")).singleElement().satisfies(line -> assertThat(line.get("message").asText())
        .isEqualTo("Event rejected: HTTP path has an invalid percent-escape"));
    assertThat(logs.at("ERROR")).singleElement().satisfies(line ->
        assertThat(line.get("error").get("type").asText()).isEqualTo(IllegalStateException.class.getName()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.failure(INV, signal)).isSameAs(signal);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.failure(INV, new OutOfMemoryError("test")))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void rejectedHttpRequestIsA400WithTheReasonLoggedOnce() {
    Dispatcher d = dispatcher(f -> f.http("a", route("GET /a"), (r, c) -> HttpResponse.ok().empty()));

    HttpResponse r = d.rejectHttp(INV, new InvalidEventException("body is not valid base64"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).isEqualTo("body is not valid base64");
    assertThat(logs.records()).hasSize(1);
  }

  @Test
  void singleEventFailuresAreClassifiedAndLoggedOnce() {
    Dispatcher d = dispatcher(f -> f.onObject("t", bucket("raw"), (e, c) -> {
      throw new InvalidEventException("not an image");
    }));

    Outcome o = one(d, null, upload("raw", "x.txt"), INV);

    assertThat(o.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(o.message()).isEqualTo("not an image");
    assertThat(logs.at("WARN")).hasSize(1);
    assertThat(logs.records()).hasSize(1);
  }

  // ------------------------------------------------------------------ classification

  @ParameterizedTest
  @EnumSource(PortException.Reason.class)
  void classifiesPortExceptionsByReason(PortException.Reason reason) {
    Outcome.Status expected = reason.retryable() ? Outcome.Status.RETRYABLE_ERROR
        : reason == PortException.Reason.INVALID_ARGUMENT ? Outcome.Status.CLIENT_ERROR
        : Outcome.Status.SERVER_ERROR;

    assertThat(Dispatcher.classify(new KeyValueStoreException(reason, "x"))).isEqualTo(expected);
    assertThat(Dispatcher.classify(new ObjectStorageException(reason, "x"))).isEqualTo(expected);
  }

  @Test
  void classifiesFunctionExceptions() {
    assertThat(Dispatcher.classify(new InvalidEventException("bad"))).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(Dispatcher.classify(new RetryableException("later"))).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
    assertThat(Dispatcher.classify(new IllegalArgumentException("bug"))).isEqualTo(Outcome.Status.SERVER_ERROR);
    assertThat(Dispatcher.classify(new Exception("checked"))).isEqualTo(Outcome.Status.SERVER_ERROR);
  }

  @Test
  void oneEventDeliveredAloneIsSelectedRunAndAnsweredAsADeliveryOfIt() {
    Consumer<Functions> app = f -> f
        .onQueueMessage("orders", queue("orders"), (m, c) -> {
          calls.add("orders " + m.id() + " " + c.invocationId());
          if (m.id().equals("boom")) {
            throw new IllegalStateException("boom");
          }
        })
        .onQueueBatch("bulk", queue("bulk"), (ms, c) -> {
          calls.add("bulk " + ms.size());
          return BatchResult.failed(List.of(ms.get(0).id()));
        })
        .onTopicMessage("news", topic("news"), (m, c) -> calls.add("news " + m.id()));
    List<Object[]> cases = List.of(
        new Object[] {null, msg("m-1", "orders")}, new Object[] {"orders", msg("m-2", "orders")},
        new Object[] {"orders", msg("boom", "orders")}, new Object[] {null, msg("x", "elsewhere")},
        new Object[] {"orders", msg("y", "elsewhere")}, new Object[] {"news", msg("z", "orders")},
        new Object[] {"missing", msg("z", "orders")}, new Object[] {"bulk", msg("b", "bulk")},
        new Object[] {null, published("news")}, new Object[] {"orders", published("news")});

    for (Object[] c : cases) {
      String name = (String) c[0];
      Event event = (Event) c[1];
      int before = logs.lines().size();
      Outcome viaDelivery = dispatcher(app).deliver(Delivery.of(name, INV, event)).aggregate();
      List<String> deliveryCalls = List.copyOf(calls);
      List<JsonNode> deliveryLogs = withoutStacks(logs.lines().subList(before, logs.lines().size()));
      calls.clear();
      before = logs.lines().size();

      Outcome alone = dispatcher(app).deliverOne(name, INV, event);

      assertThat(alone.status()).as(name + " " + event.id()).isEqualTo(viaDelivery.status());
      assertThat(alone.message()).isEqualTo(viaDelivery.message());
      assertThat(calls).isEqualTo(deliveryCalls);
      assertThat(withoutStacks(logs.lines().subList(before, logs.lines().size()))).isEqualTo(deliveryLogs);
      calls.clear();
    }
  }

  /** Log records without the error's stack, whose frames name the dispatch path taken. */
  private static List<JsonNode> withoutStacks(List<String> lines) {
    List<JsonNode> records = new ArrayList<>();
    for (String line : lines) {
      JsonNode r = CapturingSink.parseLine(line);
      if (r.path("error").isObject()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("error")).remove("stack");
      }
      records.add(r);
    }
    return records;
  }
}
