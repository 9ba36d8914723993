package dev.faas4j.trigger;

/** The resource-name rule shared by buckets, queues, topics and tables. */
final class Names {
  private Names() {}

  /**
   * Accepts 1 to 255 characters of letters, digits and {@code - _ .}, starting with a letter or digit: what S3,
   * GCS, SQS, Pub/Sub and Azure accept in common once lower-cased by the adapter where needed.
   */
  static String check(String name, String what) {
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw new InvalidTriggerException(what + " name must have 1 to 255 characters; got "
          + (name == null ? "null" : "'" + name + "'"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || i > 0 && (c == '-' || c == '_' || c == '.');
      if (!ok) {
        throw new InvalidTriggerException(what + " name '" + name + "' has an invalid character at index " + i
            + " (allowed: letters, digits, '-', '_', '.', starting with a letter or digit)");
      }
    }
    return name;
  }
}
