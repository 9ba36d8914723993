package dev.faas4j.log;

import java.util.LinkedHashMap;
import java.util.Map;

/** Name/value varargs to an ordered map; a dangling name is kept with a marker rather than thrown on. */
final class Fields {
  private Fields() {}

  static Map<String, Object> of(Object... namesAndValues) {
    if (namesAndValues.length == 0) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = String.valueOf(namesAndValues[i]);
      map.put(name, i + 1 < namesAndValues.length ? namesAndValues[i + 1] : "!MISSING_VALUE");
    }
    return map;
  }
}
