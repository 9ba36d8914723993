package dev.faas4j.bench.app;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import org.jspecify.annotations.Nullable;

/** The trivial HTTP function: {@code {"name":"Ada"}} in, {@code {"message":"Hello, Ada"}} out. */
public final class Greet implements HttpFunction {
  /** The request body. */
  public record Greeting(@Nullable String name) {}

  /** The response body. */
  public record Reply(String message) {}

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    Greeting g = request.json(Greeting.class);
    return HttpResponse.ok().json(new Reply("Hello, " + g.name()));
  }
}
