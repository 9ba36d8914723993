package dev.faas4j.spi;

import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Events name physical resources (the bucket {@code acme-prod-raw-images}, the queue ARN of {@code acme-orders},
 * the topic {@code projects/p/topics/acme-signups}); triggers name logical ones. This maps back through the same
 * {@code FAAS4J_<KIND>_<NAME>} settings that {@link ResourceNames} resolves forward, indexed once per instance so
 * that no event pays for a registry scan or a settings look-up. Settings and event names may be plain names, ARNs,
 * URLs or resource paths: both sides are compared by their last segment. A name no trigger declares is passed on
 * unchanged, so the dispatcher's trigger filters see it and skip the event; so is a name that happens to equal a
 * logical name whose setting points elsewhere ({@code FAAS4J_BUCKET_UPLOADS=prod-uploads}, and an event from a
 * bucket literally named {@code uploads}): it is marked as not declared, so it cannot pass for the logical one.
 */
public final class LogicalNames {
  /** What an undeclared resource whose name collides with a remapped logical name is called instead. */
  static final String UNDECLARED = " (not declared by any trigger)";
  private final Map<Kind, Map<String, String>> byKind = new EnumMap<>(Kind.class);
  /** Logical names whose setting names another physical resource. */
  private final Map<Kind, java.util.Set<String>> remapped = new EnumMap<>(Kind.class);

  private LogicalNames() {
    for (Kind k : Kind.values()) {
      byKind.put(k, new HashMap<>());
      remapped.put(k, new java.util.HashSet<>());
    }
  }

  /** The logical names of every resource a trigger of {@code registry} names, under {@code config}'s settings. */
  public static LogicalNames of(FunctionRegistry registry, Function<String, String> config) {
    LogicalNames names = new LogicalNames();
    for (FunctionDefinition d : registry.definitions()) {
      if (d.trigger() instanceof QueueTrigger q) {
        names.add(Kind.QUEUE, q.queue(), config);
      } else if (d.trigger() instanceof ObjectTrigger o) {
        names.add(Kind.BUCKET, o.bucket(), config);
      } else if (d.trigger() instanceof TopicTrigger t) {
        names.add(Kind.TOPIC, t.topic(), config);
      }
    }
    return names;
  }

  private void add(Kind kind, String logical, Function<String, String> config) {
    String physical = lastSegment(ResourceNames.resolve(kind, logical, config));
    byKind.get(kind).put(physical, logical);
    if (!physical.equals(logical)) {
      remapped.get(kind).add(logical);
    }
  }

  /**
   * The logical name of the physical resource {@code physical} (a name, ARN, URL or path), else its name; a name
   * that equals a remapped logical name comes back marked, so no trigger filter mistakes it for that resource.
   */
  public String logical(Kind kind, String physical) {
    String name = lastSegment(physical);
    String logical = byKind.get(kind).get(name);
    if (logical != null) {
      return logical;
    }
    return remapped.get(kind).contains(name) ? name + UNDECLARED : name;
  }

  /** The part of an ARN, URL or resource path after its last {@code :} or {@code /}: the resource's name. */
  public static String lastSegment(String physical) {
    int i = Math.max(physical.lastIndexOf(':'), physical.lastIndexOf('/'));
    return i < 0 ? physical : physical.substring(i + 1);
  }
}
