package dev.faas4j.local.internal;

import dev.faas4j.event.Headers;
import dev.faas4j.event.Origin;
import java.util.Map;

/** The origin of the local runtime's own events: no platform payload beyond what the event holds. */
final class LocalOrigin {
  static final Origin ORIGIN = Origin.of("local", Map.of(), new byte[0], Headers.empty());

  private LocalOrigin() {}
}
