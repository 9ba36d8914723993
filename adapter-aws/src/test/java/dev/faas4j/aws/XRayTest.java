package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XRayTest {
  @Test
  void readsRootParentAndSampled() {
    assertThat(XRay.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
        .hasValueSatisfying(t -> {
          assertThat(t.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
          assertThat(t.spanId()).isEqualTo("53995c3f42cd8ad8");
          assertThat(t.sampled()).isTrue();
          assertThat(t.traceparent()).isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        });
  }

  @Test
  void orderOfPartsAndUnsampledDoNotMatter() {
    assertThat(XRay.parse("Sampled=0;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a:1"))
        .hasValueSatisfying(t -> assertThat(t.sampled()).isFalse());
  }

  @Test
  void missingParentMalformedOrAbsentHeadersGiveNoTrace() {
    assertThat(XRay.parse("Root=1-5759e988-bd862e3fe1be46a994272793")).isEmpty();
    assertThat(XRay.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isEmpty();
    assertThat(XRay.parse("Root=1-5759e988-zz862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isEmpty();
    assertThat(XRay.parse("garbage")).isEmpty();
    assertThat(XRay.parse("")).isEmpty();
    assertThat(XRay.parse(null)).isEmpty();
  }

  /** An invocation's header read later reads as it would have at once, hostile or absent headers included. */
  @Test
  void aHeaderReadWhenAskedIsWhatParsingItGives() {
    java.util.Arrays.asList("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        "Root=1-5759e988-bd862e3fe1be46a994272793", "../../etc/passwd", "Root=1-zz;Parent=\n", "", " ", null)
        .forEach(h -> assertThat(new XRay(h).get()).as(String.valueOf(h)).isEqualTo(XRay.parse(h)));
  }
}
