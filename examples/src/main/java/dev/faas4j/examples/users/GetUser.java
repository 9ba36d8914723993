package dev.faas4j.examples.users;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;

/** {@code GET /users/{id}}: the stored user, or 404. */
public final class GetUser implements HttpFunction {
  private final KeyValueStore users;

  public GetUser(KeyValueStore users) {
    this.users = users;
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    return users.get(request.pathParameter("id"))
        .map(entry -> HttpResponse.ok().body(entry.value(), "application/json"))
        .orElseGet(() -> HttpResponse.status(404).text("User not found"));
  }
}
