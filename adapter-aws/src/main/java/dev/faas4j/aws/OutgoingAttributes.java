package dev.faas4j.aws;

import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.TraceAttributes;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The attributes SQS and SNS senders alike put on a message: a class of its own, not in {@code SqsMessageQueue}
 * (which ships only with the SQS SDK) nor {@link BodyEncoding} (which every function reading events ships).
 */
final class OutgoingAttributes {
  private OutgoingAttributes() {}

  /**
   * The message's attributes plus the sending invocation's {@code traceparent} (and {@code tracestate}) where the
   * ten-attribute limit leaves room once the body-encoding mark is counted.
   */
  static Map<String, String> traced(Map<String, String> attributes, @Nullable String encoding) {
    if (attributes.containsKey(BodyEncoding.ATTRIBUTE)) {
      return attributes; // refused by marked(), with the reason
    }
    return TraceAttributes.outgoing(attributes, OutgoingMessage.MAX_ATTRIBUTES - (encoding == null ? 0 : 1));
  }

  /** The message's attributes plus the body-encoding mark; refuses the reserved name and an eleventh attribute. */
  static Map<String, String> marked(Map<String, String> attributes, @Nullable String encoding) {
    if (attributes.containsKey(BodyEncoding.ATTRIBUTE)) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT,
          "Attribute name " + BodyEncoding.ATTRIBUTE + " is reserved by faas4j");
    }
    if (encoding == null) {
      return attributes;
    }
    if (attributes.size() >= OutgoingMessage.MAX_ATTRIBUTES) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT, "A binary or empty body is marked with one "
          + "attribute, so such a message carries at most " + (OutgoingMessage.MAX_ATTRIBUTES - 1) + " of its own");
    }
    Map<String, String> m = new HashMap<>(attributes);
    m.put(BodyEncoding.ATTRIBUTE, encoding);
    return m;
  }
}
