package dev.faas4j.spi.log;

import dev.faas4j.log.LogLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogConfigTest {

  @ParameterizedTest
  @CsvSource({"debug, DEBUG", "TRACE, DEBUG", " info , INFO", "Warning, WARN", "WARN, WARN", "error, ERROR",
      "SEVERE, ERROR", "critical, ERROR"})
  void parsesLevels(String text, LogLevel level) {
    assertThat(LogLevel.parse(text)).isEqualTo(level);
  }

  @Test
  void unknownLevelNamesTheAcceptedValues() {
    assertThatThrownBy(() -> LogLevel.parse("verbose"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown log level 'verbose'; use DEBUG, INFO, WARN or ERROR");
  }

  @Test
  void readsLevelFromEnvironment() {
    assertThat(LogConfig.fromEnvironment(Map.of("FAAS4J_LOG_LEVEL", "debug")::get).level()).isEqualTo(LogLevel.DEBUG);
    assertThat(LogConfig.fromEnvironment(Map.of("FAAS4J_LOG_LEVEL", " ")::get).level()).isEqualTo(LogLevel.INFO);
    assertThat(LogConfig.fromEnvironment(name -> null).level()).isEqualTo(LogLevel.INFO);
  }

  @Test
  void badLevelInEnvironmentNamesTheSetting() {
    assertThatThrownBy(() -> LogConfig.fromEnvironment(Map.of("FAAS4J_LOG_LEVEL", "loud")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("FAAS4J_LOG_LEVEL: ")
        .hasMessageContaining("'loud'");
  }

  @Test
  void defaultsRedactCredentialWords() {
    LogConfig c = LogConfig.defaults();

    assertThat(c.redacts("password")).isTrue();
    assertThat(c.redacts("X-Api-Token")).isTrue();
    assertThat(c.redacts("api_key")).isTrue();
    assertThat(c.redacts("Authorization")).isTrue();
    assertThat(c.redacts("client_secret")).isTrue();
    assertThat(c.redacts("userId")).isFalse();
    assertThat(c.redacts("orderId")).isFalse();
  }

  @Test
  void redactedWordsAreNormalised() {
    LogConfig c = LogConfig.defaults().withLevel(LogLevel.INFO);
    LogConfig custom = new LogConfig(c.level(), c.format(), c.sink(), java.util.Set.of("Social-Security", " "),
        c.clock());

    assertThat(custom.redactedWords()).containsExactly("socialsecurity");
    assertThat(custom.redacts("social_security_number")).isTrue();
    assertThat(custom.redacts("password")).isFalse();
  }
}
