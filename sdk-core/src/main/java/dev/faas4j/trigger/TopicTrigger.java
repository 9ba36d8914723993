package dev.faas4j.trigger;

/** Messages published to a topic; every function subscribed to it gets its own copy. */
public record TopicTrigger(String topic) implements Trigger {

  public TopicTrigger {
    Names.check(topic, "Topic");
  }

  @Override
  public String describe() {
    return "topic " + topic;
  }
}
