package dev.faas4j.gcp.deploy;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.spi.ResourceInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandsTest {
  private static final FunctionApp APP = (functions, platform) -> {
    platform.keyValueStore("users");
    platform.config("WEBHOOK_SECRET");
    functions.http("createUser", route("POST /users"), (request, context) -> HttpResponse.ok().empty());
    functions.onObject("thumbnail", bucket("raw-images"), (e, c) -> {}).memoryMb(2048).timeout(Duration.ofMinutes(20));
    functions.onObject("archive", bucket("raw-images").suffix(".png").on(ObjectEventKind.CREATED,
        ObjectEventKind.DELETED), (e, c) -> {});
    functions.onTopicMessage("welcomeEmail", topic("user-created"), (m, c) -> {});
    functions.onQueueMessage("processOrders", queue("orders").fifo().batchSize(10), (m, c) -> {}).maxDeliveries(3)
        .timeout(Duration.ofMinutes(15));
    functions.onQueueMessage("audit", queue("audit"), (m, c) -> {}).maxDeliveries(40).timeout(Duration.ofMinutes(2));
    functions.onSchedule("dailyReport", cron("0 2 * * *").zone(ZoneId.of("Europe/Paris")), (e, c) -> {});
    functions.onSchedule("hourly", cron("@hourly"), (e, c) -> {});
  };

  private static String script() {
    return DeployCommands.of(ResourceInventory.of(APP)).script();
  }

  @Test
  void startUpArchiveOptionsAreOffByDefaultAndSetOnEveryFunctionWhenAsked() {
    assertThat(script()).doesNotContain("JAVA_TOOL_OPTIONS");
    String aided = DeployCommands.of(ResourceInventory.of(APP))
        .javaToolOptions("-XX:SharedArchiveFile=/workspace/faas4j.jsa").script();
    // with the heap the buildpack's launcher sizes only while JAVA_TOOL_OPTIONS is unset: 70 % of each memory
    assertThat(aided.split(",JAVA_TOOL_OPTIONS=-XX:MaxRAM=\\d+m -XX:MaxRAMPercentage=70 "
        + "-XX:SharedArchiveFile=/workspace/faas4j.jsa,", -1)).hasSize(9);
    assertThat(aided).contains("--memory=512Mi --timeout=60s --set-env-vars=\"FAAS4J_FUNCTION=createUser,"
        + "FAAS4J_TIMEOUT_SECONDS=60,JAVA_TOOL_OPTIONS=-XX:MaxRAM=512m -XX:MaxRAMPercentage=70 -XX:SharedArchiveFile=",
        "--memory=2048Mi --timeout=540s --set-env-vars=\"FAAS4J_FUNCTION=thumbnail,FAAS4J_TIMEOUT_SECONDS=540,"
            + "JAVA_TOOL_OPTIONS=-XX:MaxRAM=2048m ");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployCommands.of(ResourceInventory.of(APP))
        .javaToolOptions("-Da=1,B=\"$(rm -rf /)\"")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deploysEveryFunctionOnceWithTheOneEntryPointAndItsName() {
    String script = script();
    assertThat(script.split("gcloud functions deploy ", -1)).hasSize(9);
    assertThat(script).contains("--entry-point=dev.faas4j.gcp.GcpHttpFunction", "--runtime=java17", "--gen2",
        "--source='function'");
    for (String fn : new String[] {"createUser", "thumbnail", "archive", "welcomeEmail", "processOrders", "dailyReport"}) {
      assertThat(script).contains("gcloud functions deploy \"${PREFIX}-" + DeployCommands.deployName(fn) + "\"",
          "--set-env-vars=\"FAAS4J_FUNCTION=" + fn + ",FAAS4J_TIMEOUT_SECONDS=");
    }
    assertThat(script).contains("ENV=\"FAAS4J_APP=" + APP.getClass().getName() + ","
        + "FAAS4J_BUCKET_RAW_IMAGES=${PREFIX}-raw-images,FAAS4J_QUEUE_AUDIT=${PREFIX}-audit,"
        + "FAAS4J_QUEUE_ORDERS=${PREFIX}-orders,"
        + "FAAS4J_TOPIC_USER_CREATED=${PREFIX}-user-created,FAAS4J_TABLE_USERS=${PREFIX}-users\"");
  }

  @Test
  void memoryTimeoutAndDeliveriesComeFromEachFunctionsOptions() {
    String script = script();
    assertThat(script).doesNotContain("512Mi --timeout=60s)"); // no app-wide setting in DEPLOY
    assertThat(deployOf(script, "create-user")).contains("--memory=512Mi --timeout=60s",
        "FAAS4J_TIMEOUT_SECONDS=60,");
    assertThat(deployOf(script, "process-orders")).contains("--memory=512Mi --timeout=900s",
        "FAAS4J_TIMEOUT_SECONDS=900,");
    // event-driven functions run at most 540 s, and the script says why the declared 20 min is not used
    assertThat(deployOf(script, "thumbnail")).contains("--memory=2048Mi --timeout=540s",
        "FAAS4J_TIMEOUT_SECONDS=540,");
    assertThat(script).contains("# timeout 1200 s capped to 540 s");
    assertThat(script).contains("--ack-deadline=600 \\", "# acknowledgement deadline 600 s for the timeout of 900 s",
        "--ack-deadline=120 \\");
    assertThat(script).contains("--dead-letter-topic=\"${PREFIX}-audit-dlq\" --max-delivery-attempts=40\n");
    assertThat(script).contains("Eventarc retries a failed event for up to 24 hours: maxDeliveries 5 does not apply");
  }

  /** The {@code gcloud functions deploy} command of one function, continuation lines included. */
  private static String deployOf(String script, String deployName) {
    int start = script.indexOf("gcloud functions deploy \"${PREFIX}-" + deployName + "\"");
    assertThat(start).as(deployName).isNotNegative();
    return script.substring(start, script.indexOf("--trigger", start));
  }

  @Test
  void mapsEachTriggerToItsGoogleCloudDelivery() {
    String script = script();
    assertThat(script).contains("--trigger-http --allow-unauthenticated");
    assertThat(script).contains("--trigger-bucket=\"${PREFIX}-raw-images\" --retry");
    assertThat(script).contains("--trigger-event-filters=type=google.cloud.storage.object.v1.finalized "
        + "--trigger-event-filters=bucket=\"${PREFIX}-raw-images\" --retry");
    assertThat(script).contains("--event-filters=type=google.cloud.storage.object.v1.deleted");
    assertThat(script).contains("GCS triggers cannot filter keys: every object's event reaches the function, which "
        + "acknowledges and skips those outside suffix .png");
    assertThat(script).contains("--trigger-topic=\"${PREFIX}-user-created\" --retry");
    assertThat(script).contains("--topic=\"${PREFIX}-orders\"", "--push-endpoint=\"$URL\"",
        "--dead-letter-topic=\"${PREFIX}-orders-dlq\" --max-delivery-attempts=5 --enable-message-ordering",
        "(maxDeliveries 3; Pub/Sub takes 5 to 100)");
    assertThat(script).contains("gcloud scheduler jobs create http \"${PREFIX}-daily-report\"",
        "--schedule=\"0 2 * * *\" --time-zone=\"Europe/Paris\"", "--schedule=\"0 * * * *\" --time-zone=\"UTC\"");
    assertThat(script).contains("gcloud firestore fields ttls update expireAt --collection-group=\"${PREFIX}-users\"");
    assertThat(script).contains("--set-secrets=\"$SECRETS\"", "SECRETS=\"WEBHOOK_SECRET=${PREFIX}-webhook-secret:latest\"");
  }

  @Test
  void namesAreLowerCaseWithHyphens() {
    assertThat(DeployCommands.deployName("createUser")).isEqualTo("create-user");
    assertThat(DeployCommands.deployName("get_user")).isEqualTo("get-user");
    assertThat(DeployCommands.deployName("ETLJob")).isEqualTo("etl-job");
  }

  @Test
  void writesAnExecutableScriptThatBashCanParse(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deploy.sh");
    DeployCommands.of(ResourceInventory.of(APP)).write(file);
    assertThat(Files.isExecutable(file)).isTrue();
    Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void cloudEventFunctionsGetTheirTypeAndTheFilterEventarcRequiresFromTheSource() {
    FunctionApp app = (functions, platform) -> {
      functions.onCloudEvent("onDocument", dev.faas4j.trigger.Triggers.cloudEvent(
          "google.cloud.firestore.document.v1.written").source(
              "//firestore.googleapis.com/projects/acme/databases/(default)"), (e, c) -> {});
      functions.onCloudEvent("onUpload", dev.faas4j.trigger.Triggers.cloudEvent(
          "google.cloud.storage.object.v1.finalized").source("//storage.googleapis.com/projects/_/buckets/uploads"),
          (e, c) -> {});
      functions.onCloudEvent("onMessage", dev.faas4j.trigger.Triggers.cloudEvent(
          "google.cloud.pubsub.topic.v1.messagePublished").source("//pubsub.googleapis.com/projects/acme/topics/t1"),
          (e, c) -> {});
      functions.onCloudEvent("onBuild", dev.faas4j.trigger.Triggers.cloudEvent(
          "google.cloud.cloudbuild.build.v1.statusChanged").source("//cloudbuild.googleapis.com/projects/acme"),
          (e, c) -> {}).timeout(Duration.ofMinutes(30));
    };
    String script = DeployCommands.of(ResourceInventory.of(app)).script();

    assertThat(script).contains("--trigger-event-filters=type=google.cloud.firestore.document.v1.written"
        + " --trigger-event-filters=database=\"(default)\" --retry");
    assertThat(script).contains("--trigger-event-filters=type=google.cloud.storage.object.v1.finalized"
        + " --trigger-event-filters=bucket=\"uploads\" --retry");
    assertThat(script).contains("--trigger-topic=\"t1\" --retry");
    assertThat(script).contains("--trigger-event-filters=type=google.cloud.cloudbuild.build.v1.statusChanged --retry",
        "# Eventarc does not filter on the source", "capped to 540 s");
    assertThat(script.split("gcloud functions deploy ", -1)).hasSize(5);
  }

  @Test
  void aCloudEventFunctionEventarcCannotFilterAsDeclaredIsABuildErrorNamingIt() {
    FunctionApp audit = (functions, platform) -> functions.onCloudEvent("onAudit",
        dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.audit.log.v1.written"), (e, c) -> {});
    FunctionApp noBucket = (functions, platform) -> functions.onCloudEvent("onUpload",
        dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.storage.object.v1.finalized"), (e, c) -> {});
    FunctionApp badTopic = (functions, platform) -> functions.onCloudEvent("onMessage",
        dev.faas4j.trigger.Triggers.cloudEvent("google.cloud.pubsub.topic.v1.messagePublished")
            .source("//pubsub.googleapis.com/projects/acme/topics/$(reboot)"), (e, c) -> {});

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployCommands.of(ResourceInventory.of(audit)).script())
        .isInstanceOf(dev.faas4j.trigger.InvalidTriggerException.class).hasMessageContaining("onAudit")
        .hasMessageContaining("serviceName and methodName");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployCommands.of(ResourceInventory.of(noBucket)).script())
        .isInstanceOf(dev.faas4j.trigger.InvalidTriggerException.class).hasMessageContaining("onUpload")
        .hasMessageContaining("a bucket");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployCommands.of(ResourceInventory.of(badTopic)).script())
        .isInstanceOf(dev.faas4j.trigger.InvalidTriggerException.class).hasMessageContaining("onMessage");
  }
}
