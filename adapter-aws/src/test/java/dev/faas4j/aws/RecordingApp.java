package dev.faas4j.aws;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.port.ObjectStorage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application with one function per trigger kind that records what it was given. */
final class RecordingApp implements FunctionApp {
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
  final List<InvocationContext> contexts = new CopyOnWriteArrayList<>();

  @Override
  public void configure(Functions f, Platform platform) {
    ObjectStorage images = platform.objectStorage("raw-images");
    f.http("echo", route("ANY /echo/{rest+}"), (request, ctx) -> {
      requests.add(request);
      contexts.add(ctx);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("method", request.method());
      body.put("path", request.path());
      body.put("rawQuery", request.rawQuery());
      body.put("query", request.query().asMap());
      body.put("cookies", request.cookies());
      body.put("body", Base64.getEncoder().encodeToString(request.body()));
      body.put("sourceIp", request.sourceIp().orElse(null));
      body.put("rest", request.pathParameter("rest"));
      return HttpResponse.status(201).header("X-Multi", "one").header("X-Multi", "two")
          .cookie("a=1; Path=/").cookie("b=2; HttpOnly").json(body);
    });
    f.http("health", route("GET /health"), (request, ctx) -> HttpResponse.ok().text("ok"));
    f.http("upload", route("PUT /upload"), (request, ctx) -> {
      requests.add(request);
      return HttpResponse.ok().body(request.body(), request.contentType().orElse("application/octet-stream"));
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      events.add(m);
      if (m.text().equals("fail")) {
        throw new IllegalStateException("order failed");
      }
    });
    f.onQueueMessage("clicks", queue("clicks"), (m, ctx) -> {
      events.add(m);
      if (m.text().equals("fail")) {
        throw new IllegalStateException("click failed");
      }
    });
    f.onQueueMessage("userChanges", queue("users"), (m, ctx) -> {
      events.add(m);
      if (m.change().orElseThrow().operation() == dev.faas4j.event.ChangeRecord.Operation.MODIFY) {
        throw new IllegalStateException("change failed");
      }
    });
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> {
      events.add(m);
      contexts.add(ctx);
      if (m.text().equals("boom")) {
        throw new IllegalStateException("welcome failed");
      }
    });
    f.onObject("thumbnail", bucket("raw-images").on(ObjectEventKind.CREATED, ObjectEventKind.DELETED), (e, ctx) -> {
      events.add(e);
      images.head(e.key()); // the port applies the portable key rules
    });
    f.onSchedule("dailyReport", cron("0 2 * * *"), (e, ctx) -> events.add(e));
  }
}
