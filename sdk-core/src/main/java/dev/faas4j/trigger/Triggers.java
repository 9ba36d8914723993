package dev.faas4j.trigger;

import java.time.ZoneOffset;

/** Static factories for triggers, meant for {@code import static dev.faas4j.trigger.Triggers.*}. */
public final class Triggers {
  private Triggers() {}

  /** {@code route("POST /users")}, {@code route("GET,HEAD /users/{id}")}. */
  public static HttpRoute route(String methodsAndPath) {
    return HttpRoute.parse(methodsAndPath);
  }

  /** {@code route("POST", "/users")}. */
  public static HttpRoute route(String methods, String path) {
    return HttpRoute.of(methods, path);
  }

  /** Objects created in a bucket; refine with {@code .on(kinds)}, {@code .prefix(p)}, {@code .suffix(s)}. */
  public static ObjectTrigger bucket(String bucket) {
    return ObjectTrigger.of(bucket);
  }

  /** Messages on a queue; refine with {@code .batchSize(n)} and {@code .fifo()}. */
  public static QueueTrigger queue(String queue) {
    return QueueTrigger.of(queue);
  }

  public static TopicTrigger topic(String topic) {
    return new TopicTrigger(topic);
  }

  /** A five-field cron schedule in UTC, e.g. {@code cron("0 2 * * *")}; see {@link CronExpression}. */
  public static ScheduleTrigger cron(String expression) {
    return new ScheduleTrigger(CronExpression.parse(expression), ZoneOffset.UTC);
  }

  /** CloudEvents of {@code type}; refine with {@code .source(s)}. */
  public static CloudEventTrigger cloudEvent(String type) {
    return new CloudEventTrigger(type, java.util.Optional.empty());
  }
}
