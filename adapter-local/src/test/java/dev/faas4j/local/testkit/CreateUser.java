package dev.faas4j.local.testkit;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A function as a user writes it: POST /users with {@code {"name": ..., "password": ...}}. */
final class CreateUser implements HttpFunction {
  record NewUser(String name, String password) {}

  private final KeyValueStore users;

  CreateUser(KeyValueStore users) {
    this.users = users;
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    NewUser user = request.json(NewUser.class); // malformed JSON: InvalidEventException, a 400
    if (user.name() == null || user.name().isBlank()) {
      return HttpResponse.status(400).text("Missing name");
    }
    String id = "u-" + user.name().toLowerCase(java.util.Locale.ROOT);
    users.put(id, user.name().getBytes(StandardCharsets.UTF_8));
    context.logger().info("User created", "userId", id, "password", user.password());
    return HttpResponse.created().header("Location", "/users/" + id).json(Map.of("id", id));
  }
}
