package dev.faas4j.gcp;

import static dev.faas4j.gcp.GcpHttpFunctionTest.binaryCe;
import static dev.faas4j.gcp.GcpHttpFunctionTest.fixture;
import static dev.faas4j.gcp.GcpHttpFunctionTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.ObjectEvent;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.log.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streamed mapping of Cloud Storage data against the tree mapping it stands in for: the same portable facts and
 * origin attributes, the attributes read only when asked for, and anything it does not plainly accept mapped or
 * rejected by the tree exactly as before.
 */
class StorageReaderTest {
  private static final String SOURCE = "//storage.googleapis.com/projects/_/buckets/raw-images";
  private static final String FINALIZED = "google.cloud.storage.object.v1.finalized";

  @BeforeEach
  void clear() {
    EventFactsApp.EVENTS.clear();
  }

  private static GcpAdapter adapter() {
    return GcpHttpFunctionTest.adapter(new EventFactsApp(), Map.of(), LogSink.stdout());
  }

  /** Through the invoker's entry point, whose data arrive as bytes: the streamed path. */
  private static ObjectEvent streamed(GcpAdapter adapter, String data) {
    EventFactsApp.EVENTS.clear();
    new GcpEventFunction(adapter).accept(FakeCloudEvent.of("evt-1", FINALIZED, SOURCE, "objects/x", data));
    assertThat(EventFactsApp.EVENTS).hasSize(1);
    return (ObjectEvent) EventFactsApp.EVENTS.get(0);
  }

  /** A structured CloudEvent, whose data the adapter parsed with the event: the tree path. */
  private static ObjectEvent tree(GcpAdapter adapter, String data) throws IOException {
    EventFactsApp.EVENTS.clear();
    String event = "{\"specversion\":\"1.0\",\"id\":\"evt-1\",\"source\":\"" + SOURCE + "\",\"type\":\"" + FINALIZED
        + "\",\"subject\":\"objects/x\",\"data\":" + data + "}";
    FakeHttp.Response response = GcpHttpFunctionTest.call(adapter, new FakeHttp.Request("POST", "/")
        .header("Content-Type", "application/cloudevents+json").body(event.getBytes(StandardCharsets.UTF_8)));
    assertThat(response.status).isEqualTo(204);
    assertThat(EventFactsApp.EVENTS).hasSize(1);
    return (ObjectEvent) EventFactsApp.EVENTS.get(0);
  }

  @Test
  void streamedDataGiveTheTreesFactsAndTheOriginIsReadOnlyWhenAskedFor() throws IOException {
    String finalized = fixture("storage-finalized-data.json");
    List<String> cases = List.of(
        fixture("storage-complex-data.json"),
        finalized,
        finalized.replace("\"kind\": \"storage#object\",", "\"metadata\": {\"owner\": \"ada\", \"a\": \"\"},"),
        finalized.replace("\"kind\": \"storage#object\",", "\"metadata\": null, \"contentType\": null,")
            .replace("\"contentType\": \"image/jpeg\",", ""),
        finalized.replace("\"size\": \"352\"", "\"size\": 352").replace("\"generation\": \"1587627537231057\"",
            "\"generation\": \" 01587627537231057 \""),
        finalized.replace("\"kind\": \"storage#object\",", "\"owner\": {\"entity\": [\"user-1\", {\"x\": 1}]},"
            + "\"customerEncryption\": {\"keySha256\": null, \"other\": [1]}, \"eventBasedHold\": false,"),
        finalized.replace("\"bucket\": \"raw-images\",", ""));
    GcpAdapter adapter = adapter();
    for (String data : cases) {
      ObjectEvent fast = streamed(adapter, data);
      assertThat(fast.origin().toString()).as(data).contains("unread");
      ObjectEvent reference = tree(adapter, data);

      assertThat(fast).as(data).isEqualTo(reference);
      assertThat(fast.metadata()).isEqualTo(reference.metadata());
      assertThat(fast.origin().attributes()).as(data).isEqualTo(reference.origin().attributes());
      assertThat(new String(fast.origin().payload(), StandardCharsets.UTF_8)).isEqualTo(data);
    }
  }

  @Test
  void dataTheStreamDoesNotPlainlyAcceptAreMappedByTheTree() throws IOException {
    String finalized = fixture("storage-finalized-data.json");
    GcpAdapter adapter = adapter();
    LogicalNames names = LogicalNames.of(adapter.dispatcher().registry(), k -> null);
    // A repeated field (the tree keeps the last) and a raw control character (the tree tolerates it).
    String repeated = finalized.replace("\"kind\": \"storage#object\",", "\"name\": \"first\",");
    String control = finalized.replace("cat photo", "cat\u0001photo");
    for (String data : List.of(repeated, control)) {
      IncomingEvent e = GcpEventFunction.incoming(FakeCloudEvent.of("evt-1", FINALIZED, SOURCE, "objects/x", data));
      assertThat(StorageReader.read(e, names)).as(data).isNull();
    }

    assertThat(streamed(adapter, repeated).key()).isEqualTo("folder/cat photo.jpg");
    assertThat(streamed(adapter, control).key()).isEqualTo("folder/cat\u0001photo.jpg");
  }

  @Test
  void badDataAreRejectedWithTheTreesMessages() throws IOException {
    String data = fixture("storage-finalized-data.json");
    Map<String, String> cases = Map.of(
        data.replace("\"name\": \"folder/cat photo.jpg\",", "\"name\": 7,"), "data.name must be a string",
        data.replace("\"size\": \"352\"", "\"size\": -1"), "data.size must be a non-negative",
        data.replace("\"size\": \"352\"", "\"size\": \"99999999999999999999\""), "data.size must be a non-negative",
        data.replace("\"kind\": \"storage#object\",", "\"componentCount\": 1.5,"), "data.componentCount must be",
        data.replace("\"kind\": \"storage#object\",", "\"customerEncryption\": {\"keySha256\": 1},"),
        "keySha256 must be a string",
        data.replace("\"name\": \"folder/cat photo.jpg\",", "\"name\": \"\","), "data.name is required",
        data + " {}", "CloudEvent data",
        data.replace("\"bucket\": \"raw-images\",", "\"bucket\": [\"raw-images\"],"), "bucket must be a string");
    GcpAdapter adapter = adapter();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      FakeHttp.Response response = GcpHttpFunctionTest.call(adapter, binaryCe(FINALIZED, SOURCE).json(c.getKey()));
      assertThat(response.status).as(c.getValue()).isEqualTo(400);
      assertThat(json(response).get("message").asText()).as(c.getKey()).contains(c.getValue());
    }
    assertThat(EventFactsApp.EVENTS).isEmpty();
  }
}
