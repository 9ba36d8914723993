package dev.faas4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faas4j.local.testkit.contract.KeyValueStoreContract;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.PortException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The KeyValueStore contract against dynalite (DynamoDB's API on LevelDB, Apache-2.0), started with node on
 * 127.0.0.1. dynalite has no TTL deletion, which is what the store must cope with anyway: expiry is enforced on read.
 */
class DynamoDbKeyValueStoreTest extends KeyValueStoreContract<DynamoDbKeyValueStore> {
  private static Dynalite dynalite;

  @BeforeAll
  static void startDynalite() throws Exception {
    dynalite = new Dynalite();
  }

  @AfterAll
  static void stopDynalite() throws Exception {
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Override
  protected DynamoDbKeyValueStore newSubject() {
    return new DynamoDbKeyValueStore(dynalite.client, dynalite.newTable("kv"));
  }

  @Test
  void expiredItemStillStoredIsAbsentAndReplaceable() throws Exception {
    store.put("lease", "old".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300));
    advanceTime(Duration.ofMillis(300));

    // the backend still holds the item: DynamoDB deletes expired items only eventually
    Map<String, AttributeValue> raw = dynalite.client.getItem(b -> b.tableName(store.table())
        .key(Map.of(DynamoDbKeyValueStore.KEY, AttributeValue.builder().s("lease").build()))).item();
    assertThat(raw).containsKey(DynamoDbKeyValueStore.EXPIRES);
    assertThat(store.get("lease")).isEmpty();
    assertThat(store.putIfAbsent("lease", "new".getBytes(StandardCharsets.UTF_8), null)).isPresent();
  }

  @Test
  void ttlAttributeIsEpochSecondsRoundedUp() {
    store.put("k", new byte[] {1}, Duration.ofSeconds(90));

    Map<String, AttributeValue> raw = dynalite.client.getItem(b -> b.tableName(store.table())
        .key(Map.of(DynamoDbKeyValueStore.KEY, AttributeValue.builder().s("k").build()))).item();
    long seconds = Long.parseLong(raw.get(DynamoDbKeyValueStore.EXPIRES).n());
    long millis = Long.parseLong(raw.get(DynamoDbKeyValueStore.EXPIRES_MS).n());
    assertThat(seconds * 1000).isBetween(millis, millis + 999);
  }

  @Test
  void missingTableIsNotFound() {
    DynamoDbKeyValueStore missing = new DynamoDbKeyValueStore(dynalite.client, "no-such-table");

    assertThatThrownBy(() -> missing.get("k")).isInstanceOfSatisfying(KeyValueStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }
}
