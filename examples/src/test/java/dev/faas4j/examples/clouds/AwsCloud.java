package dev.faas4j.examples.clouds;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.aws.LambdaHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@link LambdaHandler} fed HTTP API 2.0, SQS, SNS, S3 and EventBridge payloads. */
public final class AwsCloud implements Cloud {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "123456789012";

  private final Supplier<FunctionApp> app;
  private final Platform platform;
  private final Map<String, LambdaHandler> handlers = new ConcurrentHashMap<>();
  private int requests;

  public AwsCloud(Supplier<FunctionApp> app, Platform platform) {
    this.app = app;
    this.platform = platform;
  }

  @Override
  public String name() {
    return "aws";
  }

  private LambdaHandler handler(String function) {
    return handlers.computeIfAbsent(function, f -> new LambdaHandler(app.get(), platform,
        Map.of("FAAS4J_FUNCTION", f)::get));
  }

  private JsonNode invoke(String function, ObjectNode event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler(function).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out,
          context("req-" + ++requests));
      return out.size() == 0 ? JSON.nullNode() : JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Invokes, and says whether Lambda would count the invocation as a success (no error thrown). */
  private boolean invokeEvent(String function, ObjectNode event) {
    try {
      invoke(function, event);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Reply http(String function, String method, String path, String body) {
    ObjectNode e = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default").put("rawPath", path)
        .put("rawQueryString", "");
    e.putObject("headers").put("content-type", "application/json").put("host", "api.example.com");
    ObjectNode rc = e.putObject("requestContext").put("accountId", ACCOUNT).put("apiId", "abcdefghij")
        .put("requestId", "r" + requests).put("routeKey", "$default").put("stage", "$default")
        .put("timeEpoch", platform.clock().millis());
    rc.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
        .put("sourceIp", "203.0.113.9").put("userAgent", "curl/8.5.0");
    e.put("body", body).put("isBase64Encoded", false);
    JsonNode response = invoke(function, e);
    return new Reply(response.path("statusCode").asInt(), response.path("body").asText());
  }

  @Override
  public Set<String> queue(String function, String queue, List<Message> messages) {
    ObjectNode e = JSON.createObjectNode();
    for (Message m : messages) {
      ObjectNode r = e.withArray("Records").addObject().put("messageId", m.id()).put("receiptHandle", "h-" + m.id())
          .put("body", new String(m.body(), StandardCharsets.UTF_8));
      r.putObject("attributes").put("ApproximateReceiveCount", "1")
          .put("SentTimestamp", String.valueOf(platform.clock().millis())).put("SenderId", "AIDAEXAMPLE")
          .put("ApproximateFirstReceiveTimestamp", String.valueOf(platform.clock().millis()));
      r.putObject("messageAttributes");
      r.put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queue)
          .put("awsRegion", "us-east-1");
    }
    Set<String> failed = new LinkedHashSet<>();
    invoke(function, e).path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
    return failed;
  }

  @Override
  public boolean topic(String function, String topic, Message message) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode r = e.withArray("Records").addObject().put("EventVersion", "1.0").put("EventSource", "aws:sns")
        .put("EventSubscriptionArn", "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + topic + ":sub-" + function);
    r.putObject("Sns").put("Type", "Notification").put("MessageId", message.id())
        .put("TopicArn", "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + topic).putNull("Subject")
        .put("Message", new String(message.body(), StandardCharsets.UTF_8))
        .put("Timestamp", platform.clock().instant().toString()).putObject("MessageAttributes");
    return invokeEvent(function, e);
  }

  @Override
  public boolean objectCreated(String function, String bucket, String key, long size) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode r = e.withArray("Records").addObject().put("eventVersion", "2.1").put("eventSource", "aws:s3")
        .put("awsRegion", "us-east-1").put("eventTime", platform.clock().instant().toString())
        .put("eventName", "ObjectCreated:Put");
    ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "thumbnails");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    // S3 form-encodes keys in notifications
    s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8)).put("size", size)
        .put("eTag", "0123456789abcdef").put("sequencer", "0A1B2C3D4E5F");
    return invokeEvent(function, e);
  }

  @Override
  public boolean schedule(String function, Instant due) {
    ObjectNode e = JSON.createObjectNode().put("version", "0").put("id", "evt-" + due.getEpochSecond())
        .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", ACCOUNT)
        .put("time", due.toString()).put("region", "us-east-1");
    e.putArray("resources").add("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + function);
    e.putObject("detail");
    return invokeEvent(function, e);
  }

  private static Context context(String requestId) {
    return new Context() {
      @Override public String getAwsRequestId() { return requestId; }
      @Override public String getLogGroupName() { return "/aws/lambda/examples"; }
      @Override public String getLogStreamName() { return "2030/01/01/[$LATEST]0123456789abcdef"; }
      @Override public String getFunctionName() { return "examples"; }
      @Override public String getFunctionVersion() { return "$LATEST"; }
      @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:examples"; }
      @Override public CognitoIdentity getIdentity() { return null; }
      @Override public ClientContext getClientContext() { return null; }
      @Override public int getRemainingTimeInMillis() { return 30_000; }
      @Override public int getMemoryLimitInMB() { return 1024; }
      @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
          @Override public void log(String message) { }
          @Override public void log(byte[] message) { }
        };
      }
    };
  }
}
