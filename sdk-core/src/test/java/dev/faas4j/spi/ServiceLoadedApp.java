package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.trigger.Triggers;

/** Listed in src/test/resources/META-INF/services/dev.faas4j.FunctionApp. */
public final class ServiceLoadedApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    functions.http("ping", Triggers.route("GET /ping"), (request, context) -> HttpResponse.ok().text("pong"));
  }
}
