package dev.faas4j.aws.deploy;

import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;

/** The app of the training tests: an HTTP function, a queue consumer, and a schedule that always fails. */
public final class TrainingTestApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    functions.http("greet", route("POST /greet/{who}"), (request, context) ->
        HttpResponse.ok().text("Hello, " + request.pathParameter("who")));
    functions.onQueueMessage("orders", queue("orders"), (message, context) -> { });
    functions.onSchedule("nightly", cron("0 2 * * *"), (event, context) -> {
      throw new IllegalStateException("fails on purpose: a failing function still trains its path");
    });
  }
}
