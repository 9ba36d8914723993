package dev.faas4j.examples.users;

import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;

/** The Users API as an application: two HTTP functions over one key-value table, announcing each new user. */
public final class Users implements FunctionApp {
  /** The logical topic {@link UserCreated} is published to. */
  public static final String USER_CREATED = "user-created";

  @Override
  public void configure(Functions functions, Platform platform) {
    KeyValueStore users = platform.keyValueStore("users");
    MessagePublisher userCreated = platform.messagePublisher(USER_CREATED);
    functions.http("createUser", route("POST /users"), new CreateUser(users, userCreated));
    functions.http("getUser", route("GET /users/{id}"), new GetUser(users));
  }
}
