package dev.faas4j.bench.app;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.bench.Seen;

/**
 * The trivial functions of the per-invocation benchmarks: the HTTP greeting, a queue function (SQS, Azure Queue
 * Storage) that parses each order and reads the message's metadata, and a storage function that reads the object's bucket, key and size.
 */
public final class BenchApp implements FunctionApp {
  /** A queue message body. */
  public record Order(String orderId, long amount) {}

  @Override
  public void configure(Functions functions, Platform platform) {
    functions.http("greet", route("POST /greet"), new Greet());
    functions.onQueueMessage("orders", queue("orders"), (message, context) -> {
      Order order = message.json(Order.class);
      Seen.order(order.amount());
      Seen.delivery(message.queue(), message.id(), message.deliveryAttempt().orElse(0),
          message.time().isPresent() ? message.time().get().toEpochMilli() : 0L,
          message.attributes());
    });
    functions.onObject("uploads", bucket("uploads"), (event, context) ->
        Seen.object(event.bucket(), event.key(), event.size().orElse(-1)));
  }
}
