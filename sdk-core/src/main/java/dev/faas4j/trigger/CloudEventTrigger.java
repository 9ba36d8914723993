package dev.faas4j.trigger;

import java.util.Optional;

/**
 * CloudEvents of one {@code type}, optionally from one {@code source} only:
 * {@code cloudEvent("google.cloud.audit.log.v1.written")}. Both match exactly, as Eventarc and Event Grid filters do.
 */
public record CloudEventTrigger(String type, Optional<String> source) implements Trigger {

  public CloudEventTrigger {
    check(type, "type");
    if (source == null) {
      throw new InvalidTriggerException("CloudEvent trigger source must not be null (use Optional.empty())");
    }
    if (source.isPresent()) { // not ifPresent(lambda): registration runs on every cold start
      check(source.get(), "source");
    }
  }

  /** Only events from {@code source}. */
  public CloudEventTrigger source(String source) {
    return new CloudEventTrigger(type, Optional.of(source));
  }

  /** Whether an event with these attributes fires this trigger. */
  public boolean matches(String eventType, String eventSource) {
    return type.equals(eventType) && (source.isEmpty() || source.get().equals(eventSource));
  }

  @Override
  public String describe() {
    return "cloudevent " + type + source.map(s -> " from " + s).orElse("");
  }

  private static void check(String value, String what) {
    if (value == null || value.isBlank() || value.length() > 1024) {
      throw new InvalidTriggerException("CloudEvent " + what + " must have 1 to 1024 characters");
    }
    // Inner spaces are allowed: EventBridge detail types ("Object Created", "Order Placed") are CloudEvent types
    // on AWS. Edge spaces would never match and control characters are never meant.
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      throw new InvalidTriggerException("CloudEvent " + what + " '" + value.strip()
          + "' must not start or end with a space");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c == 0x7f) {
        throw new InvalidTriggerException("CloudEvent " + what + " '" + value.strip()
            + "' must not hold control characters");
      }
    }
  }
}
