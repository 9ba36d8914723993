package dev.faas4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.Json;
import dev.faas4j.examples.clouds.AwsCloud;
import dev.faas4j.examples.clouds.AzureCloud;
import dev.faas4j.examples.clouds.Cloud;
import dev.faas4j.examples.clouds.Cloud.Message;
import dev.faas4j.examples.clouds.Cloud.Reply;
import dev.faas4j.examples.clouds.GcpCloud;
import dev.faas4j.examples.fanout.CountSignups;
import dev.faas4j.examples.orders.Order;
import dev.faas4j.examples.orders.PaymentGateway;
import dev.faas4j.examples.orders.RecordingPaymentGateway;
import dev.faas4j.examples.report.Report;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.port.memory.InMemoryMessageQueue;
import dev.faas4j.port.memory.InMemoryPlatform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The same {@link ExamplesApp} functions through the AWS, Google Cloud and Azure adapters, each fed its cloud's own
 * payloads (HTTP API 2.0, SQS, S3, SNS, EventBridge; HTTP, Pub/Sub push, storage and Pub/Sub CloudEvents, Cloud
 * Scheduler; the Azure worker's HTTP, Queue, Blob, Service Bus and Timer bindings) on in-memory ports, one
 * adapter instance per function as the generated descriptors deploy them. One scenario runs on each cloud and
 * records what a client and the resources show; the three records must be equal, and as expected.
 */
class CrossAdapterTest {
  private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
  private static final Instant REPORT_DUE = Instant.parse("2030-01-02T02:00:00Z");

  /** What a client and the cloud's resources show after the scenario; user ids replaced by {@code <id>}. */
  record Observation(
      Map<String, Reply> http,
      boolean welcomeWritten, boolean fanOutAcknowledged, long signupsAfterRedelivery,
      Map<String, Integer> chargesPerOrder, Set<String> failedOrders, Set<String> failedOnRedelivery,
      List<Integer> thumbnailSize, boolean nonImageAcknowledged,
      boolean scheduleAcknowledged, Report report) {}

  @Test
  void awsGcpAndAzureBehaveTheSame() {
    Map<String, Observation> byCloud = new LinkedHashMap<>();
    byCloud.put("aws", scenario(AwsCloud::new));
    byCloud.put("gcp", scenario(GcpCloud::new));
    byCloud.put("azure", scenario(AzureCloud::new));

    Observation aws = byCloud.get("aws");
    assertThat(aws.http().get("createUser").status()).isEqualTo(200);
    assertThat(aws.http().get("createUser").body()).contains("\"id\":\"<id>\"", "\"message\":\"Success\"");
    assertThat(aws.http().get("getUser").status()).isEqualTo(200);
    assertThat(aws.http().get("getUser").body()).contains("\"name\":\"Ada\"");
    assertThat(aws.http().get("getUser missing").status()).isEqualTo(404);
    assertThat(aws.http().get("createUser without name")).isEqualTo(new Reply(400, "Missing name"));
    assertThat(aws.http().get("createUser malformed JSON").status()).isEqualTo(400);
    assertThat(aws.http().get("createUser malformed JSON").body()).contains("\"error\":\"Bad Request\"");
    assertThat(aws.http().get("placeOrders").status()).isEqualTo(202);
    assertThat(aws.welcomeWritten()).isTrue();
    assertThat(aws.fanOutAcknowledged()).isTrue();
    assertThat(aws.signupsAfterRedelivery()).isEqualTo(1);
    assertThat(aws.chargesPerOrder()).containsExactly(Map.entry("o-1", 1), Map.entry("o-2", 1), Map.entry("o-3", 1));
    assertThat(aws.failedOrders()).containsExactly("not an order", "o-poison");
    assertThat(aws.failedOnRedelivery()).containsExactly("not an order", "o-poison");
    assertThat(aws.thumbnailSize()).containsExactly(200, 150);
    assertThat(aws.nonImageAcknowledged()).isFalse();
    assertThat(aws.scheduleAcknowledged()).isTrue();
    assertThat(aws.report().date()).isEqualTo(LocalDate.parse("2030-01-01"));
    assertThat(aws.report().ordersProcessed()).isEqualTo(3);
    assertThat(aws.report().revenueCents()).isEqualTo(600);
    assertThat(aws.report().signups()).isEqualTo(1);

    assertThat(byCloud.get("gcp")).as("gcp, compared with aws").isEqualTo(aws);
    assertThat(byCloud.get("azure")).as("azure, compared with aws").isEqualTo(aws);
  }

  private static Observation scenario(BiFunction<Supplier<FunctionApp>, InMemoryPlatform, Cloud> cloudOf) {
    ManualClock clock = new ManualClock(START);
    InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
    RecordingPaymentGateway charges = new RecordingPaymentGateway();
    PaymentGateway gateway = request -> {
      if (request.customerId().equals("c-poison")) {
        throw new IllegalStateException("card processor crashed");
      }
      return charges.charge(request);
    };
    Cloud cloud = cloudOf.apply(() -> new ExamplesApp(gateway), platform);
    Map<String, Reply> http = new TreeMap<>();

    // Users API, with a client's mistakes
    Reply created = cloud.http("createUser", "POST", "/users", "{\"name\":\"Ada\"}");
    String userId = Json.fromBytes(created.body().getBytes(StandardCharsets.UTF_8), Map.class).get("id").toString();
    http.put("createUser", created);
    http.put("getUser", cloud.http("getUser", "GET", "/users/" + userId, ""));
    http.put("getUser missing", cloud.http("getUser", "GET", "/users/nobody", ""));
    http.put("createUser without name", cloud.http("createUser", "POST", "/users", "{\"name\":\" \"}"));
    http.put("createUser malformed JSON", cloud.http("createUser", "POST", "/users", "{\"name\":"));

    // Fan-out: each subscriber gets the published UserCreated; a redelivery counts once
    boolean fanOut = true;
    for (InMemoryMessageQueue.Sent sent : platform.messagePublisher("user-created").published()) {
      Message m = new Message(sent.id(), sent.message().body());
      for (String subscriber : List.of("welcomeEmail", "countSignups", "countSignups")) {
        fanOut &= cloud.topic(subscriber, "user-created", m);
      }
    }
    boolean welcome = platform.objectStorage("outbox").get("welcome/" + userId + ".eml").isPresent();
    long signups = CountSignups.signupsOn(platform.keyValueStore("analytics"), LocalDate.parse("2030-01-01"));

    // Orders: three good, a poison one whose charge always fails, and one that is not an order; then redelivered
    String orders = "[" + order("o-1", "c-1", 100) + "," + order("o-2", "c-2", 200) + "," + order("o-3", "c-3", 300)
        + "," + order("o-poison", "c-poison", 500) + ",\"not an order\"]";
    http.put("placeOrders", cloud.http("placeOrders", "POST", "/orders", orders));
    List<Message> batch = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (InMemoryMessageQueue.Sent sent : platform.messageQueue("orders").drain()) {
      batch.add(new Message(sent.id(), sent.message().body()));
      String body = new String(sent.message().body(), StandardCharsets.UTF_8);
      labels.put(sent.id(), body.startsWith("{") ? Json.fromBytes(sent.message().body(), Order.class).orderId()
          : Json.fromBytes(sent.message().body(), String.class));
    }
    Set<String> failed = label(cloud.queue("processOrders", "orders", batch), labels);
    Set<String> failedAgain = label(cloud.queue("processOrders", "orders", batch), labels);
    Map<String, Integer> chargesPerOrder = new TreeMap<>();
    charges.requests().forEach(r -> chargesPerOrder.merge(r.idempotencyKey().replace("order-", ""), 1,
        Integer::sum));

    // Thumbnails: an image, and a file that is not one
    byte[] image = png(800, 600);
    platform.objectStorage("raw-images").put("cats/tom.png", image);
    boolean imageAcknowledged = cloud.objectCreated("thumbnail", "raw-images", "cats/tom.png", image.length);
    byte[] junk = "buy milk".getBytes(StandardCharsets.UTF_8);
    platform.objectStorage("raw-images").put("notes/todo.png", junk);
    boolean junkAcknowledged = cloud.objectCreated("thumbnail", "raw-images", "notes/todo.png", junk.length);
    List<Integer> size = platform.objectStorage("processed-images").get("thumbnails/cats/tom.png")
        .map(o -> dimensions(o.content())).orElse(List.of());
    assertThat(imageAcknowledged).as(cloud.name() + " acknowledges the thumbnail").isTrue();

    // The daily report, due at 02:00 the next day
    clock.set(REPORT_DUE.plusSeconds(5));
    boolean scheduled = cloud.schedule("dailyReport", REPORT_DUE);
    Report report = platform.objectStorage("reports").get("daily/2030-01-01.json").map(o -> o.json(Report.class))
        .orElse(null);

    return new Observation(normalise(http, userId), welcome, fanOut, signups, chargesPerOrder, failed, failedAgain,
        size, junkAcknowledged, scheduled, report);
  }

  private static String order(String id, String customer, long cents) {
    return new String(Json.toBytes(new Order(id, customer, cents, "EUR")), StandardCharsets.UTF_8);
  }

  private static Set<String> label(Set<String> ids, Map<String, String> labels) {
    Set<String> out = new TreeSet<>();
    ids.forEach(id -> out.add(labels.getOrDefault(id, id)));
    return out;
  }

  /** Ids and invocation ids differ by nature; everything else must not. */
  private static Map<String, Reply> normalise(Map<String, Reply> http, String userId) {
    Map<String, Reply> out = new TreeMap<>();
    http.forEach((k, r) -> out.put(k, new Reply(r.status(), r.body().replace(userId, "<id>")
        .replaceAll("\"invocationId\":\"[^\"]*\"", "\"invocationId\":\"…\"")
        .replaceAll("\"messageIds\":\\[[^]]*]", "\"messageIds\":[…]"))));
    return out;
  }

  private static List<Integer> dimensions(byte[] jpeg) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      return List.of(image.getWidth(), image.getHeight());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] png(int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
