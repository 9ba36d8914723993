package dev.faas4j.gcp;

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
import dev.faas4j.event.ObjectEventKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An app with every kind a Google Cloud delivery can reach, including CloudEvent functions (which change how
 * events of no portable kind are answered), recording what each function got.
 */
final class EventFactsApp implements FunctionApp {
  static final String AUDIT = "google.cloud.audit.log.v1.written";
  static final String FIRESTORE_WRITTEN = "google.cloud.firestore.document.v1.written";
  static final String CLAIMED_BUCKET = "//storage.googleapis.com/projects/_/buckets/claimed";
  static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
  static final List<HttpRequest> REQUESTS = new CopyOnWriteArrayList<>();

  @Override
  public void configure(Functions f, Platform platform) {
    f.http("echo", route("GET,POST /echo/{id}"), (req, ctx) -> {
      REQUESTS.add(req);
      return HttpResponse.ok().text("ok");
    });
    f.onObject("thumbnail", bucket("raw-images").on(ObjectEventKind.values()), (e, ctx) -> EVENTS.add(e));
    f.onTopicMessage("welcome", topic("user-created"), (m, ctx) -> EVENTS.add(m));
    f.onTopicMessage("audit-trail", topic("audit"), (m, ctx) -> EVENTS.add(m));
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> EVENTS.add(m));
    f.onSchedule("nightly", cron("0 2 * * *"), (e, ctx) -> EVENTS.add(e));
    f.onCloudEvent("audited", cloudEvent(AUDIT), (e, ctx) -> EVENTS.add(e));
    f.onCloudEvent("documents", cloudEvent(FIRESTORE_WRITTEN)
        .source("//firestore.googleapis.com/projects/project-id/databases/(default)"), (e, ctx) -> EVENTS.add(e));
    f.onCloudEvent("custom", cloudEvent("com.example.order.v1.placed"), (e, ctx) -> EVENTS.add(e));
    // a portable type claimed as a CloudEvent for one source
    f.onCloudEvent("rawUploads", cloudEvent("google.cloud.storage.object.v1.finalized").source(CLAIMED_BUCKET),
        (e, ctx) -> EVENTS.add(e));
  }
}
