package dev.faas4j.azure;

import dev.faas4j.spi.TraceAttributes;
import java.util.Map;
import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link MessagePublisher} on a Service Bus topic: the body as the message body, attributes as application
 * properties, the group key as the session id, the deduplication id (or a random UUID) as the message id, which
 * {@link #publish} returns. A delay is refused, as for every topic.
 */
final class ServiceBusMessagePublisher implements MessagePublisher {
  private final String topic;
  private final Consumer<ServiceBusMessage> sender;

  public ServiceBusMessagePublisher(ServiceBusSenderClient sender) {
    this(sender.getEntityPath(), sender::sendMessage);
  }

  /** For tests that check the messages sent, without a Service Bus namespace. */
  ServiceBusMessagePublisher(String topic, Consumer<ServiceBusMessage> sender) {
    this.topic = topic;
    this.sender = sender;
  }

  /** A publisher to {@code topic} of the namespace in {@code connectionString} (AMQP over TCP). */
  public static ServiceBusMessagePublisher create(String connectionString, String topic) {
    return new ServiceBusMessagePublisher(new ServiceBusClientBuilder().connectionString(connectionString).sender()
        .topicName(topic).buildClient());
  }

  @Override
  public String topic() {
    return topic;
  }

  static final String DIAGNOSTIC_ID = "Diagnostic-Id";

  @Override
  public String publish(OutgoingMessage message) {
    Keys.publishable(message);
    String id = message.deduplicationId().orElseGet(() -> UUID.randomUUID().toString());
    ServiceBusMessage sb = new ServiceBusMessage(BinaryData.fromBytes(message.body())).setMessageId(id);
    message.groupKey().ifPresent(sb::setSessionId);
    // The sending invocation's trace: traceparent/tracestate as OpenTelemetry's messaging conventions name them,
    // and Diagnostic-Id, which the Service Bus SDK and the Functions host read to continue a trace.
    Map<String, String> attributes = TraceAttributes.outgoing(message.attributes(), Integer.MAX_VALUE);
    sb.getApplicationProperties().putAll(attributes);
    String traceparent = attributes.get(TraceAttributes.TRACEPARENT);
    if (traceparent != null) {
      sb.getApplicationProperties().putIfAbsent(DIAGNOSTIC_ID, traceparent);
    }
    try {
      sender.accept(sb);
      return id;
    } catch (RuntimeException e) {
      Reason reason = e instanceof com.azure.messaging.servicebus.ServiceBusException s && s.isTransient()
          ? Reason.UNAVAILABLE : StorageErrors.reason(e) == Reason.UNAVAILABLE ? Reason.UNAVAILABLE : Reason.UNKNOWN;
      throw new MessagePublisherException(reason, "Publish to topic failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "ServiceBusMessagePublisher[" + topic + "]";
  }
}
