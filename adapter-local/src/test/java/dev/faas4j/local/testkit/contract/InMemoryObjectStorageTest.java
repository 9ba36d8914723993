package dev.faas4j.local.testkit.contract;

import dev.faas4j.port.memory.InMemoryObjectStorage;

class InMemoryObjectStorageTest extends ObjectStorageContract<InMemoryObjectStorage> {
  @Override
  protected InMemoryObjectStorage newSubject() {
    return new InMemoryObjectStorage("bucket");
  }
}
