package dev.faas4j.aws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A synthetic Lambda event that fires a registered function's trigger: for training runs (start-up archives) and
 * SnapStart priming, which must take each function's mapping and dispatch path without a real event source.
 * Resources keep their logical names (no {@code FAAS4J_*} mapping is set in those runs).
 */
public final class SampleEvents {
  private static final String ACCOUNT = "123456789012";

  private SampleEvents() {}

  /** One event for {@code fn}'s trigger; empty for triggers Lambda does not deliver (generic CloudEvents). */
  public static Optional<byte[]> of(FunctionDefinition fn) {
    String json = switch (fn.kind()) {
      case HTTP -> http((HttpRoute) fn.trigger());
      case STORAGE -> s3((ObjectTrigger) fn.trigger());
      case QUEUE -> sqs((QueueTrigger) fn.trigger());
      case TOPIC -> sns((TopicTrigger) fn.trigger());
      case SCHEDULE -> "{\"version\":\"0\",\"id\":\"faas4j-sample\",\"detail-type\":\"Scheduled Event\",\"source\":"
          + "\"aws.events\",\"account\":\"" + ACCOUNT + "\",\"time\":\"2024-01-01T00:00:00Z\",\"region\":\"us-east-1\","
          + "\"resources\":[" + q("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + fn.name()) + "],\"detail\":{}}";
      case CLOUD_EVENT -> null;
    };
    return Optional.ofNullable(json).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTP API 2.0 request on the route's first method, each path parameter filled with {@code sample}. */
  private static String http(HttpRoute route) {
    String method = route.methods().isEmpty() ? "GET" : route.methods().iterator().next();
    String path = route.path().replaceAll("\\{[^}]*}", "sample");
    return "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":" + q(path) + ",\"rawQueryString\":\"\","
        + "\"headers\":{\"content-type\":\"application/json\",\"host\":\"localhost\"},\"requestContext\":{"
        + "\"accountId\":\"" + ACCOUNT + "\",\"apiId\":\"sample\",\"domainName\":\"localhost\",\"http\":{\"method\":"
        + q(method) + ",\"path\":" + q(path) + ",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\","
        + "\"userAgent\":\"faas4j-sample\"},\"requestId\":\"faas4j-sample\",\"routeKey\":\"$default\",\"stage\":"
        + "\"$default\",\"time\":\"01/Jan/2024:00:00:00 +0000\",\"timeEpoch\":1704067200000},"
        + "\"body\":\"{}\",\"isBase64Encoded\":false}";
  }

  private static String s3(ObjectTrigger t) {
    boolean created = t.kinds().contains(ObjectEventKind.CREATED);
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"2024-01-01T00:00:00.000Z\",\"eventName\":"
        + (created ? "\"ObjectCreated:Put\"" : "\"ObjectRemoved:Delete\"") + ",\"s3\":{\"bucket\":{\"name\":"
        + q(t.bucket()) + ",\"arn\":" + q("arn:aws:s3:::" + t.bucket()) + "},\"object\":{\"key\":"
        + q(t.prefix() + "sample" + t.suffix()) + ",\"size\":2,\"eTag\":\"0\",\"sequencer\":\"0\"}}}]}";
  }

  private static String sqs(QueueTrigger t) {
    return "{\"Records\":[{\"messageId\":\"faas4j-sample\",\"receiptHandle\":\"sample\",\"body\":\"{}\","
        + "\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"1704067200000\""
        + (t.ordered() ? ",\"MessageGroupId\":\"sample\"" : "") + "},\"messageAttributes\":{},"
        + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":" + q("arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + t.queue())
        + ",\"awsRegion\":\"us-east-1\"}]}";
  }

  private static String sns(TopicTrigger t) {
    String arn = "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + t.topic();
    return "{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\",\"EventSubscriptionArn\":"
        + q(arn + ":sample") + ",\"Sns\":{\"Type\":\"Notification\",\"MessageId\":\"faas4j-sample\",\"TopicArn\":"
        + q(arn) + ",\"Message\":\"{}\",\"Timestamp\":\"2024-01-01T00:00:00.000Z\",\"MessageAttributes\":{}}}]}";
  }

  private static String q(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
