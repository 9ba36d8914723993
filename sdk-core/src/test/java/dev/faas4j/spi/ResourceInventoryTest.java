package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.spi.ResourceInventory.Resource;
import dev.faas4j.spi.ResourceNames.Kind;
import org.junit.jupiter.api.Test;

class ResourceInventoryTest {
  private static final FunctionApp APP = (functions, platform) -> {
    platform.keyValueStore("users");
    platform.messagePublisher("user-created");
    platform.objectStorage("thumbnails");
    platform.messageQueue("orders");
    platform.keyValueStore("users"); // asked twice, listed once
    platform.config("WEBHOOK_SECRET");
    platform.config("FAAS4J_LOG_LEVEL");
    functions.http("createUser", route("POST /users"), (request, context) -> HttpResponse.ok().empty());
    functions.onObject("thumbnail", bucket("raw-images"), (event, context) -> {});
    functions.onQueueMessage("processOrders", queue("orders").batchSize(10), (m, c) -> {}).maxDeliveries(3);
    functions.onTopicMessage("audit", topic("audit-events"), (m, c) -> {});
    functions.onSchedule("nightly", cron("0 2 * * *"), (e, c) -> {});
  };

  @Test
  void listsPortsAskedForAndResourcesTriggersNameOncePerKindInOrder() {
    ResourceInventory inventory = ResourceInventory.of(APP);

    assertThat(inventory.resources()).containsExactly(
        new Resource(Kind.BUCKET, "raw-images"), new Resource(Kind.BUCKET, "thumbnails"),
        new Resource(Kind.QUEUE, "orders"),
        new Resource(Kind.TOPIC, "audit-events"), new Resource(Kind.TOPIC, "user-created"),
        new Resource(Kind.TABLE, "users"));
    assertThat(inventory.names(Kind.TOPIC)).containsExactly("audit-events", "user-created");
    assertThat(inventory.resources().get(0).setting()).isEqualTo("FAAS4J_BUCKET_RAW_IMAGES");
  }

  @Test
  void keepsTheFunctionsTheQueueTriggersAndTheAppsOwnSettings() {
    ResourceInventory inventory = ResourceInventory.of(APP);

    assertThat(inventory.functions()).extracting(FunctionDefinition::name)
        .containsExactly("createUser", "thumbnail", "processOrders", "audit", "nightly");
    assertThat(inventory.queueConsumer("orders")).get().extracting(d -> d.options().maxDeliveries()).isEqualTo(3);
    assertThat(inventory.queueConsumer("elsewhere")).isEmpty();
    assertThat(inventory.configKeys()).containsExactly("WEBHOOK_SECRET");
    assertThat(inventory.appClass()).isEqualTo(APP.getClass().getName());
  }

  @Test
  void handsOutPortsThatKnowTheirNamesAndRefuseIo() {
    FunctionApp reads = (functions, platform) -> {
      assertThat(platform.objectStorage("raw").bucket()).isEqualTo("raw");
      assertThat(platform.messageQueue("jobs").queue()).isEqualTo("jobs");
      assertThat(platform.messagePublisher("news").topic()).isEqualTo("news");
      assertThat(platform.keyValueStore("users").table()).isEqualTo("users");
      platform.keyValueStore("users").get("u1");
    };
    FunctionApp sends = (functions, platform) -> platform.messageQueue("jobs").send(OutgoingMessage.text("x"));

    assertThatThrownBy(() -> ResourceInventory.of(reads)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("users");
    assertThatThrownBy(() -> ResourceInventory.of(sends)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jobs");
  }
}
