package dev.faas4j.aws;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionHost;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SnapStart / CRaC priming, through the org.crac resource's callbacks called directly (no CRaC JDK needed). */
class PrimingTest {
  private final AtomicInteger userCalls = new AtomicInteger();
  private final AtomicInteger portsAsked = new AtomicInteger();

  private final FunctionApp app = (functions, platform) -> {
    KeyValueStore users = platform.keyValueStore("users");
    functions.http("getUser", route("GET /users/{id}"), (r, c) -> {
      userCalls.incrementAndGet();
      return HttpResponse.ok().body(users.get(r.pathParameter("id")).orElseThrow().value(), "application/json");
    });
    functions.http("createUser", route("POST /users"), (r, c) -> {
      userCalls.incrementAndGet();
      return HttpResponse.ok().empty();
    });
    functions.onQueueMessage("orders", queue("orders"), (m, c) -> userCalls.incrementAndGet());
    functions.onTopicMessage("welcome", topic("user-created"), (m, c) -> userCalls.incrementAndGet());
    functions.onObject("thumbnails", bucket("images").prefix("in/"), (e, c) -> userCalls.incrementAndGet());
    functions.onSchedule("nightly", cron("0 2 * * *"), (e, c) -> userCalls.incrementAndGet());
  };

  @Test
  void beforeCheckpointRunsOneSampleEventPerKindAndNeverTheFunctionsOrTheirPorts() {
    Priming priming = new Priming(host(Map.of()), Map.<String, String>of()::get);
    CracResource resource = new CracResource(priming);
    int asked = portsAsked.get();

    resource.beforeCheckpoint(null);

    Priming.Primed primed = priming.last();
    assertThat(primed).isNotNull();
    assertThat(primed.events()).isEqualTo(5); // HTTP, queue, topic, storage, schedule: one each
    assertThat(primed.reached()).isEqualTo(5); // each mapped and dispatched to its function's twin
    assertThat(userCalls).hasValue(0);
    assertThat(portsAsked).hasValue(asked);
  }

  @Test
  void aDeploymentThatServesOneFunctionPrimesThatFunctionOnly() {
    Map<String, String> env = Map.of(FunctionHost.FUNCTION_SETTING, "orders");
    Priming priming = new Priming(host(env), env::get);

    Priming.Primed primed = priming.beforeCheckpoint();

    assertThat(primed.events()).isEqualTo(1);
    assertThat(primed.reached()).isEqualTo(1);
    assertThat(userCalls).hasValue(0);
  }

  @Test
  void afterRestoreLeavesTheHandlerServing() throws Exception {
    Map<String, String> env = Map.of();
    Priming priming = new Priming(host(env), env::get);
    CracResource resource = new CracResource(priming);
    resource.beforeCheckpoint(null);

    resource.afterRestore(null);

    LambdaHandler handler = new LambdaHandler(app, platform(), env::get);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    handler.handleRequest(new java.io.ByteArrayInputStream(SampleEvents.of(
        dev.faas4j.spi.FunctionRegistry.of(app, new InMemoryPlatform()).find("createUser").orElseThrow())
        .orElseThrow()), out, new TestLambdaContext("req-1"));
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"statusCode\":200");
  }

  @Test
  void theResourceIsRegisteredOnlyWhenOrgCracIsOnTheClassPath() {
    FunctionHost host = host(Map.of());
    Function<String, String> env = Map.<String, String>of()::get;
    ClassLoader withoutCrac = new ClassLoader(null) { };

    assertThat(LambdaHandler.primeIfAvailable(host, env, withoutCrac)).isFalse();
    assertThat(LambdaHandler.primeIfAvailable(host, env, getClass().getClassLoader())).isTrue();
    assertThat(Priming.registered()).isInstanceOf(CracResource.class);
  }

  private FunctionHost host(Map<String, String> env) {
    return FunctionHost.start(app, platform(), LambdaLogFormat.create(), (level, line) -> { }, env::get);
  }

  /** In-memory ports that count what the app asks for. */
  private Platform platform() {
    InMemoryPlatform memory = new InMemoryPlatform();
    return new Platform() {
      @Override public String name() { return "aws-lambda"; }
      @Override public dev.faas4j.port.ObjectStorage objectStorage(String b) {
        portsAsked.incrementAndGet();
        return memory.objectStorage(b);
      }
      @Override public dev.faas4j.port.MessageQueue messageQueue(String q) {
        portsAsked.incrementAndGet();
        return memory.messageQueue(q);
      }
      @Override public dev.faas4j.port.MessagePublisher messagePublisher(String t) {
        portsAsked.incrementAndGet();
        return memory.messagePublisher(t);
      }
      @Override public KeyValueStore keyValueStore(String t) {
        portsAsked.incrementAndGet();
        return memory.keyValueStore(t);
      }
      @Override public java.util.Optional<String> config(String key) { return java.util.Optional.empty(); }
      @Override public java.time.Clock clock() { return java.time.Clock.systemUTC(); }
    };
  }
}
