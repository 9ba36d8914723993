package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.WireJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The streamed SQS mapping gives what the tree mapping gives, or steps aside for the tree path and its errors. */
class SqsReaderTest {
  private final EventMapping mapping = new EventMapping(
      LogicalNames.of(FunctionRegistry.of(new RecordingApp(), new InMemoryPlatform()), Fixtures.ENV::get));

  @Test
  void streamedBatchEqualsTheTreeMappedOneForEverySqsFixture() {
    same(Fixtures.bytes("sqs.json"));
    same(Fixtures.bytes("sqs-fifo.json"));
  }

  @Test
  void variantsMapAsTheTreeMapsThem() {
    same(edit(r -> r.remove("attributes")));
    same(edit(r -> r.putNull("attributes")));
    same(edit(r -> r.putNull("messageAttributes")));
    same(edit(r -> r.putNull("body")));
    same(edit(r -> r.put("body", "héllo ✓ \uD83D\uDE00")));
    same(edit(r -> r.put("unknownField", 1).putObject("another").put("x", List.of(1).size())));
    same(edit(r -> ((ObjectNode) r.get("attributes")).put("ApproximateReceiveCount", " 12 ")
        .put("SentTimestamp", "1712490000123.5").put("MessageGroupId", "g").put("Other", 5)));
    same(edit(r -> ((ObjectNode) r.get("attributes")).put("ApproximateFirstReceiveTimestamp", "2024-04-07T12:00:00Z")));
    same(edit(r -> r.withObjectProperty("messageAttributes").putObject("n").put("dataType", "Number.int")
        .put("stringValue", "-3").putArray("stringListValues")));
    same(edit(r -> r.withObjectProperty("messageAttributes").putObject("e").put("dataType", "String")
        .put("stringValue", "empty")));
    same(edit(r -> r.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:acme-prod-orders.fifo")));
  }

  @Test
  void batchesAroundTheArraysSizesKeepEveryMessageInOrder() {
    for (int size : new int[] {1, 2, 9, 10, 11, 20, 21}) {
      ObjectNode event = Fixtures.tree("sqs.json");
      ArrayNode records = (ArrayNode) event.get("Records");
      JsonNode first = records.get(0);
      records.removeAll();
      for (int i = 0; i < size; i++) {
        records.add(((ObjectNode) first.deepCopy()).put("messageId", "m-" + i));
      }
      Batch batch = same(WireJson.write(event));
      assertThat(batch.messages).as("size " + size).hasSize(size);
      assertThat(batch.messages.get(size - 1).id()).isEqualTo("m-" + (size - 1));
    }
  }

  @Test
  void aHugeBatchIsStreamedWhole() {
    ObjectNode event = Fixtures.tree("sqs.json");
    ArrayNode records = (ArrayNode) event.get("Records");
    JsonNode first = records.get(0);
    records.removeAll();
    for (int i = 0; i < 1000; i++) {
      records.add(((ObjectNode) first.deepCopy()).put("messageId", "m-" + i));
    }
    Batch batch = same(WireJson.write(event));
    assertThat(batch.messages).hasSize(1000);
    assertThat(batch.messages.get(999).id()).isEqualTo("m-999");
  }

  @Test
  void anythingDoubtfulTakesTheTreePath() {
    notFast("");
    notFast("[]");
    notFast("{\"Records\":[]}");
    notFast("{\"Records\":[{\"messageId\":\"a\""); // malformed JSON
    notFast(text(edit(r -> { })) + " {}"); // trailing content
    notFast(edit(r -> r.put("messageId", 7))); // wrong types
    notFast(edit(r -> r.put("messageId", " ")));
    notFast(edit(r -> r.remove("messageId")));
    notFast(edit(r -> r.remove("eventSourceARN")));
    notFast(edit(r -> r.put("body", 1)));
    notFast(edit(r -> r.put("attributes", "x")));
    notFast(edit(r -> r.put("messageAttributes", "x")));
    notFast(edit(r -> r.put("eventSource", "aws:sns")));
    notFast(edit(r -> r.remove("eventSource")));
    notFast(edit(r -> r.put("receiptHandle", 1)));
    notFast(edit(r -> r.put("awsRegion", true)));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("SentTimestamp", 1712490000123L)));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("SentTimestamp", "yesterday")));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("ApproximateReceiveCount", "0")));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("ApproximateReceiveCount", "many")));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("SenderId", 7)));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("ApproximateFirstReceiveTimestamp", "soon")));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).putObject("AWSTraceHeader")));
    notFast(edit(r -> ((ObjectNode) r.get("attributes")).put("MessageGroupId", 3)));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").put("bad", "x")));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject("bad").put("dataType", "Binary")
        .put("binaryValue", "%%%"))); // invalid base64
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject("bad").put("dataType", "Number")
        .put("stringValue", "seven")));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject("bad").put("dataType", "Float")
        .put("stringValue", "1")));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject("bad").put("stringValue", "1")));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject("bad").put("dataType", "String")
        .put("stringValue", 1)));
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject(BodyEncoding.ATTRIBUTE)
        .put("dataType", "String").put("stringValue", "base64"))); // the body is not base64
    notFast(edit(r -> r.withObjectProperty("messageAttributes").putObject(BodyEncoding.ATTRIBUTE)
        .put("dataType", "String").put("stringValue", "rot13")));
    // another top-level field, and repeated fields, which the tree would collapse
    notFast(text(edit(r -> { })).replaceFirst("\\{", "{\"requestContext\":{},"));
    notFast(text(edit(r -> { })).replaceFirst("\"body\"", "\"body\":\"x\",\"body\""));
    notFast(text(edit(r -> { })).replace("\"tenant\":{", "\"tenant\":{\"dataType\":\"Number\","));
    notFast(text(edit(r -> { })).replace("\"messageAttributes\":{",
        "\"messageAttributes\":{\"priority\":{\"dataType\":\"String\",\"stringValue\":\"x\"},"));
  }

  @Test
  void theFirstFieldTellsARecordsEvent() {
    assertThat(mayBe("{\"Records\":[]}")).isTrue();
    assertThat(mayBe(" {\n \"Records\" : []}")).isTrue();
    assertThat(mayBe("{\"Messages\":[]}")).isFalse();
    assertThat(mayBe("{\"Rec")).isFalse();
    assertThat(mayBe("[")).isFalse();
  }

  @Test
  void badInputThroughTheHandlerGetsTheTreePathsTypedErrors() throws Exception {
    RecordingApp app = new RecordingApp();
    LambdaHandler handler = Fixtures.handler(app);
    assertThatThrownBy(() -> Fixtures.invoke(handler, "{\"Records\":[{\"messageId\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidEventException.class).hasMessageNotContaining("messageId\":");
    assertThatThrownBy(() -> Fixtures.invoke(handler, edit(r -> r.put("messageId", 7))))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("Records[0]");

    JsonNode response = Fixtures.invoke(handler, edit(r -> r.withObjectProperty("messageAttributes")
        .putObject("bad").put("dataType", "Binary").put("binaryValue", "%%%")));

    assertThat(response.get("batchItemFailures").findValuesAsText("itemIdentifier"))
        .contains("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(app.events).noneMatch(e -> e.id().startsWith("059f36b4"));
  }

  /** The messages, report ids and trace headers of a batch by either reader. */
  private record Batch(List<QueueMessage> messages, List<String> ids, List<String> traces, boolean ordered) {}

  private Batch same(byte[] event) {
    JsonNode root = WireJson.tree(event, "Lambda event");
    assertThat(EventShape.of(root)).isEqualTo(EventShape.SQS);
    List<QueueMessage> expected = new ArrayList<>();
    List<String> traces = new ArrayList<>();
    boolean ordered = false;
    for (int i = 0; i < root.get("Records").size(); i++) {
      JsonNode r = root.get("Records").get(i);
      expected.add(mapping.sqs(r, RecordPaths.sqs(i), event));
      traces.add(r.path("attributes").path("AWSTraceHeader").textValue());
      ordered |= r.get("eventSourceARN").textValue().endsWith(".fifo");
    }
    Batch result = null;
    for (SqsReader.Batch actual : new SqsReader.Batch[] {
        SqsReader.read(event, mapping), SqsReader.read(new ByteArrayInputStream(event), mapping)}) {
      assertThat(actual).as(text(event)).isNotNull();
      assertThat(actual.ordered()).isEqualTo(ordered);
      assertThat(actual.traceHeaders()).containsExactlyElementsOf(traces);
      assertThat(actual.ids()).containsExactlyElementsOf(expected.stream().map(QueueMessage::id).toList());
      for (int i = 0; i < expected.size(); i++) {
        QueueMessage e = expected.get(i);
        QueueMessage a = actual.messages()[i];
        assertThat(a).isEqualTo(e);
        assertThat(a.attributes().keySet()).containsExactlyElementsOf(e.attributes().keySet());
        assertThat(a.origin().attributes()).isEqualTo(e.origin().attributes());
        assertThat(a.origin().payload()).isEqualTo(event);
      }
      result = new Batch(List.of(actual.messages()), List.of(actual.ids()), traces, actual.ordered());
    }
    return result;
  }

  private void notFast(String event) {
    notFast(event.getBytes(StandardCharsets.UTF_8));
  }

  private void notFast(byte[] event) {
    assertThat(SqsReader.read(event, mapping)).as(text(event)).isNull();
    assertThat(SqsReader.read(new ByteArrayInputStream(event), mapping)).as(text(event)).isNull();
  }

  private static boolean mayBe(String event) {
    byte[] b = event.getBytes(StandardCharsets.UTF_8);
    return SqsReader.mayBe(b, Math.min(b.length, HttpV2Reader.HEAD));
  }

  /** sqs.json with its first record changed. */
  private static byte[] edit(Consumer<ObjectNode> change) {
    ObjectNode event = Fixtures.tree("sqs.json");
    change.accept((ObjectNode) event.get("Records").get(0));
    return WireJson.write(event);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
