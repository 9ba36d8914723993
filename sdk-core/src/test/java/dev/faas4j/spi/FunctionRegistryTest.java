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
import dev.faas4j.port.memory.InMemoryPlatform;
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
    return FunctionRegistry.of((functions, platform) -> configure.accept(functions), new InMemoryPlatform());
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

    assertThatThrownBy(() -> FunctionRegistry.of(empty, new InMemoryPlatform()))
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
}
