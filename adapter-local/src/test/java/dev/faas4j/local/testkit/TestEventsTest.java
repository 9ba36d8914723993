package dev.faas4j.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.event.ScheduleEvent;
import dev.faas4j.event.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEventsTest {
  record Order(String id, int amountCents) {}

  record Named(String name) {}

  record UserCreated(String id) {}

  @Test
  void httpJsonSetsTheBodyAndContentType() {
    HttpRequest request = TestEvents.http("post", "/users").json(Map.of("name", "Ada")).build();

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/users");
    assertThat(request.contentType()).contains("application/json");
    assertThat(request.json(Named.class)).isEqualTo(new Named("Ada"));
    assertThat(request.sourceIp()).contains("203.0.113.10");
  }

  @Test
  void httpJsonSendsAStringUnchangedSoItCanBeMalformed() {
    HttpRequest request = TestEvents.http("POST", "/users").json("{\"name\":").build();

    assertThat(request.text()).isEqualTo("{\"name\":");
    assertThatThrownBy(() -> request.json(Named.class)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void httpTextAndRawBodiesReplaceTheContentType() {
    HttpRequest text = TestEvents.http("PUT", "/notes/1").text("héllo").build();
    HttpRequest png = TestEvents.http("PUT", "/avatars/1").json(Map.of()).body(new byte[] {1, 2}, "image/png").build();

    assertThat(text.text()).isEqualTo("héllo");
    assertThat(text.contentType()).contains("text/plain; charset=utf-8");
    assertThat(png.body()).containsExactly(1, 2);
    assertThat(png.headers().all("content-type")).containsExactly("image/png");
  }

  @Test
  void httpTakesTheQueryFromThePathOrFromQuery() {
    HttpRequest fromPath = TestEvents.http("GET", "/users?page=2&q=a%20b").build();
    HttpRequest fromQuery = TestEvents.http("GET", "/users").query("a=1&b=2&b=3").build();

    assertThat(fromPath.path()).isEqualTo("/users");
    assertThat(fromPath.queryParam("q")).contains("a b");
    assertThat(fromPath.rawQuery()).isEqualTo("page=2&q=a%20b");
    assertThat(fromQuery.query().all("b")).containsExactly("2", "3");
  }

  @Test
  void httpHeadersAndCookiesArriveAsAPlatformDeliversThem() {
    HttpRequest request = TestEvents.http("GET", "/me")
        .header("X-Request-Id", "r-1").header("x-request-id", "r-2")
        .cookie("session", "abc").cookie("theme", "dark")
        .build();

    assertThat(request.headers().all("X-REQUEST-ID")).containsExactly("r-1", "r-2");
    assertThat(request.header("Cookie")).contains("session=abc; theme=dark");
    assertThat(request.cookies()).containsExactly(Map.entry("session", "abc"), Map.entry("theme", "dark"));
  }

  @Test
  void httpRejectsWhatNoPlatformWouldDeliver() {
    assertThatThrownBy(() -> TestEvents.http("GET", "users").build())
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("must start with '/'");
  }

  @Test
  void objectCreatedDescribesTheUploadedContent() {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);

    ObjectEvent event = TestEvents.objectCreated("raw-images", "cats/tom.jpg", content).build();

    assertThat(event.kind()).isEqualTo(ObjectEventKind.CREATED);
    assertThat(event.bucket()).isEqualTo("raw-images");
    assertThat(event.key()).isEqualTo("cats/tom.jpg");
    assertThat(event.size()).hasValue(5);
    assertThat(event.etag()).contains("5d41402abc4b2a76b9719d911017c592"); // MD5 of "hello"
    assertThat(event.contentType()).contains("image/jpeg");
    assertThat(event.source()).isEqualTo("/buckets/raw-images");
    assertThat(event.type()).isEqualTo("dev.faas4j.object.created");
    assertThat(event.subject()).contains("objects/cats/tom.jpg");
    assertThat(event.time()).hasValue(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void objectDeletedHasNoContentDetails() {
    ObjectEvent event = TestEvents.objectDeleted("raw-images", "a.jpg").time(Instant.parse("2031-05-01T10:00:00Z"))
        .build();

    assertThat(event.kind()).isEqualTo(ObjectEventKind.DELETED);
    assertThat(event.type()).isEqualTo("dev.faas4j.object.deleted");
    assertThat(event.size()).isEmpty();
    assertThat(event.etag()).isEmpty();
    assertThat(event.time()).hasValue(Instant.parse("2031-05-01T10:00:00Z"));
  }

  @Test
  void eventsGetFreshIdsUnlessOneIsGiven() {
    ObjectEvent a = TestEvents.objectDeleted("b", "k").build();
    ObjectEvent b = TestEvents.objectDeleted("b", "k").build();

    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(TestEvents.objectDeleted("b", "k").id("evt-1").build().id()).isEqualTo("evt-1");
  }

  @Test
  void queueMessageBodyIsTextBytesOrJson() {
    QueueMessage text = TestEvents.queueMessage("orders", "plain").build();
    QueueMessage bytes = TestEvents.queueMessage("orders", new byte[] {7}).build();
    QueueMessage json = TestEvents.queueMessage("orders", new Order("o-1", 1250)).build();

    assertThat(text.text()).isEqualTo("plain");
    assertThat(bytes.body()).containsExactly(7);
    assertThat(json.json(Order.class)).isEqualTo(new Order("o-1", 1250));
    assertThat(json.queue()).isEqualTo("orders");
    assertThat(json.source()).isEqualTo("/queues/orders");
    assertThat(json.deliveryAttempt()).hasValue(1);
  }

  @Test
  void queueMessageTakesAttributesRedeliveryAndGroup() {
    QueueMessage m = TestEvents.queueMessage("orders.fifo", "x")
        .attribute("tenant", "acme").deliveryAttempt(3).groupKey("customer-9").build();

    assertThat(m.attribute("tenant")).contains("acme");
    assertThat(m.deliveryAttempt()).hasValue(3);
    assertThat(m.groupKey()).contains("customer-9");
  }

  @Test
  void queueBatchKeepsOrderAndMixesBodiesWithBuiltMessages() {
    List<QueueMessage> batch = TestEvents.queueBatch("orders",
        new Order("o-1", 1), "not json", TestEvents.queueMessage("orders", "x").id("m-3"));

    assertThat(batch).hasSize(3);
    assertThat(batch.get(0).json(Order.class).id()).isEqualTo("o-1");
    assertThat(batch.get(1).text()).isEqualTo("not json");
    assertThat(batch.get(2).id()).isEqualTo("m-3");
    assertThat(batch).extracting(QueueMessage::id).doesNotHaveDuplicates();
  }

  @Test
  void queueBatchRefusesAMessageForAnotherQueue() {
    assertThatThrownBy(() -> TestEvents.queueBatch("orders", TestEvents.queueMessage("refunds", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refunds");
  }

  @Test
  void topicMessageIsAFirstDeliveryFromTheTopic() {
    TopicMessage m = TestEvents.topicMessage("user-created", Map.of("id", "u-1"))
        .attribute("origin", "signup").groupKey("u-1").build();

    assertThat(m.topic()).isEqualTo("user-created");
    assertThat(m.source()).isEqualTo("/topics/user-created");
    assertThat(m.json(UserCreated.class)).isEqualTo(new UserCreated("u-1"));
    assertThat(m.attribute("origin")).contains("signup");
    assertThat(m.groupKey()).contains("u-1");
    assertThat(m.deliveryAttempt()).hasValue(1);
  }

  @Test
  void scheduleRunsOnTimeUnlessPastDue() {
    Instant due = Instant.parse("2030-01-01T02:00:00Z");

    ScheduleEvent onTime = TestEvents.schedule("dailyReport", due).build();
    ScheduleEvent late = TestEvents.schedule("dailyReport", due).pastDue().build();

    assertThat(onTime.pastDue()).isFalse();
    assertThat(onTime.time()).hasValue(due);
    assertThat(onTime.schedule()).isEqualTo("dailyReport");
    assertThat(late.pastDue()).isTrue();
    assertThat(late.time().orElseThrow()).isAfter(due);
    assertThat(late.id()).as("a run keeps its id however late it starts").isEqualTo(onTime.id());
  }
}
