package dev.faas4j.examples.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.examples.users.UserCreated;
import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutTest {
  private static final Instant SIGNED_UP = Instant.parse("2030-01-01T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2030-01-01");

  private final InMemoryPlatform platform = new InMemoryPlatform(ManualClock.startingAtEpochOf2030(), Map.of());
  private final FunctionTester app = FunctionTester.forApp(new FanOut(), platform);

  private static TestEvents.TopicMessageBuilder userCreated(String userId) {
    return TestEvents.topicMessage("user-created", new UserCreated(userId, "Ada", SIGNED_UP));
  }

  @Test
  void welcomeEmailIsRecordedInTheOutbox() {
    Outcome outcome = app.topic("welcomeEmail").call(userCreated("u-1"));

    assertThat(outcome.isSuccess()).isTrue();
    String mail = platform.objectStorage("outbox").get("welcome/u-1.eml").orElseThrow().text();
    assertThat(mail).contains("To: user u-1").contains("Subject: Welcome, Ada!");
  }

  @Test
  void aRedeliveredEventDoesNotRecordTheEmailTwiceNorFail() {
    TestEvents.TopicMessageBuilder event = userCreated("u-1");
    app.topic("welcomeEmail").call(event);
    var first = platform.objectStorage("outbox").head("welcome/u-1.eml").orElseThrow();

    Outcome again = app.topic("welcomeEmail").call(event.deliveryAttempt(2));

    assertThat(again.isSuccess()).isTrue();
    assertThat(platform.objectStorage("outbox").head("welcome/u-1.eml").orElseThrow().etag())
        .isEqualTo(first.etag());
    app.logs().assertLogged(dev.faas4j.log.LogLevel.INFO, "already recorded");
  }

  @Test
  void signupsAreCountedPerDay() {
    app.topic("countSignups").call(userCreated("u-1"));
    app.topic("countSignups").call(userCreated("u-2"));

    assertThat(CountSignups.signupsOn(platform.keyValueStore("analytics"), DAY)).isEqualTo(2);
    assertThat(CountSignups.signupsOn(platform.keyValueStore("analytics"), DAY.plusDays(1))).isZero();
  }

  @Test
  void theSameUserIsCountedOnceEvenWhenTheEventArrivesTwice() {
    app.topic("countSignups").call(userCreated("u-1"));
    app.topic("countSignups").call(userCreated("u-1").deliveryAttempt(2)); // redelivery: same user, new message id

    assertThat(CountSignups.signupsOn(platform.keyValueStore("analytics"), DAY)).isEqualTo(1);
  }

  @Test
  void anEventThatIsNotAUserCreatedIsRejectedNotRetried() {
    assertThat(app.topic("welcomeEmail").call(TestEvents.topicMessage("user-created", "{oops")).status())
        .isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(app.topic("countSignups").call(TestEvents.topicMessage("user-created", Map.of("userId", "../x")))
        .status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(platform.objectStorage("outbox").listAll("")).isEmpty();
  }
}
