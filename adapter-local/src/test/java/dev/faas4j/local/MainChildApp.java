package dev.faas4j.local;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;

/** The app {@code LocalRuntimeTest} runs through {@link LocalRuntime#main} in a child JVM. */
public final class MainChildApp implements FunctionApp {
  @Override
  public void configure(Functions f, Platform platform) {
    f.http("hello", route("GET /hello"), (r, c) -> HttpResponse.ok().text("hello from main"));
  }
}
