package dev.faas4j.spi;

import static dev.faas4j.trigger.Triggers.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.spi.log.CapturingSink;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationTest {
  private static final long MILLIS = 1_733_400_000_123L;

  @Test
  void aDeadlineInMillisecondsIsTheInstantItNames() {
    Invocation lazy = Invocation.until("inv", MILLIS, Optional.empty(), Map.of("k", "v"));
    Invocation eager = new Invocation("inv", Instant.ofEpochMilli(MILLIS), Optional.empty(), Map.of("k", "v"));

    assertThat(lazy.deadline()).isEqualTo(Instant.ofEpochMilli(MILLIS)).isSameAs(lazy.deadline());
    assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
    assertThat(lazy.toString()).isEqualTo("Invocation[invocationId=inv, deadline=2024-12-05T12:00:00.123Z, "
        + "trace=Optional.empty, platformAttributes={k=v}]");
    assertThat(lazy).isNotEqualTo(Invocation.until("inv", MILLIS + 1, Optional.empty(), Map.of("k", "v")));
  }

  @Test
  void theFunctionsContextReadsTheInvocationsDeadlineAndAttributes() {
    CapturingSink logs = new CapturingSink();
    Dispatcher d = new Dispatcher(FunctionRegistry.of((f, p) -> f.http("a", route("GET /a"),
        (r, c) -> HttpResponse.ok().header("X-Deadline", c.deadline().toString())
            .header("X-Attr", c.platformAttributes().get("k")).header("X-Id", c.invocationId()).empty()),
        new NoPorts()), "test", logs.config());

    HttpResponse r = d.http("a", HttpRequest.builder("GET", "/a").build(),
        Invocation.until("inv-9", MILLIS, Optional.empty(), Map.of("k", "v")));

    assertThat(r.header("X-Deadline")).contains("2024-12-05T12:00:00.123Z");
    assertThat(r.header("X-Attr")).contains("v");
    assertThat(r.header("X-Id")).contains("inv-9");
  }
}
