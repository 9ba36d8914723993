package dev.faas4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectEventTest {
  private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

  private static ObjectEvent.Builder upload() {
    return ObjectEvent.builder().id("evt-1").bucket("raw-images").key("fotos/cat.jpg").time(T);
  }

  @Test
  void builderFillsCloudEventsDefaultsFromBucketKeyAndKind() {
    ObjectEvent e = upload().kind(ObjectEventKind.DELETED).build();

    assertThat(e.source()).isEqualTo("/buckets/raw-images");
    assertThat(e.type()).isEqualTo("dev.faas4j.object.deleted");
    assertThat(e.subject()).contains("objects/fotos/cat.jpg");
    assertThat(e.size()).isEmpty();
    assertThat(e.etag()).isEmpty();
    assertThat(e.version()).isEmpty();
    assertThat(e.contentType()).isEmpty();
  }

  @Test
  void builderDefaultsToCreated() {
    assertThat(upload().build().kind()).isEqualTo(ObjectEventKind.CREATED);
    assertThat(upload().build().type()).isEqualTo("dev.faas4j.object.created");
  }

  @Test
  void builderKeepsExplicitSourceTypeAndSubject() {
    ObjectEvent e = upload().source("//storage.googleapis.com/projects/_/buckets/raw-images")
        .type("google.cloud.storage.object.v1.finalized").subject("objects/x").build();

    assertThat(e.source()).isEqualTo("//storage.googleapis.com/projects/_/buckets/raw-images");
    assertThat(e.type()).isEqualTo("google.cloud.storage.object.v1.finalized");
    assertThat(e.subject()).contains("objects/x");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"abc\"|abc",
      "W/\"abc\"|abc",
      "abc|abc",
      "\"|\"",
      "\"\"|''"})
  void unquotesEtags(String raw, String expected) {
    assertThat(upload().etag(raw).build().etag()).contains(expected);
  }

  @Test
  void rejectsMissingRequiredFieldsNamingThem() {
    assertThatThrownBy(() -> ObjectEvent.builder().bucket("b").key("k").time(T).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("id is required");
    assertThatThrownBy(() -> ObjectEvent.builder().id("1").key("k").time(T).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("bucket is required");
    assertThatThrownBy(() -> ObjectEvent.builder().id("1").bucket("b").time(T).build())
        .isInstanceOf(InvalidEventException.class).hasMessage("key is required");
    assertThat(ObjectEvent.builder().id("1").bucket("b").key("k").build().time()).as("absent, never made up")
        .isEmpty();
  }

  @Test
  void rejectsBlankIdAndBucket() {
    assertThatThrownBy(() -> upload().id(" ").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("id must not be blank");
    assertThatThrownBy(() -> upload().bucket("\t").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("bucket must not be blank");
    assertThatThrownBy(() -> upload().source("").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("source must not be blank");
  }

  @Test
  void rejectsEmptyKeyButKeepsKeysOfSpaces() {
    assertThatThrownBy(() -> upload().key("").build())
        .isInstanceOf(InvalidEventException.class).hasMessage("key must not be empty");
    assertThat(upload().key(" ").build().key()).isEqualTo(" ");
  }

  @Test
  void rejectsNegativeSize() {
    assertThatThrownBy(() -> upload().size(-1L).build())
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("size");
    assertThat(upload().size(0L).build().size()).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    assertThatThrownBy(() -> new ObjectEvent("1", "s", "t", Optional.empty(), Optional.of(T), null, "b", "k",
        OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Origin.none()))
        .isInstanceOf(NullPointerException.class).hasMessage("kind must not be null");
    assertThatThrownBy(() -> new ObjectEvent("1", "s", "t", null, Optional.of(T), ObjectEventKind.CREATED, "b", "k",
        OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Origin.none()))
        .isInstanceOf(NullPointerException.class).hasMessage("subject must not be null");
    assertThatThrownBy(() -> new ObjectEvent("1", "s", "t", Optional.empty(), Optional.of(T), ObjectEventKind.CREATED, "b", "k",
        null, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Origin.none()))
        .isInstanceOf(NullPointerException.class).hasMessage("size must not be null");
    assertThatThrownBy(() -> upload().kind(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("kind must not be null");
  }

  @Test
  void equalEventsAreEqual() {
    assertThat(upload().etag("\"abc\"").build()).isEqualTo(upload().etag("abc").build())
        .hasSameHashCodeAs(upload().etag("abc").build());
    assertThat(upload().build()).isNotEqualTo(upload().key("other.jpg").build());
  }
}
