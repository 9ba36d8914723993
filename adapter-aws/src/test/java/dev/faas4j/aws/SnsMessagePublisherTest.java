package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faas4j.local.testkit.contract.MessagePublisherContract;
import dev.faas4j.local.testkit.contract.ReceivedMessage;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * No open-source SNS server runs here, so this checks the exact Publish requests {@link SnsMessagePublisher} sends
 * (SNS's Query protocol, as the AWS SDK writes it) against a loopback server that records them and answers as SNS
 * does. What a real topic then delivers is not verified here; the SNS Lambda payload is covered by the mapping
 * tests.
 */
class SnsMessagePublisherTest extends MessagePublisherContract<SnsMessagePublisher> {
  private static final String ACCOUNT_ARN = "arn:aws:sns:us-east-1:123456789012:";
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final List<Map<String, String>> REQUESTS = new CopyOnWriteArrayList<>();
  private static volatile String failWith;
  private static HttpServer server;
  private static ExecutorService pool;
  private static SnsClient client;

  @BeforeAll
  static void startRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/", SnsMessagePublisherTest::answer);
    server.start();
    client = Emulators.sns(server.getAddress().getPort());
  }

  @AfterAll
  static void stopRecorder() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop(0);
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    form.put("_method", exchange.getRequestMethod());
    form.put("_contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
    form.put("_authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    String xml;
    int status;
    String code = failWith;
    if (code != null) {
      status = code.equals("InternalError") ? 500 : 400;
      xml = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>" + code
          + "</Code><Message>refused</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
    } else {
      String id = UUID.randomUUID().toString();
      form.put("_messageId", id);
      REQUESTS.add(form);
      status = 200;
      xml = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>" + id
          + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
          + "</RequestId></ResponseMetadata></PublishResponse>";
    }
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  protected SnsMessagePublisher newSubject() {
    failWith = null;
    return new SnsMessagePublisher(client, ACCOUNT_ARN + "topic-" + TOPICS.incrementAndGet());
  }

  @Override
  protected Optional<List<ReceivedMessage>> published(SnsMessagePublisher subject) {
    List<ReceivedMessage> list = new ArrayList<>();
    for (Map<String, String> r : requestsTo(subject)) {
      Map<String, String> attributes = attributes(r);
      String encoding = attributes.remove(BodyEncoding.ATTRIBUTE);
      list.add(new ReceivedMessage(r.get("_messageId"), BodyEncoding.decode(r.get("Message"), encoding, "Message"),
          attributes, Optional.ofNullable(r.get("MessageGroupId"))));
    }
    return Optional.of(list);
  }

  @Test
  void publishSendsOneQueryProtocolPublishWithStringAttributes() {
    publisher.publish(OutgoingMessage.text("{\"userId\":\"42\"}").attribute("tenant", "acme"));

    Map<String, String> r = requestsTo(publisher).get(0);
    assertThat(r.get("_method")).isEqualTo("POST");
    assertThat(r.get("_contentType")).startsWith("application/x-www-form-urlencoded");
    assertThat(r.get("_authorization")).startsWith("AWS4-HMAC-SHA256").contains("/sns/aws4_request");
    assertThat(r).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31")
        .containsEntry("TopicArn", publisher.topicArn()).containsEntry("Message", "{\"userId\":\"42\"}")
        .containsEntry("MessageAttributes.entry.1.Name", "tenant")
        .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
        .containsEntry("MessageAttributes.entry.1.Value.StringValue", "acme")
        .doesNotContainKey("MessageGroupId").doesNotContainKey("Subject");
  }

  @Test
  void binaryBodyIsSentAsBase64WithTheEncodingMark() {
    publisher.publish(OutgoingMessage.of(new byte[] {0, 1, 2, (byte) 0xff}));

    Map<String, String> r = requestsTo(publisher).get(0);
    assertThat(r.get("Message")).isEqualTo("AAEC/w==");
    assertThat(attributes(r)).containsExactly(Map.entry(BodyEncoding.ATTRIBUTE, BodyEncoding.BASE64));
  }

  @Test
  void groupKeyAndDeduplicationIdGoToFifoParameters() {
    publisher.publish(OutgoingMessage.text("x").groupKey("customer-7").deduplicationId("d-1"));

    assertThat(requestsTo(publisher).get(0)).containsEntry("MessageGroupId", "customer-7")
        .containsEntry("MessageDeduplicationId", "d-1");
  }

  @Test
  void snsErrorsMapToPortReasons() {
    for (Map.Entry<String, Reason> c : Map.of("NotFound", Reason.NOT_FOUND, "InvalidParameter",
        Reason.INVALID_ARGUMENT, "Throttling", Reason.THROTTLED, "AuthorizationError", Reason.ACCESS_DENIED)
        .entrySet()) {
      failWith = c.getKey();
      assertThatThrownBy(() -> publisher.publish(OutgoingMessage.text("x"))).as(c.getKey())
          .isInstanceOfSatisfying(MessagePublisherException.class,
              e -> assertThat(e.reason()).isEqualTo(c.getValue()));
    }
    failWith = null;
  }

  private static List<Map<String, String>> requestsTo(SnsMessagePublisher subject) {
    return REQUESTS.stream().filter(r -> subject.topicArn().equals(r.get("TopicArn"))).toList();
  }

  private static Map<String, String> attributes(Map<String, String> request) {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 1; request.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
      attributes.put(request.get("MessageAttributes.entry." + i + ".Name"),
          request.get("MessageAttributes.entry." + i + ".Value.StringValue"));
    }
    return attributes;
  }
}
