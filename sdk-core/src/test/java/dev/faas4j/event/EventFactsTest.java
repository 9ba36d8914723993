package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed attributes, the origin escape hatch, change records and CloudEvents: the facts events carry. */
class EventFactsTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void attributesKeepTheirTypesAndReadAsText() {
    QueueMessage m = QueueMessage.builder().id("m").queue("orders")
        .attribute("tenant", AttributeValue.text("acme"))
        .attribute("amount", new AttributeValue.Number("12345678901234567890123456789012345678"))
        .attribute("sig", new AttributeValue.Binary(new byte[] {1, 2, 3}))
        .attribute("tags", new AttributeValue.TextList(List.of("a", "b\"c")))
        .build();

    assertThat(m.attribute("tenant")).hasValue("acme");
    assertThat(m.attributeValue("amount")).get().isInstanceOfSatisfying(AttributeValue.Number.class,
        n -> assertThat(n.asBigDecimal().toPlainString()).isEqualTo("12345678901234567890123456789012345678"));
    assertThat(m.attributeValue("sig")).get().isInstanceOfSatisfying(AttributeValue.Binary.class,
        b -> assertThat(b.value()).containsExactly(1, 2, 3));
    assertThat(m.attribute("sig")).hasValue("AQID");
    assertThat(m.attribute("tags")).hasValue("[\"a\",\"b\\\"c\"]");
    assertThat(m.attribute("missing")).isEmpty();
  }

  @Test
  void binaryAttributeIsCopiedInAndOut() {
    byte[] bytes = {1};
    AttributeValue.Binary b = new AttributeValue.Binary(bytes);
    bytes[0] = 9;
    b.value()[0] = 7;
    assertThat(b.value()).containsExactly(1);
    assertThat(b).isEqualTo(new AttributeValue.Binary(new byte[] {1})).hasToString("Binary[1 bytes]");
  }

  @Test
  void aNumberAttributeMustBeANumber() {
    assertThatThrownBy(() -> new AttributeValue.Number("12a"))
        .isInstanceOf(InvalidEventException.class).hasMessage("Number attribute is not a decimal number");
  }

  @Test
  void stringAttributesFromAMapBecomeText() {
    TopicMessage m = TopicMessage.builder().id("p").topic("t").attributes(Map.of("k", "v")).build();
    assertThat(m.attributes()).containsEntry("k", new AttributeValue.Text("v"));
  }

  @Test
  void originKeepsThePayloadSharedButHandsOutCopies() {
    byte[] payload = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    Origin o = Origin.of("aws", Map.of("aws.sqs.sequenceNumber", "18849"), payload,
        Headers.builder().add("ce-id", "1").build());
    QueueMessage a = QueueMessage.builder().id("a").queue("q").origin(o).build();
    QueueMessage b = QueueMessage.builder().id("a").queue("q").build();

    assertThat(a.origin().payload()).isEqualTo(payload).isNotSameAs(payload);
    a.origin().payload()[0] = 'x';
    assertThat(a.origin().payload()[0]).isEqualTo((byte) '{');
    assertThat(a.origin().attribute("aws.sqs.sequenceNumber")).hasValue("18849");
    assertThat(a.origin().headers().first("ce-id")).hasValue("1");
    assertThat(a).as("origin is not part of equality").isEqualTo(b);
    assertThat(b.origin().platform()).isEqualTo("none");
    assertThat(b.origin().payload()).isEmpty();
    assertThat(o.toString()).doesNotContain("18849").doesNotContain("Records");
  }

  @Test
  void originRejectsABlankPlatform() {
    assertThatThrownBy(() -> Origin.of(" ", Map.of(), new byte[0], Headers.empty()))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void changeRecordBindsKeysAndImages() {
    record Key(String id) {}
    record Row(String id, long n) {}
    ChangeRecord c = new ChangeRecord(ChangeRecord.Operation.MODIFY, "{\"id\":\"a\"}",
        Optional.of("{\"id\":\"a\",\"n\":1}"), Optional.of("{\"id\":\"a\",\"n\":2}"), false);
    QueueMessage m = QueueMessage.builder().id("1").queue("stream").change(c).build();

    assertThat(m.change()).hasValue(c);
    assertThat(c.keys(Key.class)).isEqualTo(new Key("a"));
    assertThat(c.oldImage(Row.class)).hasValue(new Row("a", 1));
    assertThat(c.newImage(Row.class)).hasValue(new Row("a", 2));
    assertThat(c.toString()).doesNotContain("\"n\"");
    assertThat(new ChangeRecord(ChangeRecord.Operation.REMOVE, "{}", Optional.empty(), Optional.empty(), true)
        .newImage(Row.class)).isEmpty();
  }

  @Test
  void cloudEventKeepsAttributesExtensionsAndData() {
    CloudEvent e = CloudEvent.builder().id("1").source("//cloudaudit.googleapis.com/projects/p")
        .type("google.cloud.audit.log.v1.written").subject("storage.googleapis.com/projects/_/buckets/b")
        .time(T).dataContentType("application/json").data("{\"n\":1}")
        .extensions(Map.of("methodname", "storage.buckets.create", "serviceName", "storage.googleapis.com"))
        .build();

    assertThat(e.specVersion()).isEqualTo("1.0");
    assertThat(e.extension("methodname")).hasValue("storage.buckets.create");
    assertThat(e.text()).isEqualTo("{\"n\":1}");
    assertThat(e.time()).hasValue(T);
    assertThat(e.dataSchema()).isEmpty();
    assertThat(e.toString()).doesNotContain("\"n\"");
    assertThatThrownBy(() -> CloudEvent.builder().id("1").type("t").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("source is required");
    assertThat(e.json(new dev.faas4j.JsonType<Map<String, Integer>>() {})).containsEntry("n", 1);
    assertThatThrownBy(() -> e.json(String[].class)).isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("CloudEvent data");
  }

  @Test
  void httpRequestKeepsThePathAsSentBesideTheRoutedPath() {
    HttpRequest r = HttpRequest.builder("GET", "/users/1").requestPath("/prod/users/1").requestTime(T).build();
    HttpRequest plain = HttpRequest.builder("GET", "/users/1").build();

    assertThat(r.path()).isEqualTo("/users/1");
    assertThat(r.requestPath()).isEqualTo("/prod/users/1");
    assertThat(r.requestTime()).hasValue(T);
    assertThat(r.withPathParameters(Map.of("id", "1")).requestPath()).isEqualTo("/prod/users/1");
    assertThat(r.toBuilder().build().requestPath()).isEqualTo("/prod/users/1");
    assertThat(plain.requestPath()).isEqualTo("/users/1");
    assertThat(plain.requestTime()).isEmpty();
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/a").requestPath("prod/a").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP request path must start with '/'");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/a").requestPath("/p\n/a").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("HTTP path contains a control character");
  }

  @Test
  void objectMetadataIsAbsentUnlessTheEventCarriesIt() {
    ObjectEvent s3 = ObjectEvent.builder().id("1").bucket("b").key("k").build();
    ObjectEvent gcs = ObjectEvent.builder().id("1").bucket("b").key("k").metadata(Map.of()).build();

    assertThat(s3.metadata()).isEmpty();
    assertThat(gcs.metadata()).hasValue(Map.of());
    assertThat(s3).isNotEqualTo(gcs);
  }

  @Test
  void scheduleWithoutADueTimeKeepsItAbsent() {
    ScheduleEvent e = new ScheduleEvent("nightly@1", "/schedules/nightly", ScheduleEvent.TYPE, Optional.empty(),
        Optional.of(T), "nightly", Optional.empty(), false, Optional.empty(), Optional.empty(), Origin.none());
    assertThat(e.scheduledTime()).isEmpty();
    assertThat(e.withOrigin(Origin.of("azure", Map.of(), new byte[0], Headers.empty())).origin().platform())
        .isEqualTo("azure");
  }
}
