package ${package};

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.OutgoingMessage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** POST /greetings {"name": "Ada"}: queues the greeting and answers 202 at once. */
public final class RequestGreeting implements HttpFunction {
  private final MessageQueue requests;

  public RequestGreeting(MessageQueue requests) {
    this.requests = requests;
  }

  record Request(@Nullable String name) {}

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    Request body = request.json(Request.class); // malformed JSON is a 400 with the reason
    if (body.name() == null || body.name().isBlank()) {
      return HttpResponse.status(400).text("Missing name");
    }
    String id = requests.send(OutgoingMessage.json(new GreetingRequest(body.name())));
    context.logger().info("Greeting queued", "messageId", id);
    return HttpResponse.status(202).json(Map.of("queued", body.name()));
  }
}
