package dev.faas4j.gcp;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.RetryableException;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEventKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application both the in-process tests and the end-to-end tests under the real invoker deploy. Event
 * functions record what they got (in-process) and log it as structured fields (read from the invoker's output).
 * A message body of {@code reject} makes a function throw a client error, {@code flaky} a retryable one.
 */
public final class TestApp implements FunctionApp {
  static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public void configure(Functions f, Platform platform) {
    f.http("echo", route("GET,POST,PUT /echo/{id}"), (req, ctx) -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("method", req.method());
      body.put("path", req.path());
      body.put("id", req.pathParameter("id"));
      body.put("rawQuery", req.rawQuery());
      body.put("q", req.query().all("q"));
      body.put("tags", req.headers().all("X-Tag"));
      body.put("cookie", req.cookie("session").orElse(""));
      body.put("bodyLength", req.bodyLength());
      body.put("traceId", ctx.trace().map(t -> t.traceId()).orElse(""));
      body.put("invocationId", ctx.invocationId());
      body.put("platform", ctx.platform());
      return HttpResponse.ok().header("X-Multi", "a").header("X-Multi", "b").cookie("a=1; Path=/")
          .cookie("b=2; Path=/").json(body);
    });
    f.http("binary", route("POST /binary"), (req, ctx) ->
        HttpResponse.ok().body(req.body(), "application/octet-stream"));
    f.http("fail", route("GET /fail"), (req, ctx) -> {
      throw new IllegalStateException("secret internal detail");
    });
    f.onObject("thumbnail", bucket("raw-images").on(ObjectEventKind.values()), (e, ctx) -> {
      EVENTS.add(e);
      dev.faas4j.port.Keys.objectKey(e.key()); // what every port does before touching the key
      ctx.logger().info("object event", "eventId", e.id(), "kind", e.kind().name(), "bucket", e.bucket(), "key", e.key(),
          "size", e.size().isPresent() ? e.size().getAsLong() : -1, "generation", e.version().orElse(""));
    });
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> {
      EVENTS.add(m);
      ctx.logger().info("topic message", "messageId", m.id(), "topic", m.topic(), "text", m.text(),
          "attempt", m.deliveryAttempt().orElse(0), "orderingKey", m.groupKey().orElse(""),
          "attrs", m.attributes());
      failOn(m.text());
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      EVENTS.add(m);
      failOn(m.text());
    });
    f.onCloudEvent("documents", dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.firestore.document.v1.written"),
        (e, ctx) -> {
          EVENTS.add(e);
          ctx.logger().info("cloud event", "eventId", e.id(), "type", e.type(), "subject", e.subject().orElse(""),
              "contentType", e.dataContentType().orElse(""), "dataLength", e.data().length,
              "extensions", e.extensions());
        });
    f.onSchedule("nightly", cron("0 2 * * *"), (e, ctx) -> {
      EVENTS.add(e);
      ctx.logger().info("schedule", "schedule", e.schedule(), "scheduledTime", e.scheduledTime().toString());
    });
  }

  private static void failOn(String text) {
    if (text.equals("reject")) {
      throw new InvalidEventException("the function rejected this message");
    }
    if (text.equals("flaky")) {
      throw new RetryableException("try again");
    }
  }
}
