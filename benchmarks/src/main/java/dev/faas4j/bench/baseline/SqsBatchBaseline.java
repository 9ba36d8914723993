package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faas4j.bench.Seen;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written Lambda handler for an SQS batch, using Jackson directly: binds each record (id, body, attributes,
 * message attributes, source queue), binds each body as an order, reads the queue name, receive count and time sent
 * as faas4j's adapter maps them, and answers {@code batchItemFailures} with the
 * records that failed (partial batch response).
 */
public final class SqsBatchBaseline implements RequestStreamHandler {
  /** The SQS event. */
  public record Event(@Nullable List<SqsRecord> Records) {}

  /** One record. */
  public record SqsRecord(String messageId, @Nullable String body, @Nullable Map<String, String> attributes,
      @Nullable Map<String, MessageAttribute> messageAttributes, @Nullable String eventSourceARN) {}

  /** A message attribute. */
  public record MessageAttribute(@Nullable String stringValue, @Nullable String dataType) {}

  /** A queue message body. */
  public record Order(String orderId, long amount) {}

  /** The partial batch response. */
  public record Response(List<Failure> batchItemFailures) {}

  /** One failed item. */
  public record Failure(String itemIdentifier) {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Event event = MAPPER.readValue(input, Event.class);
    List<Failure> failures = new ArrayList<>();
    if (event.Records() != null) {
      for (SqsRecord r : event.Records()) {
        try {
          Order order = MAPPER.readValue(r.body() == null ? "" : r.body(), Order.class);
          Seen.order(order.amount());
          Map<String, String> a = r.attributes() == null ? Map.of() : r.attributes();
          Map<String, String> attributes = new LinkedHashMap<>();
          if (r.messageAttributes() != null) {
            r.messageAttributes().forEach((k, v) -> {
              if (v.stringValue() != null) {
                attributes.put(k, v.stringValue());
              }
            });
          }
          String arn = r.eventSourceARN() == null ? "" : r.eventSourceARN();
          Seen.delivery(arn.substring(arn.lastIndexOf(':') + 1), r.messageId(),
              Integer.parseInt(a.getOrDefault("ApproximateReceiveCount", "1")),
              Long.parseLong(a.getOrDefault("SentTimestamp", "0")), attributes);
        } catch (IOException | RuntimeException e) {
          failures.add(new Failure(r.messageId()));
        }
      }
    }
    MAPPER.writeValue(output, new Response(failures));
  }
}
