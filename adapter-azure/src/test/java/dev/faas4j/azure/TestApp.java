package dev.faas4j.azure;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cloudEvent;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEventKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application the entry tests run (found through META-INF/services, as on Azure). Records what it receives. */
public final class TestApp implements FunctionApp {
  static final List<Object> RECEIVED = new CopyOnWriteArrayList<>();

  @Override
  public void configure(Functions f, Platform platform) {
    f.http("echo", route("POST /echo"), (req, ctx) -> {
      RECEIVED.add(req);
      ctx.logger().info("echoing", "bytes", req.bodyLength());
      return HttpResponse.ok().header("Content-Type", req.contentType().orElse("application/octet-stream"))
          .header("X-Invocation", ctx.invocationId()).body(req.body(), "application/octet-stream");
    });
    f.http("getUser", route("GET /users/{id}"), (req, ctx) -> {
      RECEIVED.add(req);
      return HttpResponse.ok().json(Map.of("id", req.pathParameter("id"), "tags", req.query().all("tag")));
    });
    f.http("cookies", route("GET /cookies"), (req, ctx) -> HttpResponse.ok().cookie("a=1; Path=/")
        .cookie("b=2; Path=/").header("X-Multi", "one").header("X-Multi", "two").text("ok"));
    f.http("failing", route("GET /fail/{kind}"), (HttpRequest req, dev.faas4j.InvocationContext ctx) -> {
      if (req.pathParameter("kind").equals("bad")) {
        throw new InvalidEventException("bad input");
      }
      throw new IllegalStateException("boom with secret payload");
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      RECEIVED.add(m);
      if (m.text().equals("poison")) {
        throw new IllegalStateException("cannot process");
      }
      if (m.text().equals("invalid")) {
        throw new InvalidEventException("order is invalid");
      }
    });
    f.onObject("thumbnail", bucket("raw-images").suffix(".png"), (e, ctx) -> RECEIVED.add(e));
    f.onObject("blobChanges", bucket("documents").on(ObjectEventKind.CREATED, ObjectEventKind.DELETED),
        (e, ctx) -> RECEIVED.add(e));
    f.onSchedule("nightly", cron("30 2 * * *"), (e, ctx) -> RECEIVED.add(e));
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> RECEIVED.add(m));
    f.onCloudEvent("itemReceived", cloudEvent("Contoso.Items.ItemReceived"), (e, ctx) -> RECEIVED.add(e));
    f.onCloudEvent("recordInserted", cloudEvent("recordInserted"), (e, ctx) -> RECEIVED.add(e));
    f.onCloudEvent("blobAudit", cloudEvent("Microsoft.Storage.BlobCreated"), (e, ctx) -> RECEIVED.add(e));
  }

  static <T> T last(Class<T> type) {
    for (int i = RECEIVED.size() - 1; i >= 0; i--) {
      if (type.isInstance(RECEIVED.get(i))) {
        return type.cast(RECEIVED.get(i));
      }
    }
    throw new AssertionError("nothing of type " + type.getSimpleName() + " received");
  }

  static boolean receivedAny(Class<? extends Event> type) {
    return RECEIVED.stream().anyMatch(type::isInstance);
  }
}
