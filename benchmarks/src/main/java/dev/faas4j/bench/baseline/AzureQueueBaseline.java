package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.microsoft.azure.functions.ExecutionContext;
import dev.faas4j.bench.Seen;
import dev.faas4j.bench.baseline.SqsBatchBaseline.Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The hand-written Azure Functions Queue Storage trigger method, using Jackson directly: what an
 * {@code @QueueTrigger(dataType = "binary")} method with {@code @BindingName} parameters for {@code Id},
 * {@code DequeueCount} and {@code InsertionTime} does to read the same fields faas4j's adapter maps (id, delivery
 * attempt, time sent) and bind the body as an order. A failure throws, so that the host retries the message and
 * moves it to the poison queue after {@code maxDequeueCount} attempts, as faas4j's adapter does.
 */
public final class AzureQueueBaseline {
  public void run(byte[] message, String id, String dequeueCount, String insertionTime, ExecutionContext context) {
    Order order;
    try {
      order = MAPPER.readValue(message, Order.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Seen.order(order.amount());
    // The worker passes trigger metadata as JSON text: a time arrives quoted.
    String time = insertionTime.length() >= 2 && insertionTime.charAt(0) == '"'
        ? insertionTime.substring(1, insertionTime.length() - 1) : insertionTime;
    Seen.delivery("orders", id, // the queue its @QueueTrigger annotation names
        Integer.parseInt(dequeueCount), OffsetDateTime.parse(time).toInstant().toEpochMilli(),
        Map.of());
  }
}
