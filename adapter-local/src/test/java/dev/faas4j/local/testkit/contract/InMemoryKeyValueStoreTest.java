package dev.faas4j.local.testkit.contract;

import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import java.time.Clock;
import java.time.Duration;

class InMemoryKeyValueStoreTest extends KeyValueStoreContract<InMemoryKeyValueStore> {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();

  @Override
  protected InMemoryKeyValueStore newSubject() {
    return new InMemoryKeyValueStore("table", clock);
  }

  @Override
  protected Clock clock() {
    return clock;
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }
}
