package dev.faas4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|UTF-8",
      "application/json|UTF-8",
      "text/plain; format=flowed|UTF-8",
      "text/plain; charset=ISO-8859-1|ISO-8859-1",
      "Text/Plain; CHARSET=\"utf-16be\"|UTF-16BE",
      "text/html;charset=windows-1252;level=1|windows-1252"})
  void theCharsetIsTheOneTheTypeNamesElseUtf8(String contentType, String charset) {
    assertThat(MediaTypes.charset(contentType).name()).isEqualTo(charset);
  }

  @Test
  void anUnsupportedOrMalformedCharsetIsBadInput() {
    assertThatThrownBy(() -> MediaTypes.charset("text/plain; charset=x-no-such-charset"))
        .isInstanceOf(InvalidEventException.class).hasMessage("Content-Type names an unsupported charset");
    assertThatThrownBy(() -> MediaTypes.charset("text/plain; charset=\u00e9t\u00e9"))
        .isInstanceOf(InvalidEventException.class).hasMessage("Content-Type names an unsupported charset");
    assertThat(MediaTypes.charset("application/json; charset=utf-8")).isEqualTo(StandardCharsets.UTF_8);
  }
}
