package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.bucket;
import static dev.faas4j.trigger.Triggers.cron;
import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.HttpFunction;
import dev.faas4j.QueueFunction;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.trigger.HttpRoute;
import dev.faas4j.trigger.InvalidTriggerException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionRegistryTest {
  private static final HttpFunction OK = (request, context) -> HttpResponse.ok().empty();
  private static final QueueFunction NOOP = (message, context) -> {};

  private static FunctionRegistry register(Consumer<Functions> configure) {
    return FunctionRegistry.of((functions, platform) -> configure.accept(functions), new NoPorts());
  }

  @Test
  void keepsFunctionsInRegistrationOrder() {
    FunctionRegistry r = register(f -> f
        .http("createUser", route("POST /users"), OK)
        .onQueueMessage("processOrder", queue("orders"), NOOP)
        .onTopicMessage("welcomeEmail", topic("user-created"), (m, c) -> {})
        .onObject("thumbnail", bucket("raw-images"), (e, c) -> {})
        .onSchedule("dailyReport", cron("0 2 * * *"), (e, c) -> {}));

    assertThat(r.definitions()).extracting(FunctionDefinition::name)
        .containsExactly("createUser", "processOrder", "welcomeEmail", "thumbnail", "dailyReport");
    assertThat(r.find("processOrder")).get().isInstanceOfSatisfying(FunctionDefinition.Queue.class,
        d -> assertThat(d.handler()).isSameAs(NOOP));
    assertThat(r.find("nope")).isEmpty();
    assertThat(r.ofKind(FunctionDefinition.Kind.HTTP)).extracting(FunctionDefinition::name)
        .containsExactly("createUser");
    assertThat(r.find("createUser").orElseThrow().describe()).isEqualTo("createUser  POST /users");
  }

  @Test
  void findsSubscribersForFanOut() {
    FunctionRegistry r = register(f -> f
        .onTopicMessage("welcomeEmail", topic("user-created"), (m, c) -> {})
        .onTopicMessage("crmSync", topic("user-created"), (m, c) -> {})
        .onTopicMessage("other", topic("orders"), (m, c) -> {})
        .onObject("jpg", bucket("raw").suffix(".jpg"), (e, c) -> {})
        .onObject("all", bucket("raw"), (e, c) -> {})
        .onQueueMessage("q", queue("orders"), NOOP));

    assertThat(r.topicSubscribers("user-created")).extracting(FunctionDefinition::name)
        .containsExactly("welcomeEmail", "crmSync");
    assertThat(r.objectSubscribers("raw", ObjectEventKind.CREATED, "a.jpg")).extracting(FunctionDefinition::name)
        .containsExactly("jpg", "all");
    assertThat(r.objectSubscribers("raw", ObjectEventKind.CREATED, "a.png")).extracting(FunctionDefinition::name)
        .containsExactly("all");
    assertThat(r.queueConsumers("orders")).extracting(FunctionDefinition::name).containsExactly("q");
  }

  @Test
  void rejectsDuplicateFunctionNames() {
    assertThatThrownBy(() -> register(f -> f
        .http("users", route("GET /users"), OK)
        .onQueueMessage("users", queue("users"), NOOP)))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessage("Function name 'users' is registered twice (first for GET /users, again for "
            + "queue users (batch 1))");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1st", "-x", "create user", "café", "a.b"})
  void rejectsInvalidNames(String name) {
    assertThatThrownBy(() -> register(f -> f.http(name, route("GET /x"), OK)))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessageStartingWith("Function name '" + name + "'");
  }

  @Test
  void nameLengthLimitIs63() {
    assertThat(register(f -> f.http("a".repeat(63), route("GET /x"), OK)).definitions()).hasSize(1);
    assertThatThrownBy(() -> register(f -> f.http("a".repeat(64), route("GET /x"), OK)))
        .isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void rejectsSameTemplateWithOtherParameterNamesAndOverlappingMethods() {
    assertThatThrownBy(() -> register(f -> f
        .http("getUser", route("GET,HEAD /users/{id}"), OK)
        .http("headUser", route("HEAD,DELETE /users/{userId}/"), OK)))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessageContaining("Function 'headUser'")
        .hasMessageContaining("already served by function 'getUser'");
  }

  @Test
  void anyMethodOverlapsEverything() {
    assertThatThrownBy(() -> register(f -> f
        .http("proxy", route("ANY /files/{path+}"), OK)
        .http("upload", route("PUT /files/{key+}"), OK)))
        .isInstanceOf(InvalidTriggerException.class);
  }

  @Test
  void acceptsSameTemplateWithDisjointMethodsAndDistinctTemplates() {
    FunctionRegistry r = register(f -> f
        .http("getUser", route("GET /users/{id}"), OK)
        .http("deleteUser", route("DELETE /users/{userId}"), OK)
        .http("me", route("GET /users/me"), OK)
        .http("greedy", route("GET /users/{rest+}"), OK));

    assertThat(r.definitions()).hasSize(4);
  }

  @Test
  void rejectsNullImplementationAndTrigger() {
    assertThatThrownBy(() -> register(f -> f.http("createUser", route("POST /users"), null)))
        .isInstanceOf(InvalidTriggerException.class).hasMessage("Function 'createUser' has no implementation (null)");
    assertThatThrownBy(() -> register(f -> f.onQueueMessage("q", null, NOOP)))
        .isInstanceOf(InvalidTriggerException.class).hasMessage("Function 'q' has no trigger");
    assertThatThrownBy(() -> register(f -> f.http("h", null, OK)))
        .isInstanceOf(InvalidTriggerException.class).hasMessage("Function 'h' has no trigger");
  }

  @Test
  void anAppThatRegistersNothingFailsAtStartUp() {
    FunctionApp empty = (f, p) -> {};

    assertThatThrownBy(() -> FunctionRegistry.of(empty, new NoPorts()))
        .isInstanceOf(InvalidTriggerException.class).hasMessageEndingWith("registered no function");
  }

  @Test
  void cannotRegisterAfterConfiguration() {
    AtomicReference<Functions> leaked = new AtomicReference<>();
    FunctionRegistry r = register(f -> {
      leaked.set(f);
      f.http("a", route("GET /a"), OK);
    });

    assertThatThrownBy(() -> leaked.get().http("late", route("GET /late"), OK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    assertThat(r.definitions()).hasSize(1);
  }

  @Test
  void definitionsAreUnmodifiable() {
    FunctionRegistry r = register(f -> f.http("a", route("GET /a"), OK));

    assertThatThrownBy(() -> r.definitions().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- per-function options

  @Test
  void optionsDeclaredAtRegistrationReachTheDefinitionOfThatFunctionOnly() {
    FunctionRegistry r = register(f -> f
        .onQueueMessage("orders", queue("orders"), NOOP)
        .timeout(java.time.Duration.ofMinutes(2)).memoryMb(1024).maxDeliveries(3)
        .http("createUser", route("POST /users"), OK));

    FunctionOptions orders = r.find("orders").orElseThrow().options();
    assertThat(orders.timeout()).contains(java.time.Duration.ofMinutes(2));
    assertThat(orders.timeoutSeconds(60)).isEqualTo(120);
    assertThat(orders.memoryMb()).hasValue(1024);
    assertThat(orders.maxDeliveries()).isEqualTo(3);
    assertThat(r.find("createUser").orElseThrow().options()).isEqualTo(FunctionOptions.defaults());
    assertThat(FunctionOptions.defaults().maxDeliveries()).isEqualTo(5);
  }

  @Test
  void optionsOutOfRangeFailAtRegistrationNamingTheFunction() {
    assertThatThrownBy(() -> register(f -> f.onQueueMessage("q", queue("orders"), NOOP)
        .timeout(java.time.Duration.ofMillis(500))))
        .isInstanceOf(InvalidTriggerException.class).hasMessageStartingWith("Function 'q': timeout");
    assertThatThrownBy(() -> register(f -> f.onQueueMessage("q", queue("orders"), NOOP)
        .timeout(java.time.Duration.ofHours(2))))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("60 min");
    assertThatThrownBy(() -> register(f -> f.onQueueMessage("q", queue("orders"), NOOP).memoryMb(64)))
        .isInstanceOf(InvalidTriggerException.class).hasMessage("Function 'q': memory must be 128 to 32768 MB; got 64");
    assertThatThrownBy(() -> register(f -> f.onQueueMessage("q", queue("orders"), NOOP).maxDeliveries(0)))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("max deliveries must be 1 to 1000");
    assertThatThrownBy(() -> register(f -> f.http("h", route("GET /h"), OK).maxDeliveries(3)))
        .isInstanceOf(InvalidTriggerException.class).hasMessageContaining("an HTTP function has no deliveries");
  }

  @Test
  void optionsCannotChangeOnceTheAppIsConfigured() {
    AtomicReference<dev.faas4j.Registration> kept = new AtomicReference<>();
    register(f -> kept.set(f.onQueueMessage("q", queue("orders"), NOOP)));

    assertThatThrownBy(() -> kept.get().memoryMb(512)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only be set while the application configures itself");
  }

  @Test
  void theDefinitionsTypeSaysTheKind() {
    FunctionRegistry r = register(f -> f
        .onQueueBatch("bulk", queue("orders"), (ms, c) -> dev.faas4j.BatchResult.success())
        .onQueueMessage("single", queue("payments"), NOOP)
        .onObject("thumbnail", bucket("raw"), (e, c) -> {}));

    assertThat(r.find("bulk").orElseThrow()).isInstanceOf(FunctionDefinition.QueueBatch.class)
        .extracting(FunctionDefinition::kind).isEqualTo(FunctionDefinition.Kind.QUEUE);
    assertThat(r.find("single").orElseThrow()).isInstanceOf(FunctionDefinition.Queue.class);
    assertThat(r.find("thumbnail").orElseThrow().kind()).isEqualTo(FunctionDefinition.Kind.STORAGE);
    assertThat(r.ofKind(FunctionDefinition.Kind.QUEUE)).extracting(FunctionDefinition::name)
        .containsExactly("bulk", "single");
  }
}
