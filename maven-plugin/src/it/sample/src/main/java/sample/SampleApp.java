package sample;

import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A greeting, notes: HTTP functions on a key-value store, a queue consumer with per-function options, a nightly schedule. */
public final class SampleApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    KeyValueStore notes = platform.keyValueStore("notes");
    functions.http("hello", route("GET /hello/{name}"),
        (request, context) -> HttpResponse.ok().text("hello " + request.pathParameter("name")));
    functions.http("putNote", route("PUT /notes/{id}"), (request, context) -> {
      notes.put(request.pathParameter("id"), request.body());
      return HttpResponse.status(204).empty();
    });
    functions.http("getNote", route("GET /notes/{id}"), (request, context) -> notes.get(request.pathParameter("id"))
        .map(e -> HttpResponse.ok().text(new String(e.value(), StandardCharsets.UTF_8)))
        .orElseGet(() -> HttpResponse.status(404).text("no note " + request.pathParameter("id"))));
    functions.onQueueMessage("archive", queue("archive"), (message, context) -> context.logger().info("archived"))
        .timeout(Duration.ofMinutes(2)).memoryMb(1024).maxDeliveries(4);
    functions.onSchedule("nightly", cron("30 2 * * *"), (event, context) -> context.logger().info("nightly"));
  }
}
