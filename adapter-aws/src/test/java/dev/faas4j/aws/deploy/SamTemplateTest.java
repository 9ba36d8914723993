package dev.faas4j.aws.deploy;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.spi.ResourceInventory;
import dev.faas4j.trigger.CronExpression;
import dev.faas4j.trigger.InvalidTriggerException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
  private static final FunctionApp APP = (functions, platform) -> {
    platform.keyValueStore("users");
    platform.messagePublisher("user-created");
    platform.config("API_KEY");
    functions.http("getUser", route("GET /users/{id}"), (request, context) -> HttpResponse.ok().empty());
    functions.http("files", route("ANY /files/{path+}"), (request, context) -> HttpResponse.ok().empty());
    functions.onObject("thumbnail", bucket("raw_images").prefix("in/").suffix(".png"), (e, c) -> {});
    functions.onObject("cleanup", bucket("raw_images").on(ObjectEventKind.DELETED), (e, c) -> {});
    functions.onQueueMessage("ledger", queue("payments").fifo().batchSize(50), (m, c) -> {}).maxDeliveries(3);
    functions.onQueueMessage("bulk", queue("bulk").batchSize(100), (m, c) -> {});
    functions.onTopicMessage("welcome", topic("user-created"), (m, c) -> {});
    functions.onSchedule("nightly", cron("0 2 * * *"), (e, c) -> {});
    functions.onSchedule("paris", cron("30 8 * * MON-FRI").zone(ZoneId.of("Europe/Paris")), (e, c) -> {});
  };

  private static JsonNode template() throws Exception {
    String json = SamTemplate.of(ResourceInventory.of(APP)).codeUri("app.zip").timeoutSeconds(20).toJson();
    return new ObjectMapper().readTree(json);
  }

  @Test
  void startUpAidsAreOffByDefaultAndSetOnEveryFunctionWhenAsked() throws Exception {
    JsonNode plain = template().path("Resources").path("NightlyFunction").path("Properties");
    assertThat(plain.has("SnapStart")).isFalse();
    assertThat(plain.has("AutoPublishAlias")).isFalse();
    assertThat(plain.path("Environment").path("Variables").has("JAVA_TOOL_OPTIONS")).isFalse();
    assertThat(plain.path("Environment").path("Variables").has("AWS_LAMBDA_EXEC_WRAPPER")).isFalse();

    JsonNode aided = new ObjectMapper().readTree(SamTemplate.of(ResourceInventory.of(APP))
        .javaToolOptions(" -Xlog:cds ").execWrapper("/var/task/" + LambdaTraining.LAUNCHER).snapStart(true).toJson())
        .path("Resources");
    aided.properties().forEach(e -> {
      if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        JsonNode p = e.getValue().path("Properties");
        assertThat(p.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText()).isEqualTo("-Xlog:cds");
        assertThat(p.path("Environment").path("Variables").path("AWS_LAMBDA_EXEC_WRAPPER").asText())
            .isEqualTo("/var/task/faas4j/launch");
        assertThat(p.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(p.path("AutoPublishAlias").asText()).isEqualTo("live");
      }
    });
  }

  @Test
  void theExecWrapperMustBeInTheCode() {
    assertThatThrownBy(() -> SamTemplate.of(ResourceInventory.of(APP)).execWrapper("faas4j/launch"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("under /var/task/");
    assertThatThrownBy(() -> SamTemplate.of(ResourceInventory.of(APP)).execWrapper("/var/task/../../bin/sh"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("under /var/task/");
  }

  @Test
  void oneServerlessFunctionPerRegisteredFunctionWithTheOneHandler() throws Exception {
    JsonNode resources = template().path("Resources");
    List<String> functions = new ArrayList<>();
    resources.properties().forEach(e -> {
      if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        functions.add(e.getValue().path("Properties").path("Environment").path("Variables").path("FAAS4J_FUNCTION")
            .asText());
        JsonNode p = e.getValue().path("Properties");
        assertThat(p.path("Handler").asText()).isEqualTo("dev.faas4j.aws.LambdaHandler::handleRequest");
        assertThat(p.path("Runtime").asText()).isEqualTo("java17");
        assertThat(p.path("CodeUri").asText()).isEqualTo("app.zip");
        assertThat(p.path("Environment").path("Variables").path("FAAS4J_APP").asText())
            .isEqualTo(APP.getClass().getName());
      }
    });
    assertThat(functions).containsExactly("getUser", "files", "thumbnail", "cleanup", "ledger", "bulk", "welcome",
        "nightly", "paris");
    assertThat(resources.has("GetUserFunction")).isTrue();
  }

  @Test
  void httpRoutesBecomeHttpApiEventsPerMethod() throws Exception {
    JsonNode resources = template().path("Resources");
    JsonNode getUser = resources.path("GetUserFunction").path("Properties").path("Events");
    assertThat(getUser.path("Get").path("Type").asText()).isEqualTo("HttpApi");
    assertThat(getUser.path("Get").path("Properties").path("Path").asText()).isEqualTo("/users/{id}");
    assertThat(getUser.path("Head").path("Properties").path("Method").asText()).isEqualTo("HEAD");
    JsonNode files = resources.path("FilesFunction").path("Properties").path("Events").path("Any").path("Properties");
    assertThat(files.path("Path").asText()).isEqualTo("/files/{path+}");
    assertThat(files.path("Method").asText()).isEqualTo("ANY");
    assertThat(template().path("Outputs").has("HttpApiUrl")).isTrue();
  }

  @Test
  void bucketsAreS3EventsWithFilterRulesOnNamedBuckets() throws Exception {
    JsonNode root = template();
    JsonNode upload = root.path("Resources").path("ThumbnailFunction").path("Properties").path("Events")
        .path("Upload");
    assertThat(upload.path("Type").asText()).isEqualTo("S3");
    assertThat(upload.path("Properties").path("Bucket").path("Ref").asText()).isEqualTo("RawImagesBucket");
    assertThat(upload.path("Properties").path("Events").toString()).isEqualTo("[\"s3:ObjectCreated:*\"]");
    assertThat(upload.path("Properties").path("Filter").path("S3Key").path("Rules").toString())
        .isEqualTo("[{\"Name\":\"prefix\",\"Value\":\"in/\"},{\"Name\":\"suffix\",\"Value\":\".png\"}]");
    assertThat(root.path("Resources").path("CleanupFunction").path("Properties").path("Events").path("Upload")
        .path("Properties").path("Events").toString()).isEqualTo("[\"s3:ObjectRemoved:*\"]");
    JsonNode bucket = root.path("Resources").path("RawImagesBucket");
    assertThat(bucket.path("Type").asText()).isEqualTo("AWS::S3::Bucket");
    // an explicit name, used in the environment too: a Ref would make a circular dependency
    String name = "${ResourcePrefix}-${AWS::AccountId}-raw-images";
    assertThat(bucket.path("Properties").path("BucketName").path("Fn::Sub").asText()).isEqualTo(name);
    assertThat(root.path("Resources").path("GetUserFunction").path("Properties").path("Environment")
        .path("Variables").path("FAAS4J_BUCKET_RAW_IMAGES").path("Fn::Sub").asText()).isEqualTo(name);
  }

  @Test
  void queuesReportBatchItemFailuresAndDeadLetterAfterMaxDeliveries() throws Exception {
    JsonNode resources = template().path("Resources");
    JsonNode ledger = resources.path("LedgerFunction").path("Properties").path("Events").path("Messages");
    assertThat(ledger.path("Type").asText()).isEqualTo("SQS");
    assertThat(ledger.path("Properties").path("Queue").path("Fn::GetAtt").toString())
        .isEqualTo("[\"PaymentsQueue\",\"Arn\"]");
    assertThat(ledger.path("Properties").path("BatchSize").asInt()).isEqualTo(10); // FIFO caps at 10
    assertThat(ledger.path("Properties").path("FunctionResponseTypes").toString())
        .isEqualTo("[\"ReportBatchItemFailures\"]");
    JsonNode payments = resources.path("PaymentsQueue").path("Properties");
    assertThat(payments.path("FifoQueue").asBoolean()).isTrue();
    assertThat(payments.path("QueueName").path("Fn::Sub").asText()).endsWith("-payments.fifo");
    assertThat(payments.path("VisibilityTimeout").asInt()).isEqualTo(120);
    assertThat(payments.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(3);
    assertThat(payments.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").get(0).asText())
        .isEqualTo("PaymentsDeadLetterQueue");
    assertThat(resources.path("PaymentsDeadLetterQueue").path("Properties").path("QueueName").path("Fn::Sub")
        .asText()).endsWith("-payments-dlq.fifo");
    JsonNode bulk = resources.path("BulkFunction").path("Properties").path("Events").path("Messages").path("Properties");
    assertThat(bulk.path("BatchSize").asInt()).isEqualTo(100);
    assertThat(bulk.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(1);
    assertThat(resources.path("BulkQueue").path("Properties").has("FifoQueue")).isFalse();
  }

  @Test
  void topicsSchedulesTablesAndSettings() throws Exception {
    JsonNode root = template();
    JsonNode resources = root.path("Resources");
    assertThat(resources.path("WelcomeFunction").path("Properties").path("Events").path("Notification")
        .path("Properties").path("Topic").path("Ref").asText()).isEqualTo("UserCreatedTopic");
    assertThat(resources.path("NightlyFunction").path("Properties").path("Events").path("Schedule").path("Properties")
        .path("Schedule").asText()).isEqualTo("cron(0 2 * * ? *)");
    JsonNode paris = resources.path("ParisFunction").path("Properties").path("Events").path("Schedule");
    assertThat(paris.path("Type").asText()).isEqualTo("ScheduleV2");
    assertThat(paris.path("Properties").path("ScheduleExpression").asText()).isEqualTo("cron(30 8 ? * MON,TUE,WED,THU,FRI *)");
    assertThat(paris.path("Properties").path("ScheduleExpressionTimezone").asText()).isEqualTo("Europe/Paris");

    JsonNode table = resources.path("UsersTable").path("Properties");
    assertThat(table.path("KeySchema").toString()).isEqualTo("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]");
    assertThat(table.path("AttributeDefinitions").get(0).path("AttributeType").asText()).isEqualTo("S");
    assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("ttl");

    JsonNode env = resources.path("WelcomeFunction").path("Properties").path("Environment").path("Variables");
    assertThat(env.path("FAAS4J_TABLE_USERS").path("Ref").asText()).isEqualTo("UsersTable");
    assertThat(env.path("FAAS4J_TOPIC_USER_CREATED").path("Ref").asText()).isEqualTo("UserCreatedTopic");
    assertThat(env.path("FAAS4J_QUEUE_PAYMENTS").path("Ref").asText()).isEqualTo("PaymentsQueue");
    assertThat(env.path("API_KEY").path("Ref").asText()).isEqualTo("ApiKey");
    assertThat(root.path("Parameters").path("ApiKey").path("NoEcho").asBoolean()).isTrue();
    assertThat(resources.path("WelcomeFunction").path("Properties").path("Policies").toString())
        .contains("DynamoDBCrudPolicy", "S3CrudPolicy", "SQSSendMessagePolicy", "SNSPublishMessagePolicy");
  }

  @Test
  void memoryTimeoutAndMaxDeliveriesAreEachFunctionsOwn() throws Exception {
    FunctionApp app = (functions, platform) -> {
      functions.onQueueMessage("ingest", queue("uploads"), (m, c) -> {}).timeout(Duration.ofMinutes(2)).memoryMb(2048)
          .maxDeliveries(9);
      functions.http("ping", route("GET /ping"), (request, context) -> HttpResponse.ok().empty());
      functions.onTopicMessage("once", topic("audit"), (m, c) -> {}).maxDeliveries(1);
      functions.onSchedule("nightly", cron("0 2 * * *"), (e, c) -> {});
    };
    JsonNode resources = new ObjectMapper().readTree(SamTemplate.of(ResourceInventory.of(app)).memorySize(256)
        .timeoutSeconds(10).toJson()).path("Resources");

    JsonNode ingest = resources.path("IngestFunction").path("Properties");
    assertThat(ingest.path("MemorySize").asInt()).isEqualTo(2048);
    assertThat(ingest.path("Timeout").asInt()).isEqualTo(120);
    JsonNode ping = resources.path("PingFunction").path("Properties");
    assertThat(ping.path("MemorySize").asInt()).isEqualTo(256); // the template's defaults
    assertThat(ping.path("Timeout").asInt()).isEqualTo(10);
    JsonNode uploads = resources.path("UploadsQueue").path("Properties");
    assertThat(uploads.path("VisibilityTimeout").asInt()).isEqualTo(720); // six times the consumer's timeout
    assertThat(uploads.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(9);
    // asynchronous invocations: retries = deliveries - 1, at most Lambda's 2 (the default 5 is capped, and said so)
    JsonNode once = resources.path("OnceFunction").path("Properties");
    assertThat(once.path("EventInvokeConfig").path("MaximumRetryAttempts").asInt()).isEqualTo(0);
    JsonNode nightly = resources.path("NightlyFunction").path("Properties");
    assertThat(nightly.path("EventInvokeConfig").path("MaximumRetryAttempts").asInt()).isEqualTo(2);
    assertThat(nightly.path("Description").asText()).contains("maxDeliveries 5 capped at 3");
    assertThat(ping.has("EventInvokeConfig")).isFalse();
  }

  @Test
  void optionsLambdaCannotTakeAreRefusedNamingTheFunction() {
    FunctionApp slow = (functions, platform) -> functions.http("report", route("GET /report"),
        (request, context) -> HttpResponse.ok().empty()).timeout(Duration.ofMinutes(20));
    FunctionApp big = (functions, platform) -> functions.http("render", route("GET /render"),
        (request, context) -> HttpResponse.ok().empty()).memoryMb(16_384);

    assertThatThrownBy(() -> SamTemplate.of(ResourceInventory.of(slow)).toJson())
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("'report'").hasMessageContaining("900");
    assertThatThrownBy(() -> SamTemplate.of(ResourceInventory.of(big)).toJson())
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("'render'").hasMessageContaining("10240");
  }

  @Test
  void convertsFiveFieldCronToEventBridgeCron() {
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 2 * * *"))).isEqualTo("cron(0 2 * * ? *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("*/15 * * * *"))).isEqualTo("cron(0/15 * * * ? *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 9 1,15 * ?"))).isEqualTo("cron(0 9 1,15 * ? *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 0 * * 0"))).isEqualTo("cron(0 0 ? * SUN *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 0 * * 7"))).isEqualTo("cron(0 0 ? * SUN *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 0 * * 5-7"))).isEqualTo("cron(0 0 ? * SUN,FRI,SAT *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 0 * * 1-5/2"))).isEqualTo("cron(0 0 ? * MON,WED,FRI *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("0 8-18/5 * JAN-JUN/2 *")))
        .isEqualTo("cron(0 8,13,18 * 1,3,5 ? *)");
    assertThat(SamTemplate.awsCron(CronExpression.parse("@weekly"))).isEqualTo("cron(0 0 ? * SUN *)");
    assertThatThrownBy(() -> SamTemplate.awsCron(CronExpression.parse("0 0 1 * MON")))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("both");
  }

  @Test
  void logicalIdsAreAlphanumeric() {
    assertThat(SamTemplate.logicalId("raw-images", "Bucket")).isEqualTo("RawImagesBucket");
    assertThat(SamTemplate.logicalId("createUser", "Function")).isEqualTo("CreateUserFunction");
    assertThat(SamTemplate.logicalId("WEBHOOK_SECRET", "")).isEqualTo("WebhookSecret");
  }

  @Test
  void cloudEventFunctionGetsAnEventBridgeRuleOnDetailTypeAndSource() throws Exception {
    FunctionApp app = (functions, platform) -> {
      functions.onCloudEvent("orders", dev.faas4j.trigger.Triggers.cloudEvent("Order Placed").source("com.acme"),
          (e, c) -> {});
      functions.onCloudEvent("any", dev.faas4j.trigger.Triggers.cloudEvent("Object Created"), (e, c) -> {});
    };
    JsonNode resources = new ObjectMapper().readTree(SamTemplate.of(ResourceInventory.of(app)).toJson())
        .path("Resources");
    List<JsonNode> events = new ArrayList<>();
    resources.properties().forEach(e -> {
      JsonNode p = e.getValue().path("Properties");
      if (p.path("Environment").path("Variables").has("FAAS4J_FUNCTION")) {
        JsonNode event = p.path("Events").path("Events");
        assertThat(event.path("Type").asText()).isEqualTo("EventBridgeRule");
        assertThat(p.path("EventInvokeConfig").has("MaximumRetryAttempts")).isTrue();
        events.add(event.path("Properties").path("Pattern"));
      }
    });
    assertThat(events).extracting(JsonNode::toString).containsExactlyInAnyOrder(
        "{\"source\":[\"com.acme\"],\"detail-type\":[\"Order Placed\"]}", "{\"detail-type\":[\"Object Created\"]}");
  }
}
