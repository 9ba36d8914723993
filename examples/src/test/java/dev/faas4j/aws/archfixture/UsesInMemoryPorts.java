package dev.faas4j.aws.archfixture;

import dev.faas4j.Platform;
import dev.faas4j.port.memory.InMemoryPlatform;

/** Breaks the runtime-jar rule on purpose, so that AdapterArchitectureTest can show the rule fires. */
final class UsesInMemoryPorts {
  private UsesInMemoryPorts() {}

  static Platform platform() {
    return new InMemoryPlatform();
  }
}
