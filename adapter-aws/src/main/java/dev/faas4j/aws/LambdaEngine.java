package dev.faas4j.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.Event;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.DeliveryResult;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.LogicalNames;
import dev.faas4j.spi.Outcome;
import dev.faas4j.spi.WireJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Lambda invocation: event bytes in, the shape's wire response out. Routing, filters, the batch loop, rejection
 * logging and the error policy are the {@link Dispatcher}'s; this class only translates. It holds no
 * per-invocation state: one instance serves concurrent invocations (Lambda Managed Instances).
 */
final class LambdaEngine {
  /** Where the Java runtime interface client puts each invocation's X-Ray header. */
  static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
  static final String TRACE_ENV = "_X_AMZN_TRACE_ID";
  /** SNS, S3 and EventBridge invocations answer nothing: success is returning, failure is throwing. */
  private static final byte[] NO_RESPONSE = new byte[0];
  /** The partial batch response when every record succeeded (or was skipped): the common case, written once. */
  private static final byte[] NO_BATCH_FAILURES = "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8);

  /**
   * What an invocation answers, written to the runtime's stream as it is ({@link #writeTo}) rather than copied into
   * an array first.
   */
  static final class Reply extends ByteArrayOutputStream {
    Reply(int size) {
      super(size);
    }

    /** {@code bytes} as they are: never written to, only read. */
    Reply(byte[] bytes) {
      super(0);
      buf = bytes;
      count = bytes.length;
    }
  }

  private final FunctionHost host;
  private final Dispatcher dispatcher;
  private final @Nullable String functionName;
  private final EventMapping mapping;
  /** The environment's trace header: fixed for the process, so read once. */
  private final @Nullable String environmentTrace;
  private final Clock clock;
  /** The platform attributes of the last invocation, reused while the context reports the same values. */
  private volatile @Nullable PlatformAttributes lastAttributes;

  LambdaEngine(FunctionHost host, Function<String, String> config, Clock clock) {
    this.host = host;
    this.dispatcher = host.dispatcher();
    this.functionName = host.functionName().orElse(null);
    this.mapping = new EventMapping(LogicalNames.of(dispatcher.registry(), config));
    this.environmentTrace = config.apply(TRACE_ENV);
    this.clock = clock;
  }

  FunctionHost host() {
    return host;
  }

  /**
   * The wire response of one invocation (empty for events that answer nothing). Throws only Lambda's failure
   * signal: {@link InvalidEventException} when the event itself cannot be read (not JSON, no known shape, a batch
   * record without the id its failure would be reported by), {@link FunctionFailedException} when a function (or
   * the adapter) failed on an event that has no partial-failure response, so that Lambda retries it.
   */
  Reply handle(InputStream input, Context context) {
    Invocation invocation = invocation(context);
    try { // Dispatcher.guard's policy, caught here: a guard would allocate two lambdas per invocation
      return dispatch(input, invocation);
    } catch (Throwable t) {
      throw signal(dispatcher.failure(invocation, t), invocation);
    }
  }

