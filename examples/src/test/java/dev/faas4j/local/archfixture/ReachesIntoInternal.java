package dev.faas4j.local.archfixture;

/** Breaks the adapter rule on purpose, so that AdapterArchitectureTest can show the rule fires. */
final class ReachesIntoInternal {
  private ReachesIntoInternal() {}

  static byte[] write(Object value) {
    return dev.faas4j.internal.Json.write(value);
  }
}
