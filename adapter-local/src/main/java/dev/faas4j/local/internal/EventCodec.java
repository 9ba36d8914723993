package dev.faas4j.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.ObjectEvent;
import dev.faas4j.event.ObjectEventKind;
import dev.faas4j.event.ScheduleEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON bodies of the engine's internal queues: an object event, or a scheduled run. Written by the engine and
 * read back by it only, so the shape is ours to choose; it carries no payload beyond what the event holds.
 */
final class EventCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventCodec() {}

  static byte[] writeObjectEvent(ObjectEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", e.id());
    e.time().ifPresent(t -> n.put("time", t.toString()));
    n.put("kind", e.kind().name());
    n.put("bucket", e.bucket());
    n.put("key", e.key());
    e.size().ifPresent(s -> n.put("size", s));
    e.etag().ifPresent(s -> n.put("etag", s));
    e.version().ifPresent(s -> n.put("version", s));
    e.contentType().ifPresent(s -> n.put("contentType", s));
    return bytes(n);
  }

  static ObjectEvent readObjectEvent(byte[] body) {
    JsonNode n = tree(body);
    return ObjectEvent.builder()
        .id(text(n, "id"))
        .time(n.hasNonNull("time") ? Instant.parse(text(n, "time")) : null)
        .kind(ObjectEventKind.valueOf(text(n, "kind")))
        .bucket(text(n, "bucket"))
        .key(text(n, "key"))
        .size(n.hasNonNull("size") ? n.get("size").asLong() : null)
        .etag(optional(n, "etag"))
        .version(optional(n, "version"))
        .contentType(optional(n, "contentType"))
        .origin(LocalOrigin.ORIGIN)
        .build();
  }

  /** A run due at {@code scheduledTime}; the event's {@code time} is filled in when it starts. */
  static byte[] writeScheduledRun(String id, String schedule, Instant scheduledTime, boolean pastDue,
      Optional<Instant> lastRun, Optional<Instant> nextRun) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("schedule", schedule);
    n.put("scheduledTime", scheduledTime.toString());
    n.put("pastDue", pastDue);
    lastRun.ifPresent(t -> n.put("lastRun", t.toString()));
    nextRun.ifPresent(t -> n.put("nextRun", t.toString()));
    return bytes(n);
  }

  static ScheduleEvent readScheduledRun(byte[] body, Instant startedAt) {
    JsonNode n = tree(body);
    String schedule = text(n, "schedule");
    return new ScheduleEvent(text(n, "id"), "/schedules/" + schedule, ScheduleEvent.TYPE, Optional.empty(),
        Optional.of(startedAt), schedule, Optional.of(Instant.parse(text(n, "scheduledTime"))),
        n.path("pastDue").asBoolean(false), Optional.ofNullable(optional(n, "lastRun")).map(Instant::parse),
        Optional.ofNullable(optional(n, "nextRun")).map(Instant::parse), LocalOrigin.ORIGIN);
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("Could not write an internal event", e);
    }
  }

  private static JsonNode tree(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new InvalidEventException("Internal event is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new InvalidEventException("Internal event is not valid JSON", e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidEventException("Internal event has no " + field);
    }
    return v.asText();
  }

  private static @org.jspecify.annotations.Nullable String optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
