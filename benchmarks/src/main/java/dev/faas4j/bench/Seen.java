package dev.faas4j.bench;

/**
 * What the trivial event functions saw, so that each one does observable work (the JIT cannot drop it) and the
 * smoke test can check that faas4j and the baseline delivered the same fields. Written by one thread at a time.
 */
public final class Seen {
  private static long amounts;
  private static long objectSize;
  private static String objectKey = "";
  private static String objectBucket = "";

  private Seen() {}

  public static void order(long amount) {
    amounts += amount;
  }

  public static void object(String bucket, String key, long size) {
    objectBucket = bucket;
    objectKey = key;
    objectSize = size;
  }

  public static long amounts() {
    return amounts;
  }

  public static String lastObject() {
    return objectBucket + "/" + objectKey + ":" + objectSize;
  }

  public static void reset() {
    amounts = 0;
    objectSize = 0;
    objectKey = "";
    objectBucket = "";
  }
}
