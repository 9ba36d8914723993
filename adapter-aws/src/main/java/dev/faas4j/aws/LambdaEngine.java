package dev.faas4j.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.internal.Json;
import dev.faas4j.spi.BatchOutcome;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Lambda invocation: event bytes in, the shape's wire response out. Routing, the batch loop and the error
 * policy are the {@link Dispatcher}'s; this class only translates.
 */
final class LambdaEngine {
  /** Where the Java runtime interface client puts each invocation's X-Ray header. */
  static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
  static final String TRACE_ENV = "_X_AMZN_TRACE_ID";

  private final FunctionHost host;
  private final Dispatcher dispatcher;
  private final @Nullable String functionName;
  private final EventMapping mapping;
  private final Function<String, String> config;
  private final Clock clock;

  LambdaEngine(FunctionHost host, Function<String, String> config, Clock clock) {
    this.host = host;
    this.dispatcher = host.dispatcher();
    this.functionName = host.functionName().orElse(null);
    this.mapping = new EventMapping(new LogicalNames(dispatcher.registry(), config));
    this.config = config;
    this.clock = clock;
  }

  FunctionHost host() {
    return host;
  }

  void handle(byte[] input, OutputStream out, Context context) throws IOException {
    Invocation invocation = invocation(context);
    JsonNode root;
    try {
      root = Json.tree(input, "Lambda event");
    } catch (InvalidEventException e) {
      throw rejected(e, invocation);
    }
    EventShape shape = EventShape.of(root);
    if (shape.isHttp()) {
      http(shape, root, out, invocation);
      return;
    }
    try {
      switch (shape) {
        case SQS -> sqs(root, out, invocation);
        case KINESIS, DYNAMODB -> stream(shape, root, out, invocation);
        case SNS -> {
          List<JsonNode> records = records(root);
          Outcome failed = null;
          for (int i = 0; i < records.size(); i++) {
            Outcome o = dispatcher.topic(functionName, mapping.sns(records.get(i), "Records[" + i + "]"), invocation);
            failed = failed == null && !o.isSuccess() ? o : failed;
          }
          throwIfFailed(failed);
        }
        case S3 -> {
          List<JsonNode> records = records(root);
          Outcome failed = null;
          for (int i = 0; i < records.size(); i++) {
            Outcome o = dispatcher.object(functionName, mapping.s3(records.get(i), "Records[" + i + "]"), invocation);
            failed = failed == null && !o.isSuccess() ? o : failed;
          }
          throwIfFailed(failed);
        }
        case S3_EVENTBRIDGE -> throwIfFailed(dispatcher.object(functionName, mapping.s3EventBridge(root), invocation));
        case SCHEDULE -> throwIfFailed(
            dispatcher.schedule(functionName, EventMapping.schedule(root, clock.instant()), invocation));
        default -> throw new InvalidEventException("Unrecognised Lambda event: not an API Gateway, Function URL, "
            + "ALB, SQS, SNS, S3, EventBridge, Kinesis or DynamoDB Streams event");
      }
    } catch (InvalidEventException e) {
      throw rejected(e, invocation);
    }
  }

  private void http(EventShape shape, JsonNode root, OutputStream out, Invocation invocation) throws IOException {
    HttpResponse response;
    try {
      HttpRequest request = switch (shape) {
        case HTTP_V2 -> HttpMapping.fromV2(root);
        case HTTP_V1 -> HttpMapping.fromV1(root);
        default -> HttpMapping.fromAlb(root);
      };
      response = dispatcher.http(functionName, request, invocation);
    } catch (InvalidEventException e) {
      dispatcher.runtimeLogger().warn("Bad request: " + e.getMessage(), "invocationId", invocation.invocationId());
      response = Dispatcher.problem(400, "Bad Request", String.valueOf(e.getMessage()), invocation);
    }
    try (JsonGenerator g = generator(out)) {
      switch (shape) {
        case HTTP_V2 -> HttpMapping.writeV2(response, g);
        case HTTP_V1 -> HttpMapping.writeV1(response, g);
        default -> HttpMapping.writeAlb(response, HttpMapping.albMultiValue(root), g,
            () -> dispatcher.runtimeLogger().warn("ALB target group without multi-value headers carries one "
                + "Set-Cookie; the others were dropped (enable lambda.multi_value_headers.enabled)",
                "invocationId", invocation.invocationId()));
      }
    }
  }

