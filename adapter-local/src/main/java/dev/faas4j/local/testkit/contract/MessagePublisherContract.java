package dev.faas4j.local.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessagePublisherException;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PortException;
import dev.faas4j.port.PortException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessagePublisher} shares: lighter than the queue contract, because reading a topic
 * back needs a subscription. Backends that can observe what was published override {@link #published}.
 */
public abstract class MessagePublisherContract<T extends MessagePublisher> {

  /** The publisher under test, from {@link #newSubject()}, fresh for each test. */
  protected T publisher;

  /** A publisher to a topic nobody else publishes to. Called once before each test. */
  protected abstract T newSubject();

  /** Everything published to the subject so far, in order; empty if the backend cannot observe it. */
  protected Optional<List<ReceivedMessage>> published(T subject) {
    return Optional.empty();
  }

  @BeforeEach
  void createSubject() {
    publisher = newSubject();
  }

  @Test
  void publishReturnsDistinctIds() {
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> publisher.publish(OutgoingMessage.text("m" + i)))
        .toList();

    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void publishRefusesADelay() {
    OutgoingMessage delayed = OutgoingMessage.text("later").delay(Duration.ofSeconds(5));

    assertThatThrownBy(() -> publisher.publish(delayed)).isInstanceOfSatisfying(MessagePublisherException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void publishAcceptsTheMaximumNumberOfAttributes() {
    OutgoingMessage message = OutgoingMessage.text("x");
    for (int i = 0; i < OutgoingMessage.MAX_ATTRIBUTES; i++) {
      message = message.attribute("attr-" + i, "value " + i);
    }

    assertThat(publisher.publish(message)).isNotBlank();
  }

  @Test
  void attributesOutsideThePortableRulesAreRefusedBeforePublishing() {
    OutgoingMessage full = OutgoingMessage.text("x");
    for (int i = 0; i < OutgoingMessage.MAX_ATTRIBUTES; i++) {
      full = full.attribute("a" + i, "v");
    }
    OutgoingMessage tooMany = full;

    for (String badName : List.of("", ".leading-dot", "space name", "ü", "x".repeat(257))) {
      assertThatThrownBy(() -> OutgoingMessage.text("x").attribute(badName, "v")).as(badName)
          .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> tooMany.attribute("one_more", "v"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void publishedMessageKeepsBodyAndAttributes() {
    String id = publisher.publish(OutgoingMessage.text("café ☕").attribute("tenant", "acme"));
    Optional<List<ReceivedMessage>> seen = published(publisher);
    assumeTrue(seen.isPresent(), "this backend cannot observe published messages");

    assertThat(seen.get()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(id);
      assertThat(m.text()).isEqualTo("café ☕");
      assertThat(m.attributes()).containsExactlyEntriesOf(Map.of("tenant", "acme"));
    });
  }
}
