package dev.faas4j.examples.orders;

import dev.faas4j.HttpFunction;
import dev.faas4j.InvocationContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.OutgoingMessage;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /orders}: puts one order (a JSON object) or several (an array of up to 100) on the {@code orders}
 * queue and answers 202 with the message ids. It stands in for whatever produces orders upstream, so it forwards
 * each element as it is, unchecked: that is how a poison message can be sent by hand to watch it dead-lettered.
 */
public final class PlaceOrders implements HttpFunction {
  static final int MAX_ORDERS = 100;

  private final MessageQueue orders;

  public PlaceOrders(MessageQueue orders) {
    this.orders = orders;
  }

  @Override
  public HttpResponse handle(HttpRequest request, InvocationContext context) {
    String text = request.text().stripLeading();
    List<?> items = text.startsWith("[") ? request.json(List.class) : List.of(request.json(Map.class));
    if (items.isEmpty() || items.size() > MAX_ORDERS) {
      return HttpResponse.status(400).text("Send 1 to " + MAX_ORDERS + " orders");
    }
    List<OutgoingMessage> messages = items.stream().map(item -> OutgoingMessage.json(item == null ? "null" : item))
        .toList();
    List<String> ids = orders.sendBatch(messages);
    context.logger().info("Orders queued", "count", ids.size());
    return HttpResponse.status(202).json(Map.of("queued", ids.size(), "messageIds", ids));
  }
}
