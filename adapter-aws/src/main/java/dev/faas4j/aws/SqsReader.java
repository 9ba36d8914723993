package dev.faas4j.aws;

import static dev.faas4j.aws.StreamedEvent.NOT_FAST;
import static dev.faas4j.aws.StreamedEvent.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.AttributeValue;
import dev.faas4j.event.Origin;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.spi.WireJson;
import java.io.ByteArrayInputStream;
import dev.faas4j.aws.StreamedEvent.NotFast;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for an SQS batch: streamed with a {@link JsonParser} straight into each {@link QueueMessage}
 * (through {@link EventMapping#sqsMessage}, as the tree mapping builds it), without a JSON tree of the batch and
 * without copying the event's bytes. The facts only the origin holds (receipt handle, sender, region...) are checked
 * here to be of a type the tree mapping accepts, and made from the batch's tree when a function first asks.
 *
 * <p>Like {@link HttpV2Reader} it maps only a plainly well-formed batch, every record of it, and answers
 * {@code null} for anything else: malformed JSON, a field of an unexpected type, a repeated field, a number where
 * SQS sends a string, a value the mapping rejects (a record the tree path rejects alone). The caller then reads the
 * event through the tree path ({@link EventShape}, {@link EventMapping#sqs}), which stays the one reference for
 * every error, so bad input gets exactly the rejections it got before.
 */
final class SqsReader {

  /** A mapped batch: per record its message, the id Lambda reports its failure by, and its X-Ray header. */
  record Batch(QueueMessage[] messages, String[] ids, @Nullable String[] traceHeaders, boolean ordered) {}

  private SqsReader() {}

  /** Whether an event starting with {@code head} has {@code Records} as its first field (SQS, SNS, S3, streams). */
  static boolean mayBe(byte[] head, int length) {
    byte[] records = {'"', 'R', 'e', 'c', 'o', 'r', 'd', 's', '"'};
    int i = 0;
    while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
      i++;
    }
    if (i >= length || head[i++] != '{') {
      return false;
    }
    while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
      i++;
    }
    return length - i >= records.length && Arrays.equals(head, i, i + records.length, records, 0, records.length);
  }

  /** The batch in {@code event}, whose messages' origins hold these bytes. */
  static @Nullable Batch read(byte[] event, EventMapping mapping) {
    try (JsonParser p = StreamedEvent.JSON.createParser(event)) {
      return batch(p, new Source(event, null), mapping);
    } catch (IOException | RuntimeException | NotFast e) {
      return null;
    }
  }

  /**
   * The batch in {@code event}, which is marked at its start: an origin reads the bytes again from there when first
   * asked for, once for the whole batch.
   */
  static @Nullable Batch read(ByteArrayInputStream event, EventMapping mapping) {
    try (JsonParser p = StreamedEvent.JSON.createParser(event)) {
      return batch(p, new Source(null, event), mapping);
    } catch (IOException | RuntimeException | NotFast e) {
      return null;
    }
  }

  /** The batch's bytes and tree, read on the first origin asked for and shared by the batch's messages. */
  private static final class Source {
    private byte @Nullable [] bytes;
    private final @Nullable ByteArrayInputStream stream;
    private @Nullable JsonNode records;

    Source(byte @Nullable [] bytes, @Nullable ByteArrayInputStream stream) {
      this.bytes = bytes;
      this.stream = stream;
    }

    /** Record {@code i}'s origin, by the tree mapping (the batch was well-formed to get here, so it maps). */
    Origin origin(int i) {
      byte[] payload;
      JsonNode r;
      synchronized (this) {
        if (bytes == null) {
          synchronized (stream) { // its methods lock it too: no read can come between the reset and this one
            stream.reset();
            bytes = stream.readAllBytes();
          }
        }
        if (records == null) {
          records = WireJson.tree(bytes, "Lambda event").get("Records");
        }
        payload = bytes;
        r = records.get(i);
      }
      return EventMapping.sqsOrigin(r, RecordPaths.sqs(i), payload);
    }
  }

  /** Record {@code i}'s origin: a class, not a lambda, whose capture C1 allocates through a method handle. */
  private record LazyOrigin(Source source, int i) implements Supplier<Origin> {
    @Override
    public Origin get() {
      return source.origin(i);
    }
  }

  private static Batch batch(JsonParser p, Source source, EventMapping mapping) throws IOException, NotFast {
    if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
        || !"Records".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
      throw NOT_FAST;
    }
    // Sized for one message (an SQS event of one, the commonest with a batch size of 1), then for Lambda's default
    // batch size of 10: arrays of the batch's exact length in both cases, no copy at the end.
    QueueMessage[] messages = new QueueMessage[1];
    String[] ids = new String[1];
    String[] traces = new String[1];
    int n = 0;
    boolean ordered = false;
    String arn = null;
    String queue = null;
    Fields f = new Fields();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        throw NOT_FAST;
      }
      if (n == messages.length) {
        int length = n == 1 ? 10 : n * 2;
        messages = Arrays.copyOf(messages, length);
        ids = Arrays.copyOf(ids, length);
        traces = Arrays.copyOf(traces, length);
      }
      f.reset(n);
      record(p, f, n == 0);
      if (f.id == null || f.id.isBlank() || f.arn == null) {
        throw NOT_FAST;
      }
      if (!f.arn.equals(arn)) { // a batch comes from one queue: its name is looked up once
        arn = f.arn;
        queue = mapping.sqsQueue(arn);
      }
      messages[n] = message(f, n, queue, source, mapping);
      ids[n] = f.id;
      traces[n] = f.trace;
      ordered |= f.arn.endsWith(".fifo");
      n++;
    }
    if (n == 0 || p.nextToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw NOT_FAST; // no records, another top-level field or trailing content: the tree path decides
    }
    return n == messages.length ? new Batch(messages, ids, traces, ordered)
        : new Batch(Arrays.copyOf(messages, n), Arrays.copyOf(ids, n), Arrays.copyOf(traces, n), ordered);
  }

  /** What {@link EventMapping#sqs} builds from the same fields, in the same order. */
  private static QueueMessage message(Fields f, int i, String queue, Source source, EventMapping mapping) {
    RecordPaths.Sqs path = RecordPaths.sqs(i);
    Instant sent = f.sent == null ? null : EventMapping.epochMillis(f.sent, path.sentTimestamp());
    Long receiveCount = null;
    if (f.receiveCount != null) {
      receiveCount = EventMapping.receiveCount(Long.parseLong(f.receiveCount.trim()), path);
    }
    Map<String, AttributeValue> attrs = f.attributes.build();
    AttributeValue encoding = attrs.get(BodyEncoding.ATTRIBUTE);
    byte[] body = BodyEncoding.decode(f.body == null ? "" : f.body, encoding == null ? null : encoding.asText(),
        path.body());
    return mapping.sqsMessage(f.id, f.arn, queue, sent, receiveCount, attrs, body, f.group,
        Origin.lazy(EventMapping.PLATFORM, new LazyOrigin(source, i)));
  }

  /** The fields of one record the mapping reads, each read once (a repeated one takes the tree path). */
  private static final class Fields extends StreamedEvent.Seen {
    int index;
    @Nullable String id;
    @Nullable String arn;
    @Nullable String body;
    @Nullable String sent;
    @Nullable String receiveCount;
    @Nullable String group;
    @Nullable String trace;
    EventMapping.AttributeMap attributes = new EventMapping.AttributeMap();

    void reset(int index) {
      this.index = index;
      seen = 0;
      id = arn = body = sent = receiveCount = group = trace = null;
      attributes = new EventMapping.AttributeMap();
    }
  }

  private static final int MESSAGE_ID = 1;
  private static final int ARN = 1 << 1;
  private static final int BODY = 1 << 2;
  private static final int ATTRIBUTES = 1 << 3;
  private static final int MESSAGE_ATTRIBUTES = 1 << 4;
  private static final int RECEIPT_HANDLE = 1 << 5;
  private static final int REGION = 1 << 6;
  private static final int EVENT_SOURCE = 1 << 7;
  private static final int SENT = 1 << 8;
  private static final int RECEIVE_COUNT = 1 << 9;
  private static final int GROUP = 1 << 10;
  private static final int TRACE = 1 << 11;
  private static final int SENDER = 1 << 12;
  private static final int FIRST_RECEIVE = 1 << 13;
  private static final int SEQUENCE = 1 << 14;
  private static final int DEDUPLICATION = 1 << 15;
  private static final int DEAD_LETTER = 1 << 16;

  private static void record(JsonParser p, Fields f, boolean first) throws IOException, NotFast {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "messageId" -> {
          f.once(MESSAGE_ID);
          f.id = text(p, value);
        }
        case "eventSourceARN" -> {
          f.once(ARN);
          f.arn = text(p, value);
        }
        case "body" -> {
          f.once(BODY);
          f.body = text(p, value);
        }
        case "attributes" -> {
          f.once(ATTRIBUTES);
          attributes(p, value, f);
        }
        case "messageAttributes" -> {
          f.once(MESSAGE_ATTRIBUTES);
          messageAttributes(p, value, f);
        }
        case "receiptHandle" -> textOnly(value, f, RECEIPT_HANDLE);
        case "awsRegion" -> textOnly(value, f, REGION);
        case "eventSource" -> {
          f.once(EVENT_SOURCE);
          if (first && (value != JsonToken.VALUE_STRING || !"aws:sqs".equals(p.getText()))) {
            throw NOT_FAST; // EventShape tells the batch by its first record's source
          }
          p.skipChildren();
        }
        case "EventSource", "Sns", "s3", "kinesis", "dynamodb" -> throw NOT_FAST;
        default -> p.skipChildren(); // md5OfBody and the like: no mapping reads them
      }
    }
    if (first && (f.seen & EVENT_SOURCE) == 0) {
      throw NOT_FAST;
    }
  }

  private static void attributes(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "SentTimestamp" -> {
          f.once(SENT);
          f.sent = text(p, v);
        }
        case "ApproximateReceiveCount" -> {
          f.once(RECEIVE_COUNT);
          f.receiveCount = text(p, v);
        }
        case "MessageGroupId" -> {
          f.once(GROUP);
          f.group = text(p, v);
        }
        case "AWSTraceHeader" -> {
          f.once(TRACE);
          f.trace = text(p, v);
        }
        case "ApproximateFirstReceiveTimestamp" -> {
          f.once(FIRST_RECEIVE);
          if (v == JsonToken.VALUE_STRING && !plainMillis(p)) {
            EventMapping.epochMillis(p.getText(), "ApproximateFirstReceiveTimestamp"); // throws if the tree would
          } else if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
            throw NOT_FAST;
          }
        }
        case "SenderId" -> textOnly(v, f, SENDER);
        case "SequenceNumber" -> textOnly(v, f, SEQUENCE);
        case "MessageDeduplicationId" -> textOnly(v, f, DEDUPLICATION);
        case "DeadLetterQueueSourceArn" -> textOnly(v, f, DEAD_LETTER);
        default -> p.skipChildren();
      }
    }
  }

  /** Whether the current string is 12 or 13 digits not starting with 0, read in place: epoch milliseconds. */
  private static boolean plainMillis(JsonParser p) throws IOException {
    char[] c = p.getTextCharacters();
    int start = p.getTextOffset();
    int n = p.getTextLength();
    if (n != 12 && n != 13 || c[start] == '0') {
      return false;
    }
    for (int i = start; i < start + n; i++) {
      if (c[i] < '0' || c[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The message attributes, in order; a repeated name (which the tree would collapse) takes the tree path. */
  private static void messageAttributes(JsonParser p, JsonToken value, Fields f) throws IOException, NotFast {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_FAST;
    }
    String[] keys = null;
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String key = p.getText();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw NOT_FAST;
      }
      for (int i = 0; i < n; i++) {
        if (keys[i].equals(key)) {
          throw NOT_FAST;
        }
      }
      if (keys == null || n == keys.length) {
        keys = keys == null ? new String[4] : Arrays.copyOf(keys, n * 2);
      }
      keys[n++] = key;
      String dataType = null;
      String stringValue = null;
      String binaryValue = null;
      int seen = 0;
      for (JsonToken u = p.nextToken(); u != JsonToken.END_OBJECT; u = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        int field = switch (name) {
          case "dataType" -> 1;
          case "stringValue" -> 2;
          case "binaryValue" -> 4;
          default -> 0;
        };
        if (field == 0) {
          p.skipChildren();
          continue;
        }
        if ((seen & field) != 0) {
          throw NOT_FAST;
        }
        seen |= field;
        String s = text(p, v);
        switch (field) {
          case 1 -> dataType = s;
          case 2 -> stringValue = s;
          default -> binaryValue = s;
        }
      }
      f.attributes.put(key, EventMapping.sqsAttribute(dataType, stringValue, binaryValue, RecordPaths.sqs(f.index),
          key));
    }
  }

  /** A fact only the origin reads, read once: {@link StreamedEvent#textOnly}. */
  private static void textOnly(JsonToken value, Fields f, int field) throws NotFast {
    f.once(field);
    StreamedEvent.textOnly(value);
  }
}
