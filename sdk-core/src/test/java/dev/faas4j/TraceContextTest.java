package dev.faas4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void parsesAValidHeader() {
    TraceContext t = TraceContext.fromTraceparent(" " + VALID + " ").orElseThrow();

    assertThat(t.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(t.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(t.sampled()).isTrue();
    assertThat(t.traceparent()).isEqualTo(VALID);
  }

  @Test
  void aChildKeepsTheTraceFlagsAndStateWithANewSpanWhoseParentIsThisOne() {
    TraceContext parent = TraceContext.fromTraceparent(VALID, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE").orElseThrow();

    TraceContext child = parent.child();

    assertThat(child.traceId()).isEqualTo(parent.traceId());
    assertThat(child.parentSpanId()).contains(parent.spanId());
    assertThat(child.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(parent.spanId()).isNotEqualTo("0".repeat(16));
    assertThat(child.sampled()).isTrue();
    assertThat(child.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    assertThat(child.traceparent()).isEqualTo("00-" + parent.traceId() + "-" + child.spanId() + "-01");
    assertThat(child.child().parentSpanId()).contains(child.spanId());
  }

  @Test
  void aTracestateTooLongOrWithControlCharactersIsDroppedNotTheTrace() {
    assertThat(TraceContext.fromTraceparent(VALID, "a=" + "x".repeat(600)).orElseThrow().traceState()).isEmpty();
    assertThat(TraceContext.fromTraceparent(VALID, "a=1\nb=2").orElseThrow().traceState())
        .isEmpty();
    assertThat(TraceContext.fromTraceparent(VALID, "a=\u00e9").orElseThrow().traceState()).isEmpty();
    assertThat(TraceContext.fromTraceparent("garbage", "a=1")).isEmpty();
  }

  @Test
  void readsTheSampledBitOnly() {
    assertThat(TraceContext.fromTraceparent(VALID.replace("-01", "-00")).orElseThrow().sampled()).isFalse();
    assertThat(TraceContext.fromTraceparent(VALID.replace("-01", "-03")).orElseThrow().sampled()).isTrue();
    assertThat(TraceContext.fromTraceparent(VALID.replace("-01", "-02")).orElseThrow().sampled()).isFalse();
  }

  @Test
  void acceptsAFutureVersionWithExtraFields() {
    assertThat(TraceContext.fromTraceparent("01" + VALID.substring(2) + "-what-ever")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "garbage",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
      "00-4bf92f3577b34da6a3ce929d0e0e47\uff13\uff16-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e47\u0663\u0666-00f067aa0ba902b7-01"})
  void malformedHeadersAreIgnored(String header) {
    assertThat(TraceContext.fromTraceparent(header)).isEmpty();
  }

  @Test
  void constructorRejectsBadIdsAndLowerCasesGoodOnes() {
    assertThat(new TraceContext("4BF92F3577B34DA6A3CE929D0E0E4736", "00F067AA0BA902B7", true).traceId())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThatThrownBy(() -> new TraceContext("0".repeat(32), "00f067aa0ba902b7", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceId");
    assertThatThrownBy(() -> new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "xyz", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spanId");
  }
}
