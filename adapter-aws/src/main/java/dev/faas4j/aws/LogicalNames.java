package dev.faas4j.aws;

import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.ResourceNames;
import dev.faas4j.spi.ResourceNames.Kind;
import dev.faas4j.trigger.ObjectTrigger;
import dev.faas4j.trigger.QueueTrigger;
import dev.faas4j.trigger.TopicTrigger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Events name physical resources (the bucket {@code acme-prod-raw-images}, the queue ARN of {@code acme-orders});
 * triggers name logical ones. This maps back, once per instance, through the same {@code FAAS4J_<KIND>_<NAME>}
 * settings that {@link ResourceNames} resolves forward. Settings may hold a name, an ARN or a queue URL. A name no
 * trigger declares is passed on unchanged.
 */
final class LogicalNames {
  private final Map<String, String> buckets = new HashMap<>();
  private final Map<String, String> queues = new HashMap<>();
  private final Map<String, String> topics = new HashMap<>();

  LogicalNames(FunctionRegistry registry, Function<String, String> config) {
    for (FunctionDefinition d : registry.definitions()) {
      if (d.trigger() instanceof QueueTrigger q) {
        queues.put(physical(Kind.QUEUE, q.queue(), config), q.queue());
      } else if (d.trigger() instanceof ObjectTrigger o) {
        buckets.put(physical(Kind.BUCKET, o.bucket(), config), o.bucket());
      } else if (d.trigger() instanceof TopicTrigger t) {
        topics.put(physical(Kind.TOPIC, t.topic(), config), t.topic());
      }
    }
  }

  private static String physical(Kind kind, String logical, Function<String, String> config) {
    return JsonFields.lastSegment(ResourceNames.resolve(kind, logical, config));
  }

  String bucket(String physical) {
    return buckets.getOrDefault(physical, physical);
  }

  /** For a queue, a Kinesis stream or a DynamoDB table stream. */
  String queue(String physical) {
    return queues.getOrDefault(physical, physical);
  }

  String topic(String physical) {
    return topics.getOrDefault(physical, physical);
  }
}
