package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.bench.Seen;
import dev.faas4j.bench.baseline.SqsBatchBaseline.Order;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lean hand-written Lambda handler for an SQS event: reads the event as a Jackson tree (no event records), reads
 * per record what faas4j's adapter maps (message id, source queue, receive count, time sent, string message
 * attributes), binds the body as an order, and writes the partial batch response ({@code batchItemFailures}) with a
 * {@code JsonGenerator}.
 */
public final class SqsLeanBaseline implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = MAPPER.readTree(input);
    List<String> failures = new ArrayList<>(0);
    for (JsonNode r : event.path("Records")) {
      String id = r.path("messageId").asText();
      try {
        JsonNode a = r.path("attributes");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : r.path("messageAttributes").properties()) {
          JsonNode value = e.getValue().path("stringValue");
          if (value.isTextual()) {
            attributes.put(e.getKey(), value.textValue());
          }
        }
        String arn = r.path("eventSourceARN").asText();
        Order order = MAPPER.readValue(r.path("body").asText(), Order.class);
        Seen.order(order.amount());
        Seen.delivery(arn.substring(arn.lastIndexOf(':') + 1), id,
            Integer.parseInt(a.path("ApproximateReceiveCount").asText("1")),
            Long.parseLong(a.path("SentTimestamp").asText("0")), attributes);
      } catch (IOException | RuntimeException e) {
        failures.add(id);
      }
    }
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(output)) {
      g.writeStartObject();
      g.writeArrayFieldStart("batchItemFailures");
      for (String id : failures) {
        g.writeStartObject();
        g.writeStringField("itemIdentifier", id);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
