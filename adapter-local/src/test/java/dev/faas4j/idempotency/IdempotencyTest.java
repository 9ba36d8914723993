package dev.faas4j.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.HttpFunction;
import dev.faas4j.ObjectFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.ScheduleFunction;
import dev.faas4j.TopicFunction;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import dev.faas4j.idempotency.TestContext.CapturingLogger;
import dev.faas4j.internal.Json;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.PortException;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final long WAIT_SECONDS = 30;

  private final TestClock clock = new TestClock(START);
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore("idempotency", clock);
  private final CapturingLogger log = new CapturingLogger();
  private final AtomicInteger invocations = new AtomicInteger();
  private final Idempotency idem = Idempotency.builder(store).build();

  // ---------------------------------------------------------------- HTTP

  @Test
  void executesOnceAndReplaysTheStoredResponseToDuplicates() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http((request, context) -> {
      calls.incrementAndGet();
      return HttpResponse.created().header("Location", "/orders/42").header("X-Trace", "a").header("X-Trace", "b")
          .cookie("session=abc; HttpOnly").cookie("theme=dark").json(Map.of("id", 42));
    });

    HttpResponse first = fn.handle(order("key-1", "{\"item\":\"book\"}"), context());
    HttpResponse second = fn.handle(order("key-1", "{\"item\":\"book\"}"), context());

    assertThat(calls).hasValue(1);
    assertThat(first.header(Idempotency.REPLAYED_HEADER)).isEmpty();
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.text()).isEqualTo("{\"id\":42}");
    assertThat(second.header("Content-Type")).contains("application/json");
    assertThat(second.header("Location")).contains("/orders/42");
    assertThat(second.headers().all("X-Trace")).containsExactly("a", "b");
    assertThat(second.cookies()).containsExactly("session=abc; HttpOnly", "theme=dark");
    assertThat(second.header("Idempotent-Replayed")).contains("true");
  }

  @Test
  void replaysAnEmptyBodyAsEmpty() throws Exception {
    HttpFunction fn = idem.http((request, context) -> HttpResponse.noContent().empty());

    fn.handle(order("key-1", "{}"), context());
    HttpResponse replay = fn.handle(order("key-1", "{}"), context());

    assertThat(replay.status()).isEqualTo(204);
    assertThat(replay.body()).isEmpty();
    assertThat(replay.header("Content-Type")).isEmpty();
  }

  @Test
  void acceptsTheDraftsQuotedKeyAsTheSameKeyAsABareOne() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));

    fn.handle(order("\"key-1\"", "{}"), context());
    HttpResponse replay = fn.handle(order("key-1", "{}"), context());

    assertThat(calls).hasValue(1);
    assertThat(replay.header(Idempotency.REPLAYED_HEADER)).contains("true");
  }

  @Test
  void rejectsSameKeyWithDifferentPayload() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));
    fn.handle(order("key-1", "{\"item\":\"book\"}"), context());

    HttpResponse otherBody = fn.handle(order("key-1", "{\"item\":\"pen\"}"), context());
    HttpResponse otherPath = fn.handle(HttpRequest.builder("POST", "/refunds").header("Idempotency-Key", "key-1")
        .body("{\"item\":\"book\"}").build(), context());
    HttpResponse otherMethod = fn.handle(HttpRequest.builder("PUT", "/orders").header("Idempotency-Key", "key-1")
        .body("{\"item\":\"book\"}").build(), context());

    assertThat(calls).hasValue(1);
    for (HttpResponse r : List.of(otherBody, otherPath, otherMethod)) {
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.header("Content-Type")).contains("application/json");
      assertThat(Json.tree(r.body(), "problem").path("error").asText()).isEqualTo("Unprocessable Content");
    }
  }

  @Test
  void answersConflictWithRetryAfterWhileTheFirstRequestIsInProgress() throws Exception {
    List<HttpResponse> duringFirst = new ArrayList<>();
    HttpFunction[] wrapped = new HttpFunction[1];
    wrapped[0] = idem.http((request, context) -> {
      if (invocations.incrementAndGet() == 1) {
        clock.advance(Duration.ofSeconds(10));
        duringFirst.add(wrapped[0].handle(order("key-1", "{}"), context()));
        duringFirst.add(wrapped[0].handle(order("key-1", "{\"other\":1}"), context()));
      }
      return HttpResponse.ok().text("done");
    });

    HttpResponse first = wrapped[0].handle(order("key-1", "{}"), context());

    assertThat(first.text()).isEqualTo("done");
    assertThat(invocations).hasValue(1);
    HttpResponse busy = duringFirst.get(0);
    assertThat(busy.status()).isEqualTo(409);
    // The lease has 50 s left (it ends with the first call's deadline); the client is asked back after the cap.
    assertThat(busy.header("Retry-After")).contains("2");
    assertThat(Json.tree(busy.body(), "problem").path("error").asText()).isEqualTo("Conflict");
    assertThat(duringFirst.get(1).status()).isEqualTo(422);
  }

  @Test
  void takesOverAClaimWhoseLeaseExpiredAndTheLateFinisherKeepsItsOwnResult() throws Exception {
    HttpFunction[] wrapped = new HttpFunction[1];
    List<HttpResponse> takeover = new ArrayList<>();
    wrapped[0] = idem.http((request, context) -> {
      int n = invocations.incrementAndGet();
      if (n == 1) {
        clock.advance(TIMEOUT.plusSeconds(1)); // past the first invocation's deadline: its lease has lapsed
        takeover.add(wrapped[0].handle(order("key-1", "{}"), context()));
      }
      return HttpResponse.ok().text("run " + n);
    });

    HttpResponse late = wrapped[0].handle(order("key-1", "{}"), context());
    HttpResponse replay = wrapped[0].handle(order("key-1", "{}"), context());

    assertThat(invocations).hasValue(2);
    assertThat(takeover.get(0).text()).isEqualTo("run 2");
    assertThat(late.text()).isEqualTo("run 1");
    assertThat(replay.text()).isEqualTo("run 2");
    assertThat(log.lines).anySatisfy(line -> {
      assertThat(line.level()).isEqualTo(LogLevel.WARN);
      assertThat(line.message()).contains("taken over");
    });
  }

  @Test
  void takesOverTheClaimOfAnInvocationThatCrashed() throws Exception {
    Ledger ledger = new Ledger(store, Duration.ofHours(1));
    String recordKey = "idem:createOrder:key-1";
    HttpRequest request = order("key-1", "{}");
    assertThat(ledger.claim(recordKey, Fingerprint.of(request), START, START.plusSeconds(30)))
        .isInstanceOf(Ledger.Claimed.class); // and then the process died
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));

    assertThat(fn.handle(request, context()).status()).isEqualTo(409);
    clock.advance(Duration.ofSeconds(30));
    HttpResponse afterLease = fn.handle(request, context());

    assertThat(afterLease.status()).isEqualTo(200);
    assertThat(afterLease.header(Idempotency.REPLAYED_HEADER)).isEmpty();
    assertThat(calls).hasValue(1);
  }

  @Test
  void leaseIsCappedByMaxLeaseWhenTheDeadlineIsFarOff() throws Exception {
    Idempotency shortLease = Idempotency.builder(store).maxLease(Duration.ofSeconds(5))
        .maxRetryAfter(Duration.ofMinutes(1)).build();
    List<HttpResponse> duringFirst = new ArrayList<>();
    HttpFunction[] wrapped = new HttpFunction[1];
    wrapped[0] = shortLease.http((request, context) -> {
      if (invocations.incrementAndGet() == 1) {
        duringFirst.add(wrapped[0].handle(order("key-1", "{}"), context()));
      }
      return HttpResponse.ok().text("done");
    });

    wrapped[0].handle(order("key-1", "{}"), context());

    assertThat(duringFirst.get(0).header("Retry-After")).contains("5");
  }

  @Test
  void retryAfterIsTheLeasesRemainingTimeCappedByMaxRetryAfter() throws Exception {
    Idempotency capped = Idempotency.builder(store).maxRetryAfter(Duration.ofSeconds(10)).build();
    List<HttpResponse> duringFirst = new ArrayList<>();
    HttpFunction[] wrapped = new HttpFunction[1];
    wrapped[0] = capped.http((request, context) -> {
      if (invocations.incrementAndGet() == 1) {
        duringFirst.add(wrapped[0].handle(order("key-1", "{}"), context())); // 60 s of lease left
        clock.advance(TIMEOUT.minusMillis(2_500));
        duringFirst.add(wrapped[0].handle(order("key-1", "{}"), context())); // 2.5 s left
      }
      return HttpResponse.ok().text("done");
    });

    wrapped[0].handle(order("key-1", "{}"), context());

    assertThat(duringFirst).extracting(HttpResponse::status).containsExactly(409, 409);
    assertThat(duringFirst.get(0).header("Retry-After")).contains("10");
    assertThat(duringFirst.get(1).header("Retry-After")).contains("3");
  }

  @Test
  void keysAreScopedByTheCallersAuthorizationSoAnotherCallerNeverGetsTheStoredResponse() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));

    HttpResponse alice = fn.handle(withHeader(order("key-1", "{}"), "Authorization", "Bearer alice"), context());
    HttpResponse mallory = fn.handle(withHeader(order("key-1", "{}"), "Authorization", "Bearer mallory"),
        context());
    HttpResponse aliceAgain = fn.handle(withHeader(order("key-1", "{}"), "Authorization", "Bearer alice"),
        context());

    assertThat(calls).hasValue(2);
    assertThat(mallory.text()).isEqualTo("call 2");
    assertThat(mallory.header(Idempotency.REPLAYED_HEADER)).isEmpty();
    assertThat(aliceAgain.text()).isEqualTo(alice.text());
    assertThat(aliceAgain.header(Idempotency.REPLAYED_HEADER)).contains("true");
    assertThat(store.scan("idem:", null, 10).entries()).hasSize(2)
        .allSatisfy(e -> assertThat(e.key()).startsWith("idem:createOrder:caller-").doesNotContain("alice")
            .doesNotContain("mallory"));
  }

  @Test
  void callerHeaderAndCallerScopeChooseWhatIdentifiesTheCaller() throws Exception {
    AtomicInteger byApiKey = new AtomicInteger();
    HttpFunction apiKeyScoped = Idempotency.builder(store).callerHeader("X-Api-Key").build().http(counting(byApiKey));
    apiKeyScoped.handle(withHeader(order("key-1", "{}"), "X-Api-Key", "k1"), context());
    apiKeyScoped.handle(withHeader(withHeader(order("key-1", "{}"), "X-Api-Key", "k2"), "Authorization", "x"),
        context());
    assertThat(byApiKey).hasValue(2);

    AtomicInteger shared = new AtomicInteger();
    HttpFunction unscoped = Idempotency.builder(store).keyPrefix("shared:").callerScope(r -> Optional.empty())
        .build().http(counting(shared));
    unscoped.handle(withHeader(order("key-1", "{}"), "Authorization", "Bearer alice"), context());
    HttpResponse other = unscoped.handle(withHeader(order("key-1", "{}"), "Authorization", "Bearer bob"),
        context());
    assertThat(shared).hasValue(1);
    assertThat(other.header(Idempotency.REPLAYED_HEADER)).contains("true");
  }

  @Test
  void failureReleasesTheKeySoARetryRunsAgain() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    HttpFunction fn = idem.http((request, context) -> {
      if (invocations.incrementAndGet() == 1) {
        throw boom;
      }
      return HttpResponse.ok().text("second try");
    });

    assertThatThrownBy(() -> fn.handle(order("key-1", "{}"), context())).isSameAs(boom);
    HttpResponse retry = fn.handle(order("key-1", "{}"), context());
    HttpResponse replay = fn.handle(order("key-1", "{}"), context());

    assertThat(invocations).hasValue(2);
    assertThat(retry.text()).isEqualTo("second try");
    assertThat(replay.header(Idempotency.REPLAYED_HEADER)).contains("true");
    assertThat(boom.getSuppressed()).isEmpty();
  }

  @Test
  void serverErrorResponsesAreNotStored() throws Exception {
    HttpFunction fn = idem.http((request, context) -> invocations.incrementAndGet() == 1
        ? HttpResponse.status(503).text("down") : HttpResponse.ok().text("up"));

    assertThat(fn.handle(order("key-1", "{}"), context()).status()).isEqualTo(503);
    HttpResponse retry = fn.handle(order("key-1", "{}"), context());

    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.header(Idempotency.REPLAYED_HEADER)).isEmpty();
    assertThat(invocations).hasValue(2);
  }

  @Test
  void clientErrorResponsesAreStoredAndReplayed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http((request, context) -> {
      calls.incrementAndGet();
      return HttpResponse.status(400).text("no such item");
    });

    fn.handle(order("key-1", "{}"), context());
    HttpResponse replay = fn.handle(order("key-1", "{}"), context());

    assertThat(calls).hasValue(1);
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.text()).isEqualTo("no such item");
  }

  @Test
  void runsAgainOnceTheRecordExpired() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = Idempotency.builder(store).expiry(Duration.ofHours(1)).build().http(counting(calls));

    fn.handle(order("key-1", "{}"), context());
    clock.advance(Duration.ofMinutes(59));
    fn.handle(order("key-1", "{}"), context());
    assertThat(calls).hasValue(1);

    clock.advance(Duration.ofMinutes(2));
    HttpResponse afterExpiry = fn.handle(order("key-1", "{}"), context());

    assertThat(calls).hasValue(2);
    assertThat(afterExpiry.header(Idempotency.REPLAYED_HEADER)).isEmpty();
  }

  @Test
  void requestsWithoutTheHeaderPassThroughUntouched() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpResponse response = HttpResponse.ok().text("fresh");
    HttpFunction fn = idem.http((request, context) -> {
      calls.incrementAndGet();
      return response;
    });
    HttpRequest noKey = HttpRequest.builder("POST", "/orders").body("{}").build();

    assertThat(fn.handle(noKey, context())).isSameAs(response);
    assertThat(fn.handle(noKey, context())).isSameAs(response);
    assertThat(calls).hasValue(2);
    assertThat(store.scan("", null, 10).entries()).isEmpty();
  }

  @Test
  void requireHttpKeyAnswersMissingKeysWith400() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = Idempotency.builder(store).requireHttpKey().build().http(counting(calls));

    HttpResponse response = fn.handle(HttpRequest.builder("POST", "/orders").body("{}").build(), context());

    assertThat(response.status()).isEqualTo(400);
    assertThat(Json.tree(response.body(), "problem").path("message").asText())
        .isEqualTo("The Idempotency-Key header is required");
    assertThat(calls).hasValue(0);
  }

  @Test
  void rejectsHostileHttpKeysWith400WithoutEchoingThem() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));

    for (String key : List.of("k".repeat(256), "bad\u0000key", "bad\nkey", "bad\u2028key", "   ", "\"\"")) {
      HttpResponse response = fn.handle(order(key, "{}"), context());
      assertThat(response.status()).as("key %s", key.length()).isEqualTo(400);
      assertThat(response.text()).doesNotContain("bad").doesNotContain("kkk");
    }
    assertThat(calls).hasValue(0);
    assertThat(fn.handle(order("k".repeat(255), "{}"), context()).status()).isEqualTo(200);
  }

  @Test
  void longMultiByteKeysAreHashedToFitTheStore() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));
    String key = "ключ".repeat(63); // 252 characters but 504 UTF-8 bytes: with the prefix, over the store's 512

    fn.handle(order(key, "{}"), context());
    HttpResponse replay = fn.handle(order(key, "{}"), context());

    assertThat(calls).hasValue(1);
    assertThat(replay.header(Idempotency.REPLAYED_HEADER)).contains("true");
    assertThat(store.scan("idem:createOrder:sha256:", null, 10).entries()).hasSize(1);
  }

  @Test
  void customHttpKeyExtractorChoosesTheKey() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls), r -> r.header("X-Request-Id"));
    HttpRequest request = HttpRequest.builder("POST", "/orders").header("X-Request-Id", "r-1").body("{}").build();

    fn.handle(request, context());
    HttpResponse replay = fn.handle(request, context());
    fn.handle(order("key-1", "{}"), context()); // no X-Request-Id: passes through

    assertThat(calls).hasValue(2);
    assertThat(replay.header(Idempotency.REPLAYED_HEADER)).contains("true");
  }

  @Test
  void keysAreScopedByFunctionName() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpFunction fn = idem.http(counting(calls));

    fn.handle(order("key-1", "{}"), context("createOrder"));
    fn.handle(order("key-1", "{}"), context("createRefund"));

    assertThat(calls).hasValue(2);
    assertThat(store.get("idem:createOrder:key-1")).isPresent();
    assertThat(store.get("idem:createRefund:key-1")).isPresent();
  }

  // ---------------------------------------------------------------- events

  @Test
  void eventsSkipDuplicateDeliveries() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    QueueFunction fn = idem.queue((message, context) -> calls.incrementAndGet());

    fn.handle(message("m-1", "{\"order\":1}", 1), context());
    fn.handle(message("m-1", "{\"order\":1}", 2), context());

    assertThat(calls).hasValue(1);
    assertThat(log.lines).anySatisfy(line -> {
      assertThat(line.level()).isEqualTo(LogLevel.INFO);
      assertThat(line.message()).isEqualTo("Duplicate delivery skipped");
      assertThat(line.fields()).containsEntry("eventId", "m-1").containsEntry("idempotencyKey", "m-1");
    });
  }

  @Test
  void aDuplicateLogNamesTheIdempotencyKeyUsedNotOnlyTheMessageId() throws Exception {
    QueueFunction fn = idem.queue((message, context) -> { }, m -> "order-" + m.text().length());

    fn.handle(message("m-1", "{\"order\":1}", 1), context());
    fn.handle(message("m-2", "{\"order\":1}", 1), context());

    assertThat(log.lines).anySatisfy(line -> {
      assertThat(line.message()).isEqualTo("Duplicate delivery skipped");
      assertThat(line.fields()).containsEntry("idempotencyKey", "order-11").containsEntry("eventId", "m-2");
    });
  }

  @Test
  void everyEventKindSkipsDuplicates() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TopicFunction topic = idem.topic((m, c) -> calls.incrementAndGet());
    ObjectFunction object = idem.object((e, c) -> calls.incrementAndGet());
    ScheduleFunction schedule = idem.schedule((e, c) -> calls.incrementAndGet());
    TopicMessage published = TopicMessage.builder().id("t-1").topic("users").time(START).body("{}").build();
    ObjectEvent uploaded = objectEvent("o-1", "etag-1");
    ScheduleEvent run = ScheduleEvent.of("s-1", "daily", START, START, false);

    for (int i = 0; i < 2; i++) {
      topic.handle(published, context());
      object.handle(uploaded, context());
      schedule.handle(run, context());
    }

    assertThat(calls).hasValue(3);
  }

  @Test
  void reusedEventIdWithDifferentPayloadIsAPermanentFailure() throws Exception {
    QueueFunction fn = idem.queue((message, context) -> invocations.incrementAndGet());
    fn.handle(message("m-1", "{\"order\":1}", 1), context());

    Throwable thrown = catchFrom(() -> fn.handle(message("m-1", "{\"order\":2}", 1), context()));

    assertThat(thrown).isInstanceOf(IdempotencyKeyReuseException.class).isInstanceOf(InvalidEventException.class)
        .hasMessageNotContaining("order");
    assertThat(Dispatcher.classify(thrown)).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(invocations).hasValue(1);
  }

  @Test
  void objectEventsWithTheSameIdButAnotherVersionAreRejected() throws Exception {
    ObjectFunction fn = idem.object((event, context) -> invocations.incrementAndGet());
    fn.handle(objectEvent("o-1", "etag-1"), context());

    assertThatThrownBy(() -> fn.handle(objectEvent("o-1", "etag-2"), context()))
        .isInstanceOf(IdempotencyKeyReuseException.class);
  }

  @Test
  void eventInProgressElsewhereIsRetryable() throws Exception {
    List<Throwable> duringFirst = new ArrayList<>();
    QueueFunction[] wrapped = new QueueFunction[1];
    wrapped[0] = idem.queue((message, context) -> {
      if (invocations.incrementAndGet() == 1) {
        duringFirst.add(catchFrom(() -> wrapped[0].handle(message("m-1", "{}", 2), context())));
      }
    });

    wrapped[0].handle(message("m-1", "{}", 1), context());

    assertThat(invocations).hasValue(1);
    Throwable busy = duringFirst.get(0);
    assertThat(busy).isInstanceOf(IdempotencyInProgressException.class);
    assertThat(((IdempotencyInProgressException) busy).leaseUntil()).isEqualTo(START.plus(TIMEOUT));
    assertThat(Dispatcher.classify(busy)).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
  }

  @Test
  void eventFailureIsRethrownUnchangedAndTheRedeliveryRunsAgain() throws Exception {
    Exception checked = new java.io.IOException("disk full");
    QueueFunction fn = idem.queue((message, context) -> {
      if (invocations.incrementAndGet() == 1) {
        throw checked;
      }
    });

    assertThatThrownBy(() -> fn.handle(message("m-1", "{}", 1), context())).isSameAs(checked);
    fn.handle(message("m-1", "{}", 2), context());
    fn.handle(message("m-1", "{}", 3), context());

    assertThat(invocations).hasValue(2);
  }

  @Test
  void customEventKeyExtractorDeduplicatesAcrossIds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    QueueFunction fn = idem.queue((message, context) -> calls.incrementAndGet(),
        m -> m.attribute("orderId").orElseThrow());

    fn.handle(QueueMessage.builder().id("m-1").queue("orders").time(START).body("{}")
        .attributes(Map.of("orderId", "o-7")).build(), context());
    fn.handle(QueueMessage.builder().id("m-2").queue("orders").time(START).body("{}")
        .attributes(Map.of("orderId", "o-7")).build(), context());

    assertThat(calls).hasValue(1);
    assertThat(store.get("idem:createOrder:o-7")).isPresent();
  }

  @Test
  void rejectsHostileEventKeysAsInvalidEvents() {
    QueueFunction byId = idem.queue((message, context) -> invocations.incrementAndGet());
    QueueFunction byAttribute = idem.queue((message, context) -> invocations.incrementAndGet(),
        m -> m.attribute("k").orElse(""));

    assertThatThrownBy(() -> byId.handle(message("m-\u0001", "{}", 1), context()))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("control character");
    assertThatThrownBy(() -> byAttribute.handle(QueueMessage.builder().id("m-1").queue("orders").time(START)
        .attributes(Map.of("k", "x".repeat(300))).build(), context()))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("at most 255");
    assertThatThrownBy(() -> byAttribute.handle(message("m-1", "{}", 1), context()))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("blank");
    assertThat(invocations).hasValue(0);
  }

  // ---------------------------------------------------------------- store failures

  @Test
  void storeFailuresPropagateSoTheDispatcherCanRetry() {
    KeyValueStoreException down = new KeyValueStoreException(PortException.Reason.UNAVAILABLE, "table unavailable");
    Idempotency broken = Idempotency.builder(new FailingStore(store, down, 0)).build();
    QueueFunction fn = broken.queue((message, context) -> invocations.incrementAndGet());

    assertThatThrownBy(() -> fn.handle(message("m-1", "{}", 1), context())).isSameAs(down);
    assertThat(Dispatcher.classify(down)).isEqualTo(Outcome.Status.RETRYABLE_ERROR);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void aStoreFailureWhileReleasingDoesNotHideTheFunctionsFailure() {
    KeyValueStoreException down = new KeyValueStoreException(PortException.Reason.UNAVAILABLE, "table unavailable");
    IllegalStateException boom = new IllegalStateException("boom");
    Idempotency flaky = Idempotency.builder(new FailingStore(store, down, 1)).build();
    QueueFunction fn = flaky.queue((message, context) -> {
      throw boom;
    });

    assertThatThrownBy(() -> fn.handle(message("m-1", "{}", 1), context())).isSameAs(boom);
    assertThat(boom.getSuppressed()).containsExactly(down);
  }

  @Test
  void unreadableRecordsFailLoudlyWithoutEchoingThem() {
    store.put("idem:createOrder:m-1", "secret-ish garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    QueueFunction fn = idem.queue((message, context) -> invocations.incrementAndGet());

    assertThatThrownBy(() -> fn.handle(message("m-1", "{}", 1), context()))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("garbage");
    assertThat(invocations).hasValue(0);
  }

  // ---------------------------------------------------------------- configuration

  @Test
  void buildRejectsInvalidSettingsNamingTheValue() {
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expiry must be positive; got PT0S");
    assertThatThrownBy(() -> Idempotency.builder(store).maxLease(Duration.ofSeconds(-1)).build())
        .hasMessage("maxLease must be positive; got PT-1S");
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(Duration.ofMinutes(5)).build())
        .hasMessage("maxLease must not exceed expiry (PT5M), or a claim could vanish mid-run; got PT15M");
    assertThatThrownBy(() -> Idempotency.builder(store).keyPrefix("a\nb").build())
        .hasMessage("keyPrefix must not contain control characters; got one at index 1");
    assertThatThrownBy(() -> Idempotency.builder(store).keyPrefix("p".repeat(65)).build())
        .hasMessage("keyPrefix must have at most 64 characters; got 65");
    assertThatThrownBy(() -> Idempotency.builder(store).maxRetryAfter(Duration.ofMillis(500)).build())
        .hasMessage("maxRetryAfter must be at least 1 s; got PT0.5S");
  }

  @Test
  void usesTheConfiguredKeyPrefix() throws Exception {
    QueueFunction fn = Idempotency.builder(store).keyPrefix("dedupe/").build()
        .queue((message, context) -> invocations.incrementAndGet());

    fn.handle(message("m-1", "{}", 1), context());

    assertThat(store.get("dedupe/createOrder:m-1")).isPresent();
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentDeliveriesOfOneQueueEventExecuteItExactlyOnce() throws Exception {
    int threads = 32;
    CountDownLatch arrived = new CountDownLatch(threads);
    AtomicInteger executions = new AtomicInteger();
    QueueFunction fn = idem.queue((message, context) -> {
      executions.incrementAndGet();
      // Hold the claim until every delivery has reached the wrapper, so they truly overlap.
      assertThat(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    });
    QueueMessage message = message("m-1", "{\"order\":1}", 1);

    List<@Nullable Throwable> results = race(threads, arrived, () -> {
      try {
        fn.handle(message, context());
        return null;
      } catch (IdempotencyInProgressException e) {
        return e;
      }
    });

    assertThat(executions).hasValue(1);
    // One delivery ran it; the rest either found it completed (no-op) or in progress (redelivered later).
    // Any other outcome would have failed its future. Both kinds are possible, depending on how threads interleave.
    assertThat(results).hasSize(threads).filteredOn(Objects::nonNull)
        .allSatisfy(r -> assertThat(r).isInstanceOf(IdempotencyInProgressException.class));
  }

  @Test
  void concurrentHttpDuplicatesExecuteOnceAndGetTheResponseOrConflict() throws Exception {
    int threads = 32;
    CountDownLatch arrived = new CountDownLatch(threads);
    AtomicInteger executions = new AtomicInteger();
    HttpFunction fn = idem.http((request, context) -> {
      executions.incrementAndGet();
      assertThat(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      return HttpResponse.created().text("order 42");
    });

    List<HttpResponse> responses = race(threads, arrived, () -> fn.handle(order("key-1", "{}"), context()));

    assertThat(executions).hasValue(1);
    assertThat(responses).filteredOn(r -> r.status() == 201 && r.header(Idempotency.REPLAYED_HEADER).isEmpty())
        .hasSize(1);
    assertThat(responses).allSatisfy(r -> {
      if (r.status() == 409) {
        assertThat(r.header("Retry-After")).isPresent();
      } else {
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text()).isEqualTo("order 42");
      }
    });
  }

  /**
   * Runs {@code call} on {@code threads} threads released together; each counts {@code arrived} down just before
   * calling, and the results come back in submission order.
   */
  private static <T> List<T> race(int threads, CountDownLatch arrived, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          if (!start.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("start gate never opened");
          }
          arrived.countDown();
          return call.call();
        }));
      }
      assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
  }

  // ---------------------------------------------------------------- helpers

  private TestContext context() {
    return context("createOrder");
  }

  private TestContext context(String functionName) {
    return new TestContext("inv-" + invocations.get(), functionName, clock.instant().plus(TIMEOUT), clock, log);
  }

  private static HttpRequest order(String key, String body) {
    return HttpRequest.builder("POST", "/orders").header("Idempotency-Key", key).body(body).build();
  }

  private static HttpRequest withHeader(HttpRequest request, String name, String value) {
    return request.toBuilder().header(name, value).build();
  }

  private static QueueMessage message(String id, String body, int attempt) {
    return QueueMessage.builder().id(id).queue("orders").time(START).body(body).deliveryAttempt(attempt).build();
  }

  private static ObjectEvent objectEvent(String id, String etag) {
    return ObjectEvent.builder().id(id).bucket("raw-images").key("cat.jpg").time(START).etag(etag).build();
  }

  private static HttpFunction counting(AtomicInteger calls) {
    return (request, context) -> HttpResponse.ok().text("call " + calls.incrementAndGet());
  }

  private static Throwable catchFrom(ThrowingCall call) {
    try {
      call.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  /** Delegates to a store, but its writes fail after {@code okWrites} successful ones. */
  private static final class FailingStore implements KeyValueStore {
    private final KeyValueStore delegate;
    private final KeyValueStoreException failure;
    private int okWrites;

    FailingStore(KeyValueStore delegate, KeyValueStoreException failure, int okWrites) {
      this.delegate = delegate;
      this.failure = failure;
      this.okWrites = okWrites;
    }

    private void write() {
      if (okWrites-- <= 0) {
        throw failure;
      }
    }

    @Override
    public String table() {
      return delegate.table();
    }

    @Override
    public Optional<KeyValueEntry> get(String key) {
      if (okWrites <= 0) {
        throw failure;
      }
      return delegate.get(key);
    }

    @Override
    public long put(String key, byte[] value, @Nullable Duration ttl) {
      write();
      return delegate.put(key, value, ttl);
    }

    @Override
    public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
      write();
      return delegate.putIfAbsent(key, value, ttl);
    }

    @Override
    public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
      write();
      return delegate.compareAndSet(key, expectedVersion, value, ttl);
    }

    @Override
    public boolean delete(String key) {
      return delegate.delete(key);
    }

    @Override
    public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
      return delegate.scan(prefix, pageToken, pageSize);
    }
  }
}
