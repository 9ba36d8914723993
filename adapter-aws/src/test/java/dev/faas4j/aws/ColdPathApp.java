package dev.faas4j.aws;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;

/** One HTTP function binding JSON both ways, written without lambdas: what {@link ColdPathTest} starts. */
public final class ColdPathApp implements FunctionApp {
  /** The request body. */
  public record Greeting(String name) {}

  /** The response body. */
  public record Reply(String message) {}

  @Override
  public void configure(Functions functions, Platform platform) {
    functions.http("greet", route("POST /greet"), new Greet());
  }

  private static final class Greet implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, InvocationContext context) {
      return HttpResponse.ok().json(new Reply("Hello, ".concat(request.json(Greeting.class).name())));
    }
  }
}
