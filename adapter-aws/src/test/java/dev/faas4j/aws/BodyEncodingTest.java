package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyEncodingTest {
  @Test
  void textTravelsAsIsWithoutAMark() {
    BodyEncoding.Encoded e = BodyEncoding.encode("café ☕ 😀\ttab\nline".getBytes(StandardCharsets.UTF_8));

    assertThat(e.encoding()).isNull();
    assertThat(e.text()).isEqualTo("café ☕ 😀\ttab\nline");
  }

  @Test
  void binaryInvalidUtf8AndControlCharactersTravelAsBase64() {
    for (byte[] body : new byte[][] {{0, 1, 2, (byte) 0xff}, {(byte) 0xc3}, "a\u0000b".getBytes(StandardCharsets.UTF_8),
        "\uFFFE".getBytes(StandardCharsets.UTF_8)}) {
      BodyEncoding.Encoded e = BodyEncoding.encode(body);
      assertThat(e.encoding()).isEqualTo(BodyEncoding.BASE64);
      assertThat(BodyEncoding.decode(e.text(), e.encoding(), "body")).isEqualTo(body);
    }
  }

  @Test
  void emptyBodyTravelsAsAMarkedPlaceholder() {
    BodyEncoding.Encoded e = BodyEncoding.encode(new byte[0]);

    assertThat(e.text()).isNotEmpty();
    assertThat(BodyEncoding.decode(e.text(), e.encoding(), "body")).isEmpty();
  }

  @Test
  void unknownMarkIsATypedError() {
    assertThatThrownBy(() -> BodyEncoding.decode("x", "rot13", "body")).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(BodyEncoding.ATTRIBUTE);
  }
}
