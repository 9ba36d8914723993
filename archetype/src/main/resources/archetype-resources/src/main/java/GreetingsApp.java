package ${package};

import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessageQueue;

/**
 * The application: its functions, their triggers and the resources they use, by logical name. Each cloud maps the
 * names to its own resources (a DynamoDB table, a Firestore collection, an Azure table...).
 */
public final class GreetingsApp implements FunctionApp {
  @Override
  public void configure(Functions functions, Platform platform) {
    MessageQueue requests = platform.messageQueue("greeting-requests");
    KeyValueStore greetings = platform.keyValueStore("greetings");
    functions.http("requestGreeting", route("POST /greetings"), new RequestGreeting(requests));
    functions.http("getGreeting", route("GET /greetings/{name}"), new GetGreeting(greetings));
    functions.onQueueMessage("writeGreeting", queue("greeting-requests"), new WriteGreeting(greetings))
        .maxDeliveries(3);
  }
}
