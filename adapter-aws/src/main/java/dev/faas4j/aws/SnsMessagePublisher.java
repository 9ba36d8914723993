package dev.faas4j.aws;

import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.LogicalNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * {@link MessagePublisher} on one SNS topic, given by ARN (recommended) or by name, which is looked up once with
 * ListTopics. Bodies that are not SNS text travel base64-encoded with the attribute {@code faas4j-encoding}, which
 * {@link LambdaHandler} reads back. Topics deliver at once, so a message with a delay is refused.
 */
final class SnsMessagePublisher implements MessagePublisher {
  private final Supplier<SnsClient> client;
  private final String topic;
  private final String nameOrArn;
  private volatile @Nullable String arn;

  /** A publisher to {@code nameOrArn}, a topic ARN or a topic name. */
  SnsMessagePublisher(SnsClient client, String nameOrArn) {
    this(() -> client, LogicalNames.lastSegment(nameOrArn), nameOrArn);
  }

  SnsMessagePublisher(Supplier<SnsClient> client, String topic, String nameOrArn) {
    this.client = client;
    this.topic = topic;
    this.nameOrArn = nameOrArn;
    if (nameOrArn.startsWith("arn:")) {
      this.arn = nameOrArn;
    }
  }

  @Override
  public String topic() {
    return topic;
  }

  /** The topic's ARN, looked up on first use when a name was given. */
  public String topicArn() {
    String a = arn;
    if (a == null) {
      try {
        a = client.get().listTopicsPaginator(b -> { }).topics().stream().map(Topic::topicArn)
            .filter(t -> LogicalNames.lastSegment(t).equals(nameOrArn)).findFirst()
            .orElseThrow(() -> new MessagePublisherException(Reason.NOT_FOUND,
                "No SNS topic named " + nameOrArn + " is visible; set FAAS4J_TOPIC_<NAME> to its ARN"));
      } catch (SdkException e) {
        throw failure("SNS ListTopics", e);
      }
      arn = a;
    }
    return a;
  }

  @Override
  public String publish(OutgoingMessage message) {
    Keys.publishable(message);
    BodyEncoding.Encoded body = BodyEncoding.encode(message.body());
    Map<String, String> attributes;
    try {
      attributes = OutgoingAttributes.marked(OutgoingAttributes.traced(message.attributes(), body.encoding()),
          body.encoding());
    } catch (MessageQueueException e) {
      throw new MessagePublisherException(e.reason(), String.valueOf(e.getMessage()), e);
    }
    Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
    attributes.forEach((k, v) -> values.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v)
        .build()));
    PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn()).message(body.text())
        .messageAttributes(values);
    message.groupKey().ifPresent(request::messageGroupId);
    message.deduplicationId().ifPresent(request::messageDeduplicationId);
    try {
      return client.get().publish(request.build()).messageId();
    } catch (SdkException e) {
      throw failure("SNS Publish", e);
    }
  }

  private static MessagePublisherException failure(String operation, SdkException e) {
    return new MessagePublisherException(AwsErrors.reason(e), AwsErrors.message(operation, e), e);
  }
}
