package dev.faas4j.bench;

import java.util.Map;

/**
 * What the trivial event functions saw, so that each one does observable work (the JIT cannot drop it) and the
 * smoke test can check that faas4j and the baseline delivered the same fields. Written by one thread at a time.
 */
public final class Seen {
  private static long amounts;
  private static long objectSize;
  private static String objectKey = "";
  private static String objectBucket = "";
  private static String deliveryQueue = "";
  private static String deliveryId = "";
  private static int deliveryAttempt;
  private static long deliverySent;
  private static Map<String, ?> deliveryAttributes = Map.of();

  private Seen() {}

  public static void order(long amount) {
    amounts += amount;
  }

  /**
   * The metadata a queue handler reads besides the body (queue, message id, delivery attempt, time sent, string
   * attributes): the
   * baselines parse the same fields the adapters map, and the smoke test checks both sides read the same values.
   */
  public static void delivery(String queue, String id, int attempt, long sentMillis, Map<String, ?> attributes) {
    deliveryQueue = queue; // stored as is: no work here that would dilute the ratio
    deliveryId = id;
    deliveryAttempt = attempt;
    deliverySent = sentMillis;
    deliveryAttributes = attributes;
  }

  public static void object(String bucket, String key, long size) {
    objectBucket = bucket;
    objectKey = key;
    objectSize = size;
  }

  public static long amounts() {
    return amounts;
  }

  public static String lastDelivery() {
    return deliveryQueue + "/" + deliveryId + "#" + deliveryAttempt + "@" + deliverySent + " " + texts();
  }

  public static String lastObject() {
    return objectBucket + "/" + objectKey + ":" + objectSize;
  }

  public static void reset() {
    amounts = 0;
    objectSize = 0;
    objectKey = "";
    objectBucket = "";
    deliveryQueue = "";
    deliveryId = "";
    deliveryAttempt = 0;
    deliverySent = 0;
    deliveryAttributes = Map.of();
  }

  /** Attribute values as text, typed (faas4j) or not (baselines), so both sides compare equal. */
  private static Map<String, String> texts() {
    Map<String, String> m = new java.util.TreeMap<>();
    deliveryAttributes.forEach((k, v) -> m.put(k,
        v instanceof dev.faas4j.event.AttributeValue a ? a.asText() : String.valueOf(v)));
    return m;
  }
}
