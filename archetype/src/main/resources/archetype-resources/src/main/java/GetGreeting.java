package ${package};

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;

/** GET /greetings/{name}: the stored greeting, or 404 while it is not written yet. */
public final class GetGreeting implements HttpFunction {
  private final KeyValueStore greetings;

  public GetGreeting(KeyValueStore greetings) {
    this.greetings = greetings;
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    return greetings.get(request.pathParameter("name"))
        .map(entry -> HttpResponse.ok().body(entry.value(), "text/plain; charset=utf-8"))
        .orElseGet(() -> HttpResponse.status(404).text("No greeting yet"));
  }
}