  private void sqs(JsonNode root, OutputStream out, Invocation invocation) throws IOException {
    List<JsonNode> records = records(root);
    List<QueueMessage> messages = new ArrayList<>(records.size());
    List<String> rejected = new ArrayList<>();
    boolean fifo = false;
    for (JsonNode r : records) {
      fifo |= r.path("eventSourceARN").asText("").endsWith(".fifo");
    }
    Instant now = clock.instant();
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      if (fifo && !rejected.isEmpty()) {
        rejected.add(itemId(r, "messageId")); // order is kept: nothing after a bad record runs
        continue;
      }
      try {
        messages.add(mapping.sqs(r, "Records[" + i + "]", now));
      } catch (InvalidEventException e) {
        rejected.add(rejectRecord(e, r, "messageId", invocation));
      }
    }
    BatchOutcome outcome = dispatcher.queueBatch(functionName, messages, invocation, fifo);
    writeFailures(concat(outcome.failedMessageIds(), rejected), Map.of(), out);
  }

  /**
   * One malformed record fails alone (it is redelivered, then dead-lettered by the queue's redrive policy) instead
   * of failing the whole batch; a record without even an id cannot be reported, so the batch fails.
   */
  private String rejectRecord(InvalidEventException e, JsonNode record, String idField, Invocation invocation) {
    String id = itemId(record, idField);
    dispatcher.runtimeLogger().warn("Record rejected: " + e.getMessage(), "itemIdentifier", id,
        "invocationId", invocation.invocationId());
    return id;
  }

  private static String itemId(JsonNode record, String idField) {
    JsonNode id = idField.equals("sequenceNumber") ? streamSequence(record) : record.get(idField);
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new InvalidEventException("A record has no " + idField + ", so it cannot be reported as failed");
    }
    return id.asText();
  }

  private static @Nullable JsonNode streamSequence(JsonNode record) {
    JsonNode kinesis = record.path("kinesis").get("sequenceNumber");
    return kinesis != null ? kinesis : record.path("dynamodb").get("SequenceNumber");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Kinesis and DynamoDB Streams: ordered, and failures are reported by sequence number (the checkpoint). */
  private void stream(EventShape shape, JsonNode root, OutputStream out, Invocation invocation) throws IOException {
    List<JsonNode> records = records(root);
    List<QueueMessage> messages = new ArrayList<>(records.size());
    Map<String, String> sequenceById = new LinkedHashMap<>();
    List<String> rejected = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      if (!rejected.isEmpty()) {
        rejected.add(itemId(r, "sequenceNumber")); // streams are ordered: nothing after a bad record runs
        continue;
      }
      String path = "Records[" + i + "]";
      try {
        QueueMessage m = shape == EventShape.KINESIS ? mapping.kinesis(r, path) : mapping.dynamoDb(r, path);
        messages.add(m);
        sequenceById.put(m.id(),
            shape == EventShape.KINESIS ? EventMapping.kinesisSequence(r) : EventMapping.dynamoDbSequence(r));
      } catch (InvalidEventException e) {
        rejected.add(rejectRecord(e, r, "sequenceNumber", invocation));
      }
    }
    BatchOutcome outcome = dispatcher.queueBatch(functionName, messages, invocation, true);
    writeFailures(concat(outcome.failedMessageIds(), rejected), sequenceById, out);
  }

  private static void writeFailures(List<String> failedIds, Map<String, String> idToItem, OutputStream out)
      throws IOException {
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("batchItemFailures");
      for (String id : failedIds) {
        g.writeStartObject();
        g.writeStringField("itemIdentifier", idToItem.getOrDefault(id, id));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static List<JsonNode> records(JsonNode root) {
    JsonNode records = root.get("Records");
    List<JsonNode> list = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode r = records.get(i);
      if (!r.isObject()) {
        throw new InvalidEventException("Records[" + i + "] must be an object");
      }
      list.add(r);
    }
    return list;
  }

  private static void throwIfFailed(@Nullable Outcome outcome) {
    if (outcome != null && !outcome.isSuccess()) {
      throw new FunctionFailedException(outcome);
    }
  }

  private InvalidEventException rejected(InvalidEventException e, Invocation invocation) {
    dispatcher.runtimeLogger().warn("Event rejected: " + e.getMessage(), "invocationId", invocation.invocationId());
    return e;
  }

  private Invocation invocation(Context context) {
    String id = context.getAwsRequestId();
    Instant deadline = clock.instant().plusMillis(Math.max(0, context.getRemainingTimeInMillis()));
    return new Invocation(id == null || id.isBlank() ? "unknown" : id, deadline, trace(context),
        attributes(context));
  }

  /** The Lambda facts with no portable meaning, offered as {@code InvocationContext.platformAttributes()}. */
  private static java.util.Map<String, String> attributes(Context context) {
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    putIfPresent(map, "aws.functionArn", context.getInvokedFunctionArn());
    putIfPresent(map, "aws.functionName", context.getFunctionName());
    putIfPresent(map, "aws.functionVersion", context.getFunctionVersion());
    putIfPresent(map, "aws.logGroup", context.getLogGroupName());
    putIfPresent(map, "aws.logStream", context.getLogStreamName());
    return map;
  }

  private static void putIfPresent(java.util.Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  private Optional<TraceContext> trace(Context context) {
    String header = null;
    try {
      header = context.getXrayTraceId();
    } catch (RuntimeException | AbstractMethodError e) {
      // an older Context implementation
    }
    if (header == null || header.isBlank()) {
      header = System.getProperty(TRACE_PROPERTY);
    }
    if (header == null || header.isBlank()) {
      header = config.apply(TRACE_ENV);
    }
    return XRay.parse(header);
  }

  private static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }
}
