package dev.faas4j.local.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.contract.KeyValueStoreContract;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValueStoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteKeyValueStoreTest extends KeyValueStoreContract<SqliteKeyValueStore> {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  @TempDir
  Path dataDir;
  private LocalDatabase db;

  @Override
  protected SqliteKeyValueStore newSubject() {
    db = LocalDatabase.open(dataDir);
    return new SqliteKeyValueStore(db, "table", clock);
  }

  @Override
  protected Clock clock() {
    return clock;
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void entriesAndVersionsSurviveReopening() {
    long before = store.put("k", "v".getBytes(UTF_8));
    store.put("ttl", "t".getBytes(UTF_8), Duration.ofMinutes(5));
    db.close();

    db = LocalDatabase.open(dataDir);
    SqliteKeyValueStore reopened = new SqliteKeyValueStore(db, "table", clock);

    assertThat(reopened.get("k")).map(KeyValueEntry::version).contains(before);
    assertThat(reopened.get("ttl").orElseThrow().expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(5)));
    long after = reopened.put("k", "w".getBytes(UTF_8));
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void tablesDoNotSeeEachOther() {
    SqliteKeyValueStore other = new SqliteKeyValueStore(db, "other", clock);
    store.put("k", "mine".getBytes(UTF_8));

    assertThat(other.get("k")).isEmpty();
    assertThat(other.scan("", null, 10).entries()).isEmpty();
    assertThat(other.putIfAbsent("k", "theirs".getBytes(UTF_8), null)).isPresent();
    assertThat(store.get("k")).map(KeyValueEntry::text).contains("mine");
  }

  @Test
  void expiredRowsArePurgedByLaterWrites() {
    for (int i = 0; i < 10; i++) {
      store.put("old/" + i, new byte[] {1}, Duration.ofSeconds(1));
    }
    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 300; i++) {
      store.put("new/" + i, new byte[] {2});
    }

    int rows = db.read(KeyValueStoreException::new, c -> {
      try (var q = c.prepareStatement("SELECT count(*) FROM kv_entry WHERE tbl = 'table' AND key LIKE 'old/%'");
          var rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertThat(rows).isZero();
  }
}
