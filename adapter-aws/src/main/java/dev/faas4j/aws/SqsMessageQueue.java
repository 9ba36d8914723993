package dev.faas4j.aws;

import dev.faas4j.TraceContext;
import dev.faas4j.spi.CurrentInvocation;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.LogicalNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link MessageQueue} on one SQS queue. The queue is given as a URL, or as a name whose URL is looked up once
 * with GetQueueUrl and kept. Bodies that are not SQS text (binary, control characters, empty) travel base64-encoded
 * and marked with the attribute {@code faas4j-encoding}, which {@link LambdaHandler} reads back; such a message
 * can carry 9 attributes of its own instead of 10.
 */
final class SqsMessageQueue implements MessageQueue {
  private static final int MAX_BATCH_ENTRIES = 10;
  private static final int MAX_BATCH_BYTES = 256 * 1024;

  private final Supplier<SqsClient> client;
  private final String queue;
  private final String nameOrUrl;
  private volatile @Nullable String url;

  /** A sender to {@code nameOrUrl}, a queue URL or a queue name. */
  SqsMessageQueue(SqsClient client, String nameOrUrl) {
    this(() -> client, LogicalNames.lastSegment(nameOrUrl), nameOrUrl);
  }

  SqsMessageQueue(Supplier<SqsClient> client, String queue, String nameOrUrl) {
    this.client = client;
    this.queue = queue;
    this.nameOrUrl = nameOrUrl;
    if (nameOrUrl.startsWith("https://") || nameOrUrl.startsWith("http://")) {
      this.url = nameOrUrl;
    }
  }

  @Override
  public String queue() {
    return queue;
  }

  /** The queue's URL, looked up on first use. */
  public String queueUrl() {
    String u = url;
    if (u == null) {
      try {
        u = client.get().getQueueUrl(b -> b.queueName(nameOrUrl)).queueUrl();
      } catch (SdkException e) {
        throw failure("SQS GetQueueUrl", e);
      }
      url = u;
    }
    return u;
  }

  @Override
  public String send(OutgoingMessage message) {
    BodyEncoding.Encoded body = BodyEncoding.encode(message.body());
    SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queueUrl())
        .messageBody(body.text()).messageAttributes(attributes(message, body));
    CurrentInvocation.trace().ifPresent(t -> request.messageSystemAttributes(traceHeader(t)));
    if (!message.delay().isZero()) {
      request.delaySeconds((int) message.delay().toSeconds());
    }
    message.groupKey().ifPresent(request::messageGroupId);
    message.deduplicationId().ifPresent(request::messageDeduplicationId);
    try {
      return client.get().sendMessage(request.build()).messageId();
    } catch (SdkException e) {
      throw failure("SQS SendMessage", e);
    }
  }

  @Override
  public List<String> sendBatch(List<OutgoingMessage> messages) {
    String[] ids = new String[messages.size()];
    List<Integer> failed = new ArrayList<>();
    SdkException firstError = null;
    Reason firstReason = null;
    int start = 0;
    while (start < messages.size()) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      int bytes = 0;
      int i = start;
      while (i < messages.size() && entries.size() < MAX_BATCH_ENTRIES) {
        SendMessageBatchRequestEntry entry = entry(i, messages.get(i));
        int size = size(entry);
        if (!entries.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        entries.add(entry);
        bytes += size;
        i++;
      }
      try {
        SendMessageBatchResponse response =
            client.get().sendMessageBatch(b -> b.queueUrl(queueUrl()).entries(entries));
        for (SendMessageBatchResultEntry ok : response.successful()) {
          ids[Integer.parseInt(ok.id())] = ok.messageId();
        }
        for (BatchResultErrorEntry error : response.failed()) {
          failed.add(Integer.parseInt(error.id()));
          if (firstReason == null) {
            firstReason = Boolean.TRUE.equals(error.senderFault()) ? Reason.INVALID_ARGUMENT : Reason.UNAVAILABLE;
          }
        }
      } catch (SdkException e) {
        for (int k = start; k < i; k++) {
          failed.add(k);
        }
        if (firstError == null) {
          firstError = e;
          firstReason = firstReason == null ? AwsErrors.reason(e) : firstReason;
        }
      }
      start = i;
    }
    if (!failed.isEmpty()) {
      failed.sort(null);
      throw MessageQueueException.partial(firstReason == null ? Reason.UNKNOWN : firstReason, failed,
          messages.size(), firstError);
    }
    return Arrays.asList(ids);
  }

  private SendMessageBatchRequestEntry entry(int index, OutgoingMessage message) {
    BodyEncoding.Encoded body = BodyEncoding.encode(message.body());
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(Integer.toString(index))
        .messageBody(body.text()).messageAttributes(attributes(message, body));
    CurrentInvocation.trace().ifPresent(t -> entry.messageSystemAttributes(traceHeader(t)));
    if (!message.delay().isZero()) {
      entry.delaySeconds((int) message.delay().toSeconds());
    }
    message.groupKey().ifPresent(entry::messageGroupId);
    message.deduplicationId().ifPresent(entry::messageDeduplicationId);
    return entry.build();
  }

  private static int size(SendMessageBatchRequestEntry entry) {
    int size = entry.messageBody().getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttributeValue> a : entry.messageAttributes().entrySet()) {
      size += a.getKey().length() + a.getValue().dataType().length()
          + a.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  /**
   * The sending invocation's trace as the {@code AWSTraceHeader} system attribute, which SQS keeps outside the
   * ten message attributes and X-Ray reads; the Lambda mapping falls back to it.
   */
  private static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> traceHeader(TraceContext t) {
    return Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
        MessageSystemAttributeValue.builder().dataType("String").stringValue(XRay.header(t)).build());
  }

  static Map<String, MessageAttributeValue> attributes(OutgoingMessage message, BodyEncoding.Encoded body) {
    Map<String, String> all = OutgoingAttributes.marked(OutgoingAttributes.traced(message.attributes(), body.encoding()),
        body.encoding());
    Map<String, MessageAttributeValue> map = new LinkedHashMap<>();
    all.forEach((k, v) -> map.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
    return map;
  }

  private static MessageQueueException failure(String operation, SdkException e) {
    return new MessageQueueException(AwsErrors.reason(e), AwsErrors.message(operation, e), e);
  }
}
