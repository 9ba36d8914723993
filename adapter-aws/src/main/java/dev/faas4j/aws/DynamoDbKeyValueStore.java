package dev.faas4j.aws;

import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@link KeyValueStore} on one DynamoDB table whose partition key is the string attribute {@value #KEY} (no sort
 * key). Each item holds the value ({@value #VALUE}, binary), its version ({@value #VERSION}, a random 63-bit
 * number, new on every write) and, with a time-to-live, {@value #EXPIRES} in epoch seconds (enable DynamoDB TTL on
 * it so that expired items are eventually deleted) and {@value #EXPIRES_MS} in epoch milliseconds. Expired items
 * are absent on every read and replaced by conditional writes at once, because DynamoDB deletes them only within
 * days. putIfAbsent and compareAndSet are single conditional PutItem calls, so exactly one of concurrent writers
 * wins.
 *
 * <p>{@link #scan} reads the table with a filtered Scan and sorts the matches: meant for small tables and
 * maintenance, not for hot paths (DynamoDB orders items only within one partition).
 *
 * <p>Public only for its attribute names, which {@link dev.faas4j.aws.deploy.SamTemplate} lays tables out by; it is
 * created through {@link AwsPlatform#keyValueStore}.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore {
  /** The partition key attribute. */
  public static final String KEY = "pk";
  /** The value attribute (binary). */
  public static final String VALUE = "val";
  /** The version attribute (number). */
  public static final String VERSION = "ver";
  /** The expiry in epoch seconds: the attribute to name in the table's TTL setting. */
  public static final String EXPIRES = "ttl";
  /** The expiry in epoch milliseconds, which reads compare against. */
  public static final String EXPIRES_MS = "ttlMs";


  private final Supplier<DynamoDbClient> client;
  private final String table;
  private final Clock clock;

  /** A store on {@code table} (the physical table name) through {@code client}, with the system clock. */
  DynamoDbKeyValueStore(DynamoDbClient client, String table) {
    this(() -> client, table, Clock.systemUTC());
  }

  /** A store that reads expiry against {@code clock}. */
  DynamoDbKeyValueStore(DynamoDbClient client, String table, Clock clock) {
    this(() -> client, table, clock);
  }

  DynamoDbKeyValueStore(Supplier<DynamoDbClient> client, String table, Clock clock) {
    this.client = client;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public Optional<KeyValueEntry> get(String key) {
    Keys.kvKey(key);
    try {
      Map<String, AttributeValue> item = client.get()
          .getItem(b -> b.tableName(table).key(Map.of(KEY, s(key))).consistentRead(true)).item();
      return Optional.ofNullable(live(item));
    } catch (SdkException e) {
      throw failure("DynamoDB GetItem", e);
    }
  }

  @Override
  public long put(String key, byte[] value, @Nullable Duration ttl) {
    Map<String, AttributeValue> item = item(key, value, ttl);
    try {
      client.get().putItem(b -> b.tableName(table).item(item));
    } catch (SdkException e) {
      throw failure("DynamoDB PutItem", e);
    }
    return version(item);
  }

  @Override
  public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    Map<String, AttributeValue> item = item(key, value, ttl);
    return conditionalPut(item, "attribute_not_exists(#k) OR (attribute_exists(#e) AND #e <= :now)",
        Map.of(":now", n(clock.millis())), Map.of("#k", KEY, "#e", EXPIRES_MS));
  }

  @Override
  public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
    Map<String, AttributeValue> item = item(key, value, ttl);
    return conditionalPut(item, "#ver = :expected AND (attribute_not_exists(#e) OR #e > :now)",
        Map.of(":expected", n(expectedVersion), ":now", n(clock.millis())), Map.of("#ver", VERSION, "#e", EXPIRES_MS));
  }

  @Override
  public boolean delete(String key) {
    Keys.kvKey(key);
    try {
      DeleteItemResponse r = client.get().deleteItem(b -> b.tableName(table).key(Map.of(KEY, s(key)))
          .returnValues(ReturnValue.ALL_OLD));
      return r.hasAttributes() && live(r.attributes()) != null;
    } catch (SdkException e) {
      throw failure("DynamoDB DeleteItem", e);
    }
  }

  @Override
  public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    TreeMap<String, KeyValueEntry> matches = new TreeMap<>();
    Map<String, AttributeValue> startKey = null;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":now", n(clock.millis()));
    Map<String, String> names = new HashMap<>();
    names.put("#e", EXPIRES_MS);
    StringBuilder filter = new StringBuilder("(attribute_not_exists(#e) OR #e > :now)");
    if (!prefix.isEmpty()) {
      filter.append(" AND begins_with(#k, :prefix)");
      values.put(":prefix", s(prefix));
      names.put("#k", KEY);
    }
    if (pageToken != null) {
      filter.append(" AND #k > :after");
      values.put(":after", s(pageToken));
      names.put("#k", KEY);
    }
    try {
      do {
        ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true)
            .filterExpression(filter.toString()).expressionAttributeNames(names)
            .expressionAttributeValues(values);
        if (startKey != null) {
          request.exclusiveStartKey(startKey);
        }
        ScanResponse r = client.get().scan(request.build());
        for (Map<String, AttributeValue> item : r.items()) {
          KeyValueEntry e = live(item);
          if (e != null) {
            matches.put(e.key(), e);
          }
        }
        startKey = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
      } while (startKey != null);
    } catch (SdkException e) {
      throw failure("DynamoDB Scan", e);
    }
    List<KeyValueEntry> page = new ArrayList<>(Math.min(pageSize, matches.size()));
    for (KeyValueEntry e : matches.values()) {
      if (page.size() == pageSize) {
        return new KeyValuePage(page, Optional.of(page.get(page.size() - 1).key()));
      }
      page.add(e);
    }
    return new KeyValuePage(page, Optional.empty());
  }

  private OptionalLong conditionalPut(Map<String, AttributeValue> item, String condition,
      Map<String, AttributeValue> values, Map<String, String> names) {
    PutItemRequest request = PutItemRequest.builder().tableName(table).item(item).conditionExpression(condition)
        .expressionAttributeNames(names).expressionAttributeValues(values).build();
    try {
      client.get().putItem(request);
      return OptionalLong.of(version(item));
    } catch (ConditionalCheckFailedException e) {
      return OptionalLong.empty();
    } catch (SdkException e) {
      throw failure("DynamoDB PutItem", e);
    }
  }

  private Map<String, AttributeValue> item(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, s(key));
    item.put(VALUE, AttributeValue.builder().b(SdkBytes.fromByteArray(value)).build());
    item.put(VERSION, n(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
    if (ttl != null) {
      long expiresMs = clock.instant().plus(ttl).toEpochMilli();
      item.put(EXPIRES_MS, n(expiresMs));
      item.put(EXPIRES, n(Math.floorDiv(expiresMs + 999, 1000)));
    }
    return item;
  }

  private @Nullable KeyValueEntry live(@Nullable Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !item.containsKey(KEY)) {
      return null;
    }
    Optional<Instant> expires = Optional.empty();
    AttributeValue e = item.get(EXPIRES_MS);
    if (e != null && e.n() != null) {
      Instant at = Instant.ofEpochMilli(Long.parseLong(e.n()));
      if (!clock.instant().isBefore(at)) {
        return null;
      }
      expires = Optional.of(at);
    }
    AttributeValue v = item.get(VALUE);
    byte[] value = v == null || v.b() == null ? new byte[0] : v.b().asByteArrayUnsafe();
    return new KeyValueEntry(item.get(KEY).s(), value, version(item), expires);
  }

  private static long version(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(VERSION);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static AttributeValue s(String s) {
    return AttributeValue.builder().s(s).build();
  }

  private static AttributeValue n(long n) {
    return AttributeValue.builder().n(Long.toString(n)).build();
  }

  private KeyValueStoreException failure(String operation, SdkException e) {
    return new KeyValueStoreException(AwsErrors.reason(e), AwsErrors.message(operation, e) + " on table " + table, e);
  }

}
