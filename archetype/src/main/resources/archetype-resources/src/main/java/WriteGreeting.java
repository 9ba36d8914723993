package ${package};

import dev.faas4j.InvocationContext;
import dev.faas4j.QueueFunction;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.port.KeyValueStore;
import java.nio.charset.StandardCharsets;

/** Takes a greeting request off the queue and stores the greeting; a failure is retried, then dead-lettered. */
public final class WriteGreeting implements QueueFunction {
  private final KeyValueStore greetings;

  public WriteGreeting(KeyValueStore greetings) {
    this.greetings = greetings;
  }

  @Override
  public void handle(QueueMessage message, InvocationContext context) {
    GreetingRequest request = message.json(GreetingRequest.class);
    greetings.put(request.name(), ("Hello, " + request.name() + "!").getBytes(StandardCharsets.UTF_8));
  }
}