  private Reply dispatch(InputStream input, Invocation invocation) throws IOException {
    // The commonest event, a well-formed HTTP API 2.0 request, is streamed without a tree (or a copy of the
    // bytes when they are in memory: its origin and header values read them again if asked); anything else, bad
    // input included, takes the tree path below.
    // An SQS batch, likewise, is streamed into its messages when every record of it is plainly well-formed.
    byte[] bytes = null;
    HttpRequest fast = null;
    SqsReader.Batch sqs = null;
    if (input instanceof ByteArrayInputStream in) { // what the runtime interface client hands over
      in.mark(Integer.MAX_VALUE);
      byte[] head = new byte[HttpV2Reader.HEAD];
      int length = in.readNBytes(head, 0, head.length);
      in.reset();
      if (HttpV2Reader.mayBe(head, length)) {
        fast = HttpV2Reader.read(in);
      } else if (SqsReader.mayBe(head, length)) {
        sqs = SqsReader.read(in, mapping);
      }
      if (fast == null && sqs == null) {
        in.reset();
      }
    } else {
      bytes = input.readAllBytes();
      if (HttpV2Reader.mayBe(bytes, bytes.length)) {
        fast = HttpV2Reader.read(bytes);
      } else if (SqsReader.mayBe(bytes, bytes.length)) {
        sqs = SqsReader.read(bytes, mapping);
      }
    }
    if (fast != null) {
      return http(EventShape.HTTP_V2, null, fast, null, invocation);
    }
    if (sqs != null) {
      Delivery.Builder delivery = Delivery.builder(invocation).function(functionName).ordered(sqs.ordered());
      for (int i = 0; i < sqs.messages().length; i++) {
        delivery.event(sqs.messages()[i], XRay.parse(sqs.traceHeaders()[i]));
      }
      return batchResponse(delivery.build(), sqs.ids());
    }
    byte[] payload = bytes != null ? bytes : input.readAllBytes();
    JsonNode root = WireJson.tree(payload, "Lambda event");
    EventShape shape = EventShape.of(root);
    if (shape == EventShape.SCHEDULE || shape == EventShape.S3_EVENTBRIDGE || shape == EventShape.EVENTBRIDGE) {
      String type = root.path("detail-type").asText();
      if (dispatcher.takesAsCloudEvent(functionName, type, root.path("source").asText())) {
        return acknowledge(Delivery.of(functionName, invocation, EventMapping.cloudEvent(root, payload)));
      }
    }
    return switch (shape) {
      case HTTP_V2, HTTP_V1, ALB -> http(shape, root, null, payload, invocation);
      case SQS, KINESIS, DYNAMODB -> batch(shape, root, payload, invocation);
      case SNS, S3 -> records(shape, root, payload, invocation);
      case S3_EVENTBRIDGE -> acknowledge(
          Delivery.of(functionName, invocation, mapping.s3EventBridge(root, payload)));
      case SCHEDULE -> acknowledge(Delivery.of(functionName, invocation, EventMapping.schedule(root, payload)));
      case EVENTBRIDGE -> throw new InvalidEventException("EventBridge event with no CloudEvent function for its "
          + "detail-type and source");
      case UNKNOWN -> throw new InvalidEventException("Unrecognised Lambda event: not an API Gateway, Function "
          + "URL, ALB, SQS, SNS, S3, EventBridge, Kinesis or DynamoDB Streams event");
    };
  }

  /** Lambda's signal for a failure: the typed error for unreadable input, else {@link FunctionFailedException}. */
  private RuntimeException signal(Outcome failure, Invocation invocation) {
    if (failure.error().orElse(null) instanceof InvalidEventException e) {
      return e; // already logged as a rejection; its message names the field, never the value
    }
    return new FunctionFailedException(failedFunction(invocation), failure);
  }

