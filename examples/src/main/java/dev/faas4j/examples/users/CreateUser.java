package dev.faas4j.examples.users;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.Json;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.OutgoingMessage;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /users {"name": "Ada"}}: saves the user, publishes {@link UserCreated}, and answers
 * {@code {"message":"Success","id":...}}.
 */
public final class CreateUser implements HttpFunction {
  private final KeyValueStore users;
  private final MessagePublisher userCreated;

  public CreateUser(KeyValueStore users, MessagePublisher userCreated) {
    this.users = users;
    this.userCreated = userCreated;
  }

  record NewUser(@Nullable String name) {}

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    NewUser body = request.json(NewUser.class); // malformed JSON is a 400 with the reason, not a 500
    if (body.name() == null || body.name().isBlank()) {
      return HttpResponse.status(400).text("Missing name");
    }
    String id = UUID.randomUUID().toString();
    users.put(id, Json.toBytes(new User(id, body.name())));
    userCreated.publish(OutgoingMessage.json(new UserCreated(id, body.name(), context.clock().instant())));
    context.logger().info("User created", "userId", id);
    return HttpResponse.ok().json(Map.of("message", "Success", "id", id));
  }
}
