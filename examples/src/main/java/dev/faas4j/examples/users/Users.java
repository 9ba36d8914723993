package dev.faas4j.examples.users;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;

import static dev.faas4j.trigger.Triggers.route;

/** The Users API as an application: two HTTP functions over one key-value table. */
public final class Users implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    KeyValueStore users = platform.keyValueStore("users");
    functions.http("createUser", route("POST /users"), new CreateUser(users));
    functions.http("getUser", route("GET /users/{id}"), new GetUser(users));
  }

}
