package dev.faas4j.spi;

import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
  private final FunctionRegistry registry;
  private final Function<String, String> config;
  /**
   * Built on the first look-up, so that an app whose events never name a resource (HTTP only) never scans its
   * registry nor loads the trigger types; a race builds the same index twice, harmlessly (it is immutable once
   * published).
   */
  private volatile @Nullable Index index;

  private LogicalNames(FunctionRegistry registry, Function<String, String> config) {
    this.registry = registry;
    this.config = config;
  }

  /** The logical names of every resource a trigger of {@code registry} names, under {@code config}'s settings. */
  public static LogicalNames of(FunctionRegistry registry, Function<String, String> config) {
    return new LogicalNames(registry, config);
  }

  private Index index() {
    Index i = index;
    if (i == null) {
      i = new Index(registry, config);
      index = i;
    }
    return i;
  }

  /** Physical name -> logical name per kind, and the logical names whose setting names another resource. */
  private static final class Index {
    final Map<Kind, Map<String, String>> byKind = new EnumMap<>(Kind.class);
    final Map<Kind, java.util.Set<String>> remapped = new EnumMap<>(Kind.class);

    Index(FunctionRegistry registry, Function<String, String> config) {
      for (Kind k : Kind.values()) {
        byKind.put(k, new HashMap<>());
        remapped.put(k, new java.util.HashSet<>());
      }
      for (FunctionDefinition d : registry.definitions()) {
        if (d.trigger() instanceof QueueTrigger q) {
          add(Kind.QUEUE, q.queue(), config);
        } else if (d.trigger() instanceof ObjectTrigger o) {
          add(Kind.BUCKET, o.bucket(), config);
        } else if (d.trigger() instanceof TopicTrigger t) {
          add(Kind.TOPIC, t.topic(), config);
        }
      }
    }

    private void add(Kind kind, String logical, Function<String, String> config) {
      String physical = lastSegment(ResourceNames.resolve(kind, logical, config));
      byKind.get(kind).put(physical, logical);
      if (!physical.equals(logical)) {
        remapped.get(kind).add(logical);
      }
    }
  }

  /**
   * The logical name of the physical resource {@code physical} (a name, ARN, URL or path), else its name; a name
   * that equals a remapped logical name comes back marked, so no trigger filter mistakes it for that resource.
   */
  public String logical(Kind kind, String physical) {
    String name = lastSegment(physical);
    Index i = index();
    String logical = i.byKind.get(kind).get(name);
    if (logical != null) {
      return logical;
    }
    return i.remapped.get(kind).contains(name) ? name + UNDECLARED : name;
  }

  /** The part of an ARN, URL or resource path after its last {@code :} or {@code /}: the resource's name. */
  public static String lastSegment(String physical) {
    int i = Math.max(physical.lastIndexOf(':'), physical.lastIndexOf('/'));
    return i < 0 ? physical : physical.substring(i + 1);
  }
}
