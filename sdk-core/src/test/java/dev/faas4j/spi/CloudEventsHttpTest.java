package dev.faas4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.CloudEvent;
import dev.faas4j.event.Headers;
import dev.faas4j.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CloudEvents 1.0 HTTP binding: the examples of the spec's HTTP protocol binding, and what breaks them. */
class CloudEventsHttpTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final Headers STRUCTURED = Headers.of("Content-Type", "application/cloudevents+json; charset=utf-8");

  @Test
  void structuredModeKeepsEveryAttributeAndTheJsonData() {
    String body = """
        {"specversion":"1.0","type":"com.example.someevent","source":"/mycontext","subject":"larger-context",
         "id":"A234-1234-1234","time":"2018-04-05T17:31:00Z","comexampleextension1":"value",
         "comexampleothervalue":5,"datacontenttype":"application/json","dataschema":"https://example.com/s",
         "data":{"appinfoA":"abc","appinfoB":123}}""";

    CloudEvent e = CloudEventsHttp.read(STRUCTURED, bytes(body), "local").get(0);

    assertThat(e.id()).isEqualTo("A234-1234-1234");
    assertThat(e.source()).isEqualTo("/mycontext");
    assertThat(e.type()).isEqualTo("com.example.someevent");
    assertThat(e.subject()).hasValue("larger-context");
    assertThat(e.time()).hasValue(Instant.parse("2018-04-05T17:31:00Z"));
    assertThat(e.dataContentType()).hasValue("application/json");
    assertThat(e.dataSchema()).hasValue("https://example.com/s");
    assertThat(e.text()).isEqualTo("{\"appinfoA\":\"abc\",\"appinfoB\":123}");
    assertThat(e.extensions()).containsEntry("comexampleextension1", "value").containsEntry("comexampleothervalue", "5")
        .hasSize(2);
    assertThat(e.origin().platform()).isEqualTo("local");
    assertThat(e.origin().payload()).isEqualTo(bytes(body));
  }

  @Test
  void structuredModeDecodesBase64DataAndKeepsTextDataAsText() {
    CloudEvent binary = CloudEventsHttp.read(STRUCTURED, bytes("""
        {"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"image/png","data_base64":"AQID"}"""),
        "local").get(0);
    CloudEvent text = CloudEventsHttp.read(STRUCTURED, bytes("""
        {"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"text/plain","data":"hi"}"""),
        "local").get(0);

    assertThat(binary.data()).containsExactly(1, 2, 3);
    assertThat(text.text()).isEqualTo("hi");
    assertThat(text.time()).as("no time given, none invented").isEmpty();
  }

  @Test
  void binaryModeReadsCeHeadersPercentDecodedAndTheBodyAsData() {
    Headers headers = Headers.of("ce-specversion", "1.0", "ce-type", "com.example.someevent", "ce-time",
        "2018-04-05T17:31:00Z", "ce-id", "1234-1234-1234", "ce-source", "/mycontext/subcontext",
        "ce-comexampleextension1", "a%20value", "Content-Type", "application/json; charset=utf-8");

    CloudEvent e = CloudEventsHttp.read(headers, bytes("{\"n\":1}"), "local").get(0);

    assertThat(e.id()).isEqualTo("1234-1234-1234");
    assertThat(e.source()).isEqualTo("/mycontext/subcontext");
    assertThat(e.dataContentType()).hasValue("application/json; charset=utf-8");
    assertThat(e.extensions()).containsExactly(java.util.Map.entry("comexampleextension1", "a value"));
    assertThat(e.text()).isEqualTo("{\"n\":1}");
    assertThat(e.origin().headers().first("ce-id")).hasValue("1234-1234-1234");
  }

  @Test
  void batchModeReadsEveryEventInOrder() {
    List<CloudEvent> events = CloudEventsHttp.read(Headers.of("Content-Type", "application/cloudevents-batch+json"),
        bytes("""
            [{"specversion":"1.0","id":"1","source":"/s","type":"t"},
             {"specversion":"1.0","id":"2","source":"/s","type":"t","data":[1,2]}]"""), "local");

    assertThat(events).extracting(CloudEvent::id).containsExactly("1", "2");
    assertThat(events.get(0).data()).isEmpty();
    assertThat(events.get(1).text()).isEqualTo("[1,2]");
  }

  @Test
  void tellsACloudEventRequestFromAnyOther() {
    assertThat(CloudEventsHttp.isCloudEvent(STRUCTURED)).isTrue();
    assertThat(CloudEventsHttp.isCloudEvent(Headers.of("ce-id", "1"))).isTrue();
    assertThat(CloudEventsHttp.isCloudEvent(Headers.of("Content-Type", "application/json"))).isFalse();
  }

  @Test
  void badEventsAreTypedErrorsNamingTheAttributeNeverThePayload() {
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"1.0\",\"source\":\"/s\","
        + "\"type\":\"secret-type\"}"), "local"))
        .isInstanceOf(InvalidEventException.class).hasMessage("CloudEvent.id is required");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"0.3\",\"id\":\"1\","
        + "\"source\":\"/s\",\"type\":\"t\"}"), "local"))
        .isInstanceOf(InvalidEventException.class).hasMessage("CloudEvents specversion must be 1.0");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"1.0\",\"id\":\"1\","
        + "\"source\":\"/s\",\"type\":\"t\",\"data\":1,\"data_base64\":\"AQ==\"}"), "local"))
        .isInstanceOf(InvalidEventException.class).hasMessage("CloudEvent has both data and data_base64");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"1.0\",\"id\":\"1\","
        + "\"source\":\"/s\",\"type\":\"t\",\"data_base64\":\"not base64!\"}"), "local"))
        .isInstanceOf(InvalidEventException.class).hasMessage("CloudEvent.data_base64 is not valid base64");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"1.0\",\"id\":\"1\","
        + "\"source\":\"/s\",\"type\":\"t\",\"ext\":{\"nested\":\"secret\"}}"), "local"))
        .isInstanceOf(InvalidEventException.class).hasMessage("CloudEvent.ext must be a string, number or boolean");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("{\"specversion\":\"1.0\",\"id\":\"1\","
        + "\"source\":\"/s\",\"type\":\"t\",\"time\":\"yesterday\"}"), "local"))
        .isInstanceOf(InvalidEventException.class).message().doesNotContain("yesterday");
    assertThatThrownBy(() -> CloudEventsHttp.read(STRUCTURED, bytes("[not json"), "local"))
        .isInstanceOf(InvalidEventException.class).message().doesNotContain("not json");
    assertThatThrownBy(() -> CloudEventsHttp.read(Headers.of("ce-id", "1", "ce-specversion", "1.0"), new byte[0],
        "local")).isInstanceOf(InvalidEventException.class).hasMessage("CloudEvent header ce-source is required");
    assertThatThrownBy(() -> CloudEventsHttp.read(Headers.of("Content-Type", "application/cloudevents-batch+json"),
        bytes("{}"), "local")).isInstanceOf(InvalidEventException.class)
        .hasMessage("A CloudEvents batch must be a JSON array");
  }
}
