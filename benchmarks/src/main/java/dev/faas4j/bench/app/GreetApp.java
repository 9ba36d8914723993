package dev.faas4j.bench.app;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;

/** One HTTP function: what the cold-start and throughput runs deploy. */
public final class GreetApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    functions.http("greet", route("POST /greet"), new Greet());
  }
}
