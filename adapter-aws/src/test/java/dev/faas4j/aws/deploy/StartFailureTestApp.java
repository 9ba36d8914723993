package dev.faas4j.aws.deploy;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;

/** An app that loads in the build and fails to start under the runtime client (a setting missing there). */
public final class StartFailureTestApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    if (System.getenv("AWS_LAMBDA_RUNTIME_API") != null) {
      throw new IllegalStateException("FAAS4J_TEST_SETTING is not set");
    }
    functions.http("hello", route("GET /hello"), (request, context) -> HttpResponse.ok().text("hello"));
  }
}
