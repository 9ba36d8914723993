package dev.faas4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.faas4j.bench.baseline.ApiGatewayV2Baseline;
import dev.faas4j.bench.baseline.ApiGatewayV2LeanBaseline;
import dev.faas4j.bench.baseline.AzureHttpBaseline;
import dev.faas4j.bench.baseline.AzureQueueBaseline;
import dev.faas4j.bench.baseline.GcsCloudEventBaseline;
import dev.faas4j.bench.baseline.SqsBatchBaseline;
import dev.faas4j.bench.baseline.SqsLeanBaseline;
import dev.faas4j.bench.support.AzureHttp;
import dev.faas4j.bench.support.Events;
import dev.faas4j.bench.support.LambdaContext;
import dev.faas4j.bench.support.StorageCloudEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smoke check `mvn verify` runs instead of any measurement: for the same wire input, each benchmark's faas4j
 * path and its hand-written baseline produce the same wire output (or see the same event), so the two sides of
 * every ratio do the same work. An adapter that has not landed yet is skipped.
 */
class WireEquivalenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The first record of the SQS events: queue, id, receive count, SentTimestamp, string message attributes. */
  private static final String FIRST_SQS_DELIVERY = "orders/059f36b4-87a3-44ab-83d2-661970000000#1@1741614052000"
      + " {tenant=acme}";
  private static final String LAST_SQS_DELIVERY = "orders/059f36b4-87a3-44ab-83d2-661970000009#1@1741614052009"
      + " {tenant=acme}";
  private static final String AZURE_DELIVERY = "orders/b7d4a2c1-5e6f-4a3b-9c8d-7e6f5a4b3c2d#2@1741614052000 {}";

  @BeforeEach
  void reset() {
    Seen.reset();
  }

  @Test
  void apiGatewayV2ResponsesMatch() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-aws"), "adapter-aws has not landed");
    byte[] event = Events.apiGatewayV2();
    JsonNode faas4j = JSON.readTree(invoke(Faas4jEntryPoints.lambda(), event));
    assertSameHttpResponse(faas4j, JSON.readTree(invoke(new ApiGatewayV2Baseline(), event)));
    assertSameHttpResponse(faas4j, JSON.readTree(invoke(new ApiGatewayV2LeanBaseline(), event)));
  }

  private static void assertSameHttpResponse(JsonNode faas4j, JsonNode baseline) throws Exception {
    assertThat(faas4j.get("statusCode").asInt()).isEqualTo(200).isEqualTo(baseline.get("statusCode").asInt());
    assertThat(JSON.readTree(faas4j.get("body").asText()))
        .isEqualTo(JSON.readTree(baseline.get("body").asText()))
        .isEqualTo(JSON.readTree("{\"message\":\"Hello, Ada\"}"));
    assertThat(header(faas4j, "content-type")).isEqualTo(header(baseline, "content-type"))
        .isEqualTo("application/json");
    assertThat(faas4j.get("isBase64Encoded").asBoolean()).isEqualTo(baseline.get("isBase64Encoded").asBoolean());
  }

  @Test
  void sqsBatchResponsesMatchAndEveryOrderIsSeen() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-aws"), "adapter-aws has not landed");
    byte[] event = Events.sqsBatch10();
    String faas4j = invoke(Faas4jEntryPoints.lambda(), event);
    long faas4jSum = Seen.amounts();
    Seen.reset();
    String baseline = invoke(new SqsBatchBaseline(), event);

    assertThat(JSON.readTree(faas4j)).isEqualTo(JSON.readTree(baseline))
        .isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
    assertThat(faas4jSum).isEqualTo(Seen.amounts()).isEqualTo(10 * 100 + 45);
  }

  @Test
  void sqsBatchMetadataIsReadAlike() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-aws"), "adapter-aws has not landed");
    byte[] event = Events.sqsBatch10();
    invoke(Faas4jEntryPoints.lambda(), event);
    String faas4j = Seen.lastDelivery();
    invoke(new SqsBatchBaseline(), event);
    String records = Seen.lastDelivery();
    invoke(new SqsLeanBaseline(), event);

    assertThat(faas4j).isEqualTo(records).isEqualTo(Seen.lastDelivery()).isEqualTo(LAST_SQS_DELIVERY);
  }

  @Test
  void sqsOneMessageResponsesMatchAndTheMessageIsSeenAlike() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-aws"), "adapter-aws has not landed");
    byte[] event = Events.sqsOne();
    String faas4j = invoke(Faas4jEntryPoints.lambda(), event);
    long faas4jSum = Seen.amounts();
    String faas4jDelivery = Seen.lastDelivery();
    Seen.reset();
    String baseline = invoke(new SqsLeanBaseline(), event);

    assertThat(JSON.readTree(faas4j)).isEqualTo(JSON.readTree(baseline))
        .isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
    assertThat(faas4jSum).isEqualTo(Seen.amounts()).isEqualTo(100);
    assertThat(faas4jDelivery).isEqualTo(Seen.lastDelivery()).isEqualTo(FIRST_SQS_DELIVERY);
  }

  @Test
  void sqsMessageThatFailsIsReportedAlike() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-aws"), "adapter-aws has not landed");
    byte[] event = new String(Events.sqsOne(), StandardCharsets.UTF_8)
        .replace("{\\\"orderId\\\"", "{oops").getBytes(StandardCharsets.UTF_8);
    JsonNode expected = JSON.readTree(
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661970000000\"}]}");

    assertThat(JSON.readTree(invoke(Faas4jEntryPoints.lambda(), event))).isEqualTo(expected);
    assertThat(JSON.readTree(invoke(new SqsLeanBaseline(), event))).isEqualTo(expected);
  }

  @Test
  void storageCloudEventIsSeenAlike() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-gcp"), "adapter-gcp has not landed");
    StorageCloudEvent event = StorageCloudEvent.of(Events.gcsObject());
    Faas4jEntryPoints.gcpEvents().accept(event);
    String faas4j = Seen.lastObject();
    Seen.reset();
    new GcsCloudEventBaseline().accept(event);

    assertThat(faas4j).isEqualTo(Seen.lastObject()).isEqualTo("uploads/photos/2025/ada lovelace.jpg:524288");
  }

  @Test
  void azureHttpResponsesMatch() throws Exception {
    assumeTrue(Faas4jEntryPoints.available("adapter-azure"), "adapter-azure has not landed");
    HttpResponseMessage faas4j = Faas4jEntryPoints.azureHttp().run(AzureHttp.greetRequest(), new AzureHttp.Context());
    HttpResponseMessage baseline = new AzureHttpBaseline().run(AzureHttp.greetRequest(), new AzureHttp.Context());

    assertThat(faas4j.getStatusCode()).isEqualTo(200).isEqualTo(baseline.getStatusCode());
    assertThat(JSON.readTree(bodyText(faas4j.getBody()))).isEqualTo(JSON.readTree(bodyText(baseline.getBody())));
    assertThat(faas4j.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void azureQueueMessageIsSeenAlike() {
    assumeTrue(Faas4jEntryPoints.available("adapter-azure"), "adapter-azure has not landed");
    AzureHttp.QueueInput m = AzureHttp.orderMessage();
    Faas4jEntryPoints.azureQueue().run(m.body(), m.id(), m.dequeueCount(), m.insertionTime(),
        new AzureHttp.Context("orders"));
    long faas4jSum = Seen.amounts();
    String faas4j = Seen.lastDelivery();
    Seen.reset();
    new AzureQueueBaseline().run(m.body(), m.id(), m.dequeueCount(), m.insertionTime(),
        new AzureHttp.Context("orders"));

    assertThat(faas4jSum).isEqualTo(Seen.amounts()).isEqualTo(107);
    assertThat(faas4j).isEqualTo(Seen.lastDelivery()).isEqualTo(AZURE_DELIVERY);
  }

  @Test
  void azureQueueMessageThatFailsThrowsOnBothSides() {
    assumeTrue(Faas4jEntryPoints.available("adapter-azure"), "adapter-azure has not landed");
    AzureHttp.QueueInput m = AzureHttp.orderMessage();
    byte[] bad = "not an order".getBytes(StandardCharsets.UTF_8);

    // Thrown, so that the host retries the message and poisons it after maxDequeueCount attempts.
    assertThatThrownBy(() -> Faas4jEntryPoints.azureQueue().run(bad, m.id(), m.dequeueCount(), m.insertionTime(),
        new AzureHttp.Context("orders"))).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> new AzureQueueBaseline().run(bad, m.id(), m.dequeueCount(), m.insertionTime(),
        new AzureHttp.Context("orders"))).isInstanceOf(RuntimeException.class);
    assertThat(Seen.amounts()).isZero();
  }

  @Test
  void baselinesAloneDoTheWork() throws Exception {
    JsonNode http = JSON.readTree(invoke(new ApiGatewayV2Baseline(), Events.apiGatewayV2()));
    assertThat(http.get("body").asText()).isEqualTo("{\"message\":\"Hello, Ada\"}");
    assertThat(JSON.readTree(invoke(new ApiGatewayV2LeanBaseline(), Events.apiGatewayV2()))).isEqualTo(http);
    assertThat(invoke(new SqsBatchBaseline(), Events.sqsBatch10())).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(invoke(new SqsLeanBaseline(), Events.sqsOne())).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(Seen.lastDelivery()).isEqualTo(FIRST_SQS_DELIVERY);
    AzureHttp.QueueInput m = AzureHttp.orderMessage();
    new AzureQueueBaseline().run(m.body(), m.id(), m.dequeueCount(), m.insertionTime(),
        new AzureHttp.Context("orders"));
    assertThat(Seen.lastDelivery()).isEqualTo(AZURE_DELIVERY);
    HttpResponseMessage azure = new AzureHttpBaseline().run(AzureHttp.greetRequest(), new AzureHttp.Context());
    assertThat(azure.getBody()).isEqualTo("{\"message\":\"Hello, Ada\"}");
  }

  private static String invoke(RequestStreamHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new LambdaContext());
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String header(JsonNode response, String name) {
    for (Map.Entry<String, JsonNode> e : response.get("headers").properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().asText();
      }
    }
    return "";
  }

  private static String bodyText(Object body) {
    return body instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(body);
  }
}
