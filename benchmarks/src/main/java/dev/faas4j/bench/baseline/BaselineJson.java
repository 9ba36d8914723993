package dev.faas4j.bench.baseline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one mapper a careful hand-written handler keeps: unknown fields ignored, as platforms add fields. */
final class BaselineJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private BaselineJson() {}
}