  /** The function named in a failure: the deployment's faas4j function, else the Lambda function. */
  private String failedFunction(Invocation invocation) {
    return functionName != null ? functionName
        : invocation.platformAttributes().getOrDefault("aws.functionName", "unknown");
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Always an HTTP response in the request's own shape: 400 for a malformed request, 500 for a mapping failure.
   * The request is {@code streamed} already ({@link HttpV2Reader}) or mapped here from the event's tree.
   */
  private Reply http(EventShape shape, @Nullable JsonNode root, @Nullable HttpRequest streamed,
      byte @Nullable [] payload, Invocation invocation) throws IOException {
    boolean albMultiValue = shape == EventShape.ALB && HttpMapping.albMultiValue(root);
    HttpResponse response;
    try { // as Dispatcher.guard, without its two lambdas
      response = dispatcher.http(functionName, streamed != null ? streamed : request(shape, root, payload),
          invocation);
      return write(shape, albMultiValue, response, invocation);
    } catch (Throwable t) {
      response = Dispatcher.httpResponse(dispatcher.failure(invocation, t), invocation);
    }
    return write(shape, albMultiValue, response, invocation); // if this fails, handle() signals it
  }

  private static HttpRequest request(EventShape shape, JsonNode root, byte[] payload) {
    return switch (shape) {
      case HTTP_V2 -> HttpMapping.fromV2(root, payload);
      case HTTP_V1 -> HttpMapping.fromV1(root, payload);
      default -> HttpMapping.fromAlb(root, payload);
    };
  }

  private Reply write(EventShape shape, boolean albMultiValue, HttpResponse response, Invocation invocation)
      throws IOException {
    Reply out = new Reply(512);
    try (JsonGenerator g = WireJson.generator(out)) {
      switch (shape) {
        case HTTP_V2 -> HttpMapping.writeV2(response, g);
        case HTTP_V1 -> HttpMapping.writeV1(response, g);
        default -> HttpMapping.writeAlb(response, albMultiValue, g,
            () -> dispatcher.runtimeLogger().warn("ALB target group without multi-value headers carries one "
                + "Set-Cookie; the others were dropped (enable lambda.multi_value_headers.enabled)",
                "invocationId", invocation.invocationId()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- batches with partial failures

  /**
   * SQS (ordered when the queue is FIFO), Kinesis and DynamoDB Streams (ordered): one delivery, answered with
   * {@code batchItemFailures}. SQS reports failures by message id; streams by sequence number, their checkpoint. A
   * malformed record is rejected alone; a record without even that id cannot be reported, so the batch fails.
   */
  private Reply batch(EventShape shape, JsonNode root, byte[] payload, Invocation invocation) throws IOException {
    JsonNode records = root.get("Records");
    boolean ordered = shape != EventShape.SQS;
    for (int i = 0; !ordered && i < records.size(); i++) {
      ordered = records.get(i).path("eventSourceARN").asText("").endsWith(".fifo");
    }
    Delivery.Builder delivery = Delivery.builder(invocation).function(functionName).ordered(ordered);
    String[] reportIds = new String[records.size()];
    for (int i = 0; i < records.size(); i++) {
      String path = RecordPaths.record(i);
      JsonNode r = record(records, i);
      String id = reportId(shape, r, i, path);
      reportIds[i] = id;
      try {
        delivery.event(switch (shape) {
          case SQS -> mapping.sqs(r, RecordPaths.sqs(i), payload);
          case KINESIS -> mapping.kinesis(r, path, payload);
          default -> mapping.dynamoDb(r, path, payload);
        }, shape == EventShape.SQS ? XRay.parse(r.path("attributes").path("AWSTraceHeader").textValue())
            : Optional.empty()); // the sender's X-Ray header, where its message attributes carry no traceparent
      } catch (InvalidEventException e) {
        delivery.rejected(id, e);
      }
    }
    return batchResponse(delivery.build(), reportIds);
  }

  /** Delivers a batch and answers with the report ids of its failed records. */
  private Reply batchResponse(Delivery delivery, String[] reportIds) throws IOException {
    DeliveryResult result = dispatcher.deliver(delivery);
    if (result.allSucceeded()) { // no item failed (the aggregate rule): no list of positions to build
      return new Reply(NO_BATCH_FAILURES); // only read
    }
    List<Integer> failed = result.failed();
    Reply out = new Reply(64);
    try (JsonGenerator g = WireJson.generator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("batchItemFailures");
      for (int position : failed) {
        g.writeStartObject();
        g.writeStringField("itemIdentifier", reportIds[position]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out;
  }

  /** The id Lambda takes a record's failure by. */
  private static String reportId(EventShape shape, JsonNode r, int i, String path) {
    String id = switch (shape) {
      case SQS -> WireJson.text(r, "messageId", RecordPaths.sqs(i).messageId());
      case KINESIS -> WireJson.text(r.get("kinesis"), "sequenceNumber", path + ".kinesis.sequenceNumber");
      default -> WireJson.text(r.get("dynamodb"), "SequenceNumber", path + ".dynamodb.SequenceNumber");
    };
    if (id == null || id.isBlank()) {
      throw new InvalidEventException(path + " has no " + (shape == EventShape.SQS ? "messageId" : "sequence number")
          + ", so its failure cannot be reported: the batch fails");
    }
    return id;
  }

  // ---------------------------------------------------------------- events that answer nothing

  /** SNS and S3 notifications: every record runs (a malformed one fails alone); the aggregate decides. */
  private Reply records(EventShape shape, JsonNode root, byte[] payload, Invocation invocation) {
    JsonNode records = root.get("Records");
    Delivery.Builder delivery = Delivery.builder(invocation).function(functionName);
    for (int i = 0; i < records.size(); i++) {
      String path = RecordPaths.record(i);
      JsonNode r = record(records, i);
      try {
        Event event = shape == EventShape.SNS ? mapping.sns(r, path, payload) : mapping.s3(r, path, payload);
        delivery.event(event);
      } catch (InvalidEventException e) {
        String id = shape == EventShape.SNS ? r.path("Sns").path("MessageId").asText(path) : path;
        delivery.rejected(id, e);
      }
    }
    return acknowledge(delivery.build());
  }

  /** Returns (Lambda acknowledges) when every item succeeded or was skipped, else throws so that Lambda retries. */
  private Reply acknowledge(Delivery delivery) {
    DeliveryResult result = dispatcher.deliver(delivery);
    if (!result.allSucceeded()) {
      throw new FunctionFailedException(failedFunction(delivery.invocation()), result.aggregate());
    }
    return new Reply(NO_RESPONSE);
  }

  private static JsonNode record(JsonNode records, int i) {
    JsonNode r = records.get(i);
    if (!r.isObject()) {
      throw new InvalidEventException("Records[" + i + "] must be an object");
    }
    return r;
  }

  // ---------------------------------------------------------------- invocation

  private Invocation invocation(Context context) {
    String id = context.getAwsRequestId();
    // Lambda gives the time left in milliseconds: the deadline's Instant is made only if the function reads it
    long deadline = clock.millis() + Math.max(0, context.getRemainingTimeInMillis());
    String invocationId = id == null || id.isBlank() ? "unknown" : id;
    String header = traceHeader(context);
    // parsed if the trace is read: Lambda sends a header with every invocation, and most functions never ask
    return header == null ? Invocation.until(invocationId, deadline, Optional.empty(), attributes(context))
        : Invocation.until(invocationId, deadline, new XRay(header), attributes(context));
  }

  /**
   * The Lambda facts with no portable meaning, offered as {@code InvocationContext.platformAttributes()}. They are
   * the same for every invocation of a process (an alias can change the ARN), so the immutable map of the last
   * invocation is reused while its five values match: no map is built, and {@code Invocation}'s copy is a no-op.
   */
  private Map<String, String> attributes(Context context) {
    String arn = context.getInvokedFunctionArn();
    String name = context.getFunctionName();
    String version = context.getFunctionVersion();
    String group = context.getLogGroupName();
    String stream = context.getLogStreamName();
    PlatformAttributes last = lastAttributes;
    if (last == null || !last.matches(arn, name, version, group, stream)) {
      last = new PlatformAttributes(arn, name, version, group, stream);
      lastAttributes = last; // racy but safe: the holder is immutable, and any holder that matches is right
    }
    return last.map;
  }

  /** The context values an attribute map was built from, and the map. */
  private static final class PlatformAttributes {
    private final @Nullable String arn;
    private final @Nullable String name;
    private final @Nullable String version;
    private final @Nullable String group;
    private final @Nullable String stream;
    final Map<String, String> map;

    PlatformAttributes(@Nullable String arn, @Nullable String name, @Nullable String version, @Nullable String group,
        @Nullable String stream) {
      this.arn = arn;
      this.name = name;
      this.version = version;
      this.group = group;
      this.stream = stream;
      Map<String, String> map = new LinkedHashMap<>();
      putIfPresent(map, "aws.functionArn", arn);
      putIfPresent(map, "aws.functionName", name);
      putIfPresent(map, "aws.functionVersion", version);
      putIfPresent(map, "aws.logGroup", group);
      putIfPresent(map, "aws.logStream", stream);
      this.map = Map.copyOf(map);
    }

    boolean matches(@Nullable String arn, @Nullable String name, @Nullable String version, @Nullable String group,
        @Nullable String stream) {
      return Objects.equals(this.arn, arn) && Objects.equals(this.name, name)
          && Objects.equals(this.version, version) && Objects.equals(this.group, group)
          && Objects.equals(this.stream, stream);
    }
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  /**
   * The invocation's own header first: under Lambda Managed Instances one process serves concurrent invocations,
   * so the runtime's system property may belong to another one.
   */
  private @Nullable String traceHeader(Context context) {
    String header = null;
    try {
      header = context.getXrayTraceId();
    } catch (RuntimeException | AbstractMethodError e) {
      // an older Context implementation
    }
    if (header == null || header.isBlank()) {
      header = System.getProperty(TRACE_PROPERTY);
    }
    return header == null || header.isBlank() ? environmentTrace : header;
  }
}
