package dev.faas4j.local.testkit;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AppHarnessTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Test
  void objectWriteFiresEverySubscriberOnceAndFiltersHold() {
    AppHarness app = AppHarness.start((f, p) -> {
      f.onObject("all", bucket("raw"), (e, c) -> calls.add("all:" + e.key()));
      f.onObject("jpgs", bucket("raw").suffix(".jpg"), (e, c) -> calls.add("jpgs:" + e.key()));
      f.onObject("incoming", bucket("raw").prefix("in/"), (e, c) -> calls.add("incoming:" + e.key()));
      f.onObject("deletes", bucket("raw").on(ObjectEventKind.DELETED), (e, c) -> calls.add("deletes:" + e.key()));
    });

    app.objectStorage("raw").put("in/cat.jpg", bytes("meow"));
    app.objectStorage("raw").put("dog.png", bytes("woof"));
    app.drain();
    assertThat(calls).containsExactlyInAnyOrder("all:in/cat.jpg", "jpgs:in/cat.jpg", "incoming:in/cat.jpg",
        "all:dog.png");

    calls.clear();
    app.objectStorage("raw").delete("dog.png");
    app.drain();
    assertThat(calls).containsExactly("deletes:dog.png");
  }

  @Test
  void objectEventCarriesTheWrittenObject() {
    List<String> seen = new CopyOnWriteArrayList<>();
    AppHarness app = AppHarness.start((f, p) -> f.onObject("log", bucket("raw"),
        (e, c) -> seen.add(e.kind() + " " + e.bucket() + "/" + e.key() + " " + e.size().getAsLong() + " "
            + e.etag().orElseThrow() + " " + e.source())));

    var info = app.objectStorage("raw").put("a.txt", bytes("hello"));
    app.drain();

    assertThat(seen).containsExactly("CREATED raw/a.txt 5 " + info.etag() + " /buckets/raw");
  }

  @Test
  void writeInsideAFunctionFiresTheOtherBucketsFunction() {
    AppHarness app = AppHarness.start((f, p) -> {
      var thumbs = p.objectStorage("thumbs");
      f.onObject("thumbnail", bucket("raw"), (e, c) -> thumbs.put(e.key(), bytes("small")));
      f.onObject("index", bucket("thumbs"), (e, c) -> calls.add("indexed:" + e.key()));
    });

    app.objectStorage("raw").put("cat.jpg", bytes("big"));
    app.drain();

    assertThat(calls).containsExactly("indexed:cat.jpg");
  }

  @Test
  void poisonMessageRetriesWithBackoffThenDeadLettersWhileOthersSucceed() {
    List<Instant> poisonAttempts = new CopyOnWriteArrayList<>();
    AppHarness app = AppHarness.start((f, p) -> f.onQueueMessage("process", queue("orders").batchSize(10),
        (m, c) -> {
          if (m.text().equals("poison")) {
            poisonAttempts.add(c.clock().instant());
            throw new IllegalStateException("cannot process");
          }
          calls.add(m.text());
        }).maxDeliveries(3));
    Instant start = app.clock().instant();

    app.send("orders", OutgoingMessage.text("a"));
    app.send("orders", OutgoingMessage.text("poison"));
    app.send("orders", OutgoingMessage.text("b"));
    app.drain();
    assertThat(calls).containsExactlyInAnyOrder("a", "b");
    assertThat(app.deadLetters("orders")).isEmpty();

    app.advance(Duration.ofMinutes(1));
    assertThat(poisonAttempts).containsExactly(start, start.plusSeconds(1), start.plusSeconds(3));
    assertThat(app.deadLetters("orders")).singleElement()
        .satisfies(d -> assertThat(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo("poison"));
    assertThat(app.logs().atLevel(LogLevel.WARN)).anySatisfy(line -> assertThat(line)
        .contains("Message dead-lettered").contains("\"function\":\"process\"")
        .contains(app.deadLetters("orders").get(0).id()));
  }

  @Test
  void permanentFailureDeadLettersAtOnce() {
    AppHarness app = AppHarness.start((f, p) -> f.onQueueMessage("process", queue("orders"), (m, c) -> {
      calls.add(m.text());
      throw new InvalidEventException("not an order");
    }));

    app.send("orders", OutgoingMessage.text("junk"));
    app.drain();

    assertThat(calls).containsExactly("junk");
    assertThat(app.deadLetters("orders")).hasSize(1);
  }

  @Test
  void orderedQueueStopsAtTheFirstFailureAndKeepsOrder() {
    AppHarness app = AppHarness.start((f, p) -> f.onQueueMessage("ledger", queue("ledger").fifo().batchSize(10),
        (m, c) -> {
          calls.add(m.text());
          if (m.text().equals("2")) {
            throw new IllegalStateException("fails");
          }
        }).maxDeliveries(2));

    for (String s : List.of("1", "2", "3")) {
      app.send("ledger", OutgoingMessage.text(s).groupKey("account-1"));
    }
    app.drain();
    assertThat(calls).containsExactly("1", "2");

    app.advance(Duration.ofSeconds(1));
    assertThat(calls).containsExactly("1", "2", "2", "3");
    assertThat(app.deadLetters("ledger")).hasSize(1);
  }

  @Test
  void topicFansOutToEverySubscriber() {
    AppHarness app = AppHarness.start((f, p) -> {
      f.onTopicMessage("email", topic("user-created"), (m, c) -> calls.add("email:" + m.text()));
      f.onTopicMessage("audit", topic("user-created"), (m, c) -> calls.add("audit:" + m.text()));
    });

    app.publish("user-created", OutgoingMessage.text("u1"));
    app.drain();

    assertThat(calls).containsExactlyInAnyOrder("email:u1", "audit:u1");
  }

  @Test
  void failingTopicSubscriberRetriesAloneAndDeadLettersUnderItsName() {
    AppHarness app = AppHarness.start((f, p) -> {
      f.onTopicMessage("email", topic("t"), (m, c) -> calls.add("email"));
      f.onTopicMessage("broken", topic("t"), (m, c) -> {
        calls.add("broken");
        throw new IllegalStateException("down");
      });
    });

    app.publish("t", OutgoingMessage.text("x"));
    app.advance(Duration.ofMinutes(5));

    assertThat(calls).containsExactly("email", "broken", "broken", "broken", "broken", "broken");
    assertThat(app.deadLettersOf("broken")).hasSize(1);
    assertThat(app.deadLettersOf("email")).isEmpty();
  }

  @Test
  void scheduleFiresAtEachCronTimeAsTheClockAdvances() {
    List<ScheduleEvent> runs = new CopyOnWriteArrayList<>();
    AppHarness app = AppHarness.start((f, p) -> f.onSchedule("report", cron("0 2 * * *"), (e, c) -> runs.add(e)));

    app.advance(Duration.ofDays(3));

    assertThat(runs).extracting(e -> e.scheduledTime().orElseThrow()).containsExactly(
        Instant.parse("2030-01-01T02:00:00Z"), Instant.parse("2030-01-02T02:00:00Z"),
        Instant.parse("2030-01-03T02:00:00Z"));
    assertThat(runs).noneMatch(ScheduleEvent::pastDue);
    assertThat(runs).extracting(ScheduleEvent::time).containsExactlyElementsOf(
        runs.stream().map(ScheduleEvent::scheduledTime).toList());
  }

  @Test
  void httpGoesThroughTheDispatcherAndCanTriggerQueues() {
    AppHarness app = AppHarness.start((f, p) -> {
      var orders = p.messageQueue("orders");
      f.http("order", route("POST /orders/{id}"), (r, c) -> {
        orders.send(OutgoingMessage.text(r.pathParameter("id")));
        return HttpResponse.status(202).empty();
      });
      f.onQueueMessage("process", queue("orders"), (m, c) -> calls.add(m.text()));
    }, ManualClock.startingAtEpochOf2030(), Map.of());

    HttpResponse response = app.http(HttpRequest.builder("POST", "/orders/42").build());
    assertThat(response.status()).isEqualTo(202);
    assertThat(app.http(HttpRequest.builder("GET", "/nothing").build()).status()).isEqualTo(404);
    assertThat(calls).isEmpty();

    app.drain();
    assertThat(calls).containsExactly("42");
  }

  @Test
  void drainFailsClearlyWhenAFunctionNeverStopsSending() {
    AppHarness app = AppHarness.start((f, p) -> {
      var loop = p.messageQueue("loop");
      f.onQueueMessage("echo", queue("loop"), (m, c) -> loop.send(OutgoingMessage.text("again")));
    });

    app.send("loop", OutgoingMessage.text("go"));

    assertThatThrownBy(app::drain).isInstanceOf(IllegalStateException.class).hasMessageContaining("did not settle");
  }

  @Test
  void configValuesReachTheApp() {
    AppHarness app = AppHarness.start((f, p) -> f.http("cfg", route("GET /cfg"),
        (r, c) -> HttpResponse.ok().text(p.config("GREETING").orElse("none"))),
        ManualClock.startingAtEpochOf2030(), Map.of("GREETING", "hi"));

    assertThat(app.http(HttpRequest.builder("GET", "/cfg").build()).text()).isEqualTo("hi");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
