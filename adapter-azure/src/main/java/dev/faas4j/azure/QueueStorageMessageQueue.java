package dev.faas4j.azure;

import java.util.Map;
import dev.faas4j.spi.TraceAttributes;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.SendMessageResult;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.MessageQueueException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageQueue} on an Azure Storage queue.
 *
 * <ul>
 *   <li>The message text is base64, which is what the Functions host expects by default
 *       ({@code host.json extensions.queues.messageEncoding = base64}); the host decodes it before the function
 *       sees it. Build the client without a message encoding: this class encodes.
 *   <li>A delay is the message's initial visibility timeout.
 *   <li>Queue Storage has no attributes: a message with attributes travels in a small JSON envelope that the
 *       adapter's queue entry unwraps (see README). Group keys are refused (no FIFO); deduplication ids are ignored.
 *   <li>A body whose encoded message would pass the 64 KiB limit is written to the {@code overflow} container and
 *       the message carries its name (claim check); without an overflow container it is refused as
 *       {@link Reason#TOO_LARGE}. Overflow blobs are not deleted by the consumer: give the container a lifecycle
 *       rule.
 * </ul>
 */
final class QueueStorageMessageQueue implements MessageQueue {
  /** The largest message text Queue Storage accepts. */
  static final int MAX_MESSAGE_CHARS = 64 * 1024;

  private final QueueClient queue;
  private final @Nullable BlobContainerClient overflow;

  public QueueStorageMessageQueue(QueueClient queue, @Nullable BlobContainerClient overflow) {
    this.queue = queue;
    this.overflow = overflow;
  }

  public QueueStorageMessageQueue(QueueClient queue) {
    this(queue, null);
  }

  /**
   * A queue of the account in {@code connectionString}, over the JDK HTTP client, with large bodies going to
   * {@code overflowContainer} (null: refuse them).
   */
  public static QueueStorageMessageQueue create(String connectionString, String queue,
      @Nullable String overflowContainer) {
    QueueClient client = new QueueClientBuilder().connectionString(connectionString).queueName(queue)
        .httpClient(AzureClients.httpClient()).buildClient();
    BlobContainerClient blobs = overflowContainer == null ? null
        : new BlobServiceClientBuilder().connectionString(connectionString).httpClient(AzureClients.httpClient())
            .buildClient().getBlobContainerClient(overflowContainer);
    return new QueueStorageMessageQueue(client, blobs);
  }

  @Override
  public String queue() {
    return queue.getQueueName();
  }

  @Override
  public String send(OutgoingMessage message) {
    if (message.groupKey().isPresent()) {
      throw new MessageQueueException(Reason.INVALID_ARGUMENT,
          "Azure Queue Storage has no message groups (FIFO); use Service Bus sessions for ordered delivery");
    }
    // Queue Storage has no attributes: a message with none travels as its plain body, which any consumer reads as
    // sent, so it carries no trace either; one already in an envelope carries the trace there.
    Map<String, String> attributes = message.attributes().isEmpty() ? Map.of()
        : TraceAttributes.outgoing(message.attributes(), Integer.MAX_VALUE);
    byte[] payload = attributes.isEmpty() ? message.body() : QueueEnvelope.wrap(message.body(), attributes);
    String text = Base64.getEncoder().encodeToString(payload);
    if (text.length() > MAX_MESSAGE_CHARS) {
      text = Base64.getEncoder().encodeToString(QueueEnvelope.pointer(store(message.body()), attributes));
    }
    Duration delay = message.delay().isZero() ? null : message.delay();
    try {
      SendMessageResult result = queue.sendMessageWithResponse(BinaryData.fromString(text), delay, null, null, null)
          .getValue();
      return result.getMessageId();
    } catch (RuntimeException e) {
      throw new MessageQueueException(StorageErrors.reason(e), StorageErrors.describe("Send message", e), e);
    }
  }

  private String store(byte[] body) {
    if (overflow == null) {
      throw new MessageQueueException(Reason.TOO_LARGE, "Message body has " + body.length
          + " bytes, more than an Azure queue message holds once base64-encoded, and no overflow container is set");
    }
    String name = queue() + "/" + UUID.randomUUID();
    try {
      overflow.getBlobClient(name).upload(BinaryData.fromBytes(body));
      return name;
    } catch (RuntimeException e) {
      throw new MessageQueueException(StorageErrors.reason(e), StorageErrors.describe("Store large message body", e),
          e);
    }
  }

  /** Decodes a message's text as this class wrote it: base64, then the envelope if any. */
  static QueueEnvelope.Content decode(String text, @Nullable BlobContainerClient overflow) {
    byte[] payload = dev.faas4j.spi.Wire.base64(text, "Queue message");
    return QueueEnvelope.unwrap(payload, name -> readOverflow(overflow, name));
  }

  static byte[] readOverflow(@Nullable BlobContainerClient overflow, String name) {
    if (overflow == null) {
      throw new IllegalStateException("The message body is in overflow blob storage, but no overflow container is "
          + "configured");
    }
    return overflow.getBlobClient(name).downloadContent().toBytes();
  }

  @Override
  public String toString() {
    return "QueueStorageMessageQueue[" + queue() + "]";
  }

}
