package dev.faas4j.aws;

import static dev.faas4j.aws.Fixtures.invokeRaw;
import static dev.faas4j.aws.Fixtures.tree;
import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.InvocationContext;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.spi.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One trace through Lambda: HTTP -> SNS -> SQS -> S3 -> object function. Each hop's function writes through the real
 * port (SQS to ElasticMQ; SNS and S3 to a loopback recorder), and what the backend received becomes the next
 * function's Lambda event: SNS message attributes, SQS message attributes and {@code AWSTraceHeader}, and for S3 the
 * {@code X-Amzn-Trace-Id} of the PutObject, which S3 passes on as the notification's Lambda trace header.
 */
class AwsTracePropagationTest {
  private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:user-created";
  private final List<Map<String, String>> published = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> puts = new CopyOnWriteArrayList<>();
  private final Map<String, TraceContext> traces = new ConcurrentHashMap<>();
  private final Map<String, String> invocations = new ConcurrentHashMap<>();
  private final SQSRestServer sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
  private final HttpServer recorder;
  private final SqsClient sqs;
  private final SnsClient sns;
  private final S3Client s3;

  AwsTracePropagationTest() throws IOException {
    recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    recorder.createContext("/", this::answer);
    recorder.start();
    sqs = Emulators.sqs(sqsServer.waitUntilStarted().localAddress().getPort());
    sqs.createQueue(b -> b.queueName("work"));
    sns = Emulators.sns(recorder.getAddress().getPort());
    s3 = Emulators.s3(recorder.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    sqs.close();
    sns.close();
    s3.close();
    recorder.stop(0);
    sqsServer.stopAndWait();
  }

  final class Chain implements FunctionApp {
    @Override
    public void configure(Functions f, Platform p) {
      SnsMessagePublisher orders = new SnsMessagePublisher(sns, TOPIC_ARN);
      SqsMessageQueue work = new SqsMessageQueue(sqs, "work");
      S3ObjectStorage results = new S3ObjectStorage(s3, "results");
      f.http("start", route("POST /start"), (request, c) -> {
        record("start", request.text(), c);
        orders.publish(OutgoingMessage.text(request.text()));
        return HttpResponse.noContent().empty();
      });
      f.onTopicMessage("fanIn", topic("user-created"), (m, c) -> {
        record("fanIn", m.text(), c);
        work.send(OutgoingMessage.text(m.text()));
      });
      f.onQueueMessage("work", queue("work").batchSize(10), (m, c) -> {
        record("work", m.text(), c);
        results.put("out/" + m.text(), m.body());
      });
      f.onObject("done", bucket("results"), (e, c) -> record("done", e.key().substring(4), c));
    }

    private void record(String function, String key, InvocationContext c) {
      traces.put(function + ":" + key, c.trace().orElseThrow());
      invocations.put(function + ":" + key, c.invocationId());
    }
  }

  @Test
  void oneTraceFollowsARequestThroughSnsSqsAndS3WithABatchOfMixedParents() throws IOException {
    LambdaHandler handler = Fixtures.handler(new Chain(), Map.of());
    String[] xray = {"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "Root=1-6759e988-cd862e3fe1be46a994272793;Parent=63995c3f42cd8ad8;Sampled=1"};
    String[] keys = {"a", "b"};

    for (int i = 0; i < 2; i++) {
      ObjectNode http = tree("http-api-v2.json");
      http.put("rawPath", "/start").put("body", keys[i]).put("isBase64Encoded", false);
      ((ObjectNode) http.get("requestContext").get("http")).put("method", "POST").put("path", "/start");
      invokeRaw(handler, WireJson.write(http), new TestLambdaContext("http-" + i, 30_000, xray[i]));
    }
    assertThat(published).hasSize(2);
    for (int i = 0; i < 2; i++) {
      invokeRaw(handler, WireJson.write(snsEvent(published.get(i))), new TestLambdaContext("sns-" + i));
    }
    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl()).maxNumberOfMessages(10)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    assertThat(messages).hasSize(2);
    // One batch; b's record carries only AWSTraceHeader, as from a sender that does not write traceparent.
    invokeRaw(handler, WireJson.write(sqsEvent(messages, "b")), new TestLambdaContext("sqs-batch"));
    assertThat(puts).hasSize(2);
    for (Map<String, String> put : puts) {
      assertThat(put.get("x-amz-meta-traceparent")).startsWith("00-");
      invokeRaw(handler, WireJson.write(s3Event(put.get("_key"))),
          new TestLambdaContext("s3-" + put.get("_key"), 30_000, put.get("x-amzn-trace-id")));
    }

    assertChain("a", "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8");
    assertChain("b", "6759e988cd862e3fe1be46a994272793", "63995c3f42cd8ad8");
    assertThat(invocations.get("work:a")).isEqualTo(invocations.get("work:b")).isEqualTo("sqs-batch");
  }

  private void assertChain(String key, String traceId, String callerSpan) {
    String parent = callerSpan;
    for (String hop : new String[] {"start", "fanIn", "work", "done"}) {
      TraceContext t = traces.get(hop + ":" + key);
      assertThat(t.traceId()).as(hop + ":" + key).isEqualTo(traceId);
      assertThat(t.parentSpanId()).as(hop + ":" + key).contains(parent);
      parent = t.spanId();
    }
  }

  private String queueUrl() {
    return sqs.getQueueUrl(b -> b.queueName("work")).queueUrl();
  }

  private static ObjectNode snsEvent(Map<String, String> publish) {
    ObjectNode event = tree("sns.json");
    ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
    sns.put("Message", publish.get("Message")).put("MessageId", UUID.randomUUID().toString());
    ObjectNode attributes = sns.putObject("MessageAttributes");
    for (int n = 1; publish.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
      attributes.putObject(publish.get("MessageAttributes.entry." + n + ".Name")).put("Type", "String")
          .put("Value", publish.get("MessageAttributes.entry." + n + ".Value.StringValue"));
    }
    return event;
  }

  private static ObjectNode sqsEvent(List<Message> messages, String withoutTraceparent) {
    ObjectNode event = tree("sqs.json");
    ObjectNode template = (ObjectNode) event.get("Records").get(0);
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode r = template.deepCopy();
      r.put("messageId", m.messageId()).put("body", m.body())
          .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:work");
      ((ObjectNode) r.get("attributes")).put("AWSTraceHeader",
          m.attributesAsStrings().get(MessageSystemAttributeName.AWS_TRACE_HEADER.toString()));
      ObjectNode attributes = r.putObject("messageAttributes");
      m.messageAttributes().forEach((name, v) -> {
        if (!(m.body().equals(withoutTraceparent) && name.startsWith("trace"))) {
          attributes.putObject(name).put("stringValue", v.stringValue()).put("dataType", v.dataType());
        }
      });
      records.add(r);
    }
    return event;
  }

  private static ObjectNode s3Event(String key) {
    ObjectNode event = tree("s3.json");
    ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
    ((ObjectNode) s3.get("bucket")).put("name", "results").put("arn", "arn:aws:s3:::results");
    ((ObjectNode) s3.get("object")).put("key", key);
    return event;
  }

  /** SNS Publish (Query protocol) and S3 PutObject, recorded and answered as the services do. */
  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    byte[] response = new byte[0];
    if (exchange.getRequestMethod().equals("PUT")) {
      Map<String, String> put = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> put.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      String path = exchange.getRequestURI().getPath();
      put.put("_key", path.substring(path.indexOf('/', 1) + 1));
      puts.add(put);
      exchange.getResponseHeaders().set("ETag", "\"0123456789abcdef0123456789abcdef\"");
    } else {
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
        int eq = pair.indexOf('=');
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      published.add(form);
      response = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
          + UUID.randomUUID() + "</MessageId></PublishResult></PublishResponse>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
    }
    exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }
}
