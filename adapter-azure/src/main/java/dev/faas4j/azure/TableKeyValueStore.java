package dev.faas4j.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException.Reason;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyValueStore} on an Azure Storage table (or Cosmos DB Table API).
 *
 * <ul>
 *   <li>Keys are encoded reversibly (hex of the UTF-8 bytes, split across PartitionKey and RowKey; see
 *       {@code TableKeys}), since Table keys cannot hold {@code / \ # ?} or control characters. Scans are key
 *       ranges in key order.
 *   <li>Each entity keeps an explicit {@code version} property (a random 63-bit number, new on every write);
 *       compare-and-set reads the entity and replaces it under {@code If-Match} with the ETag it read, so two
 *       concurrent writers cannot both win.
 *   <li>A time-to-live is an {@code expiresAt} property (epoch milliseconds), enforced on every read: Table Storage
 *       has no TTL of its own. Expired entities are replaced under their ETag, and are left for a clean-up job
 *       otherwise.
 *   <li>Values are split into binary properties of 64 KiB ({@code v0}, {@code v1}, ...), the Table limit per
 *       property; up to {@link Keys#MAX_KV_VALUE_BYTES} (well inside the 1 MiB entity limit).
 * </ul>
 */
final class TableKeyValueStore implements KeyValueStore {
  static final int CHUNK_BYTES = 64 * 1024;
  private static final String VERSION = "version";
  private static final String EXPIRES_AT = "expiresAt";
  private static final String SIZE = "size";

  private final TableClient table;
  private final Clock clock;
  private final Random random = new SecureRandom();

  public TableKeyValueStore(TableClient table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  /** A store on {@code table} of the account in {@code connectionString}, over the JDK HTTP client. */
  public static TableKeyValueStore create(String connectionString, String table, Clock clock) {
    return new TableKeyValueStore(new TableClientBuilder().connectionString(connectionString).tableName(table)
        .httpClient(AzureClients.httpClient()).buildClient(), clock);
  }

  @Override
  public String table() {
    return table.getTableName();
  }

  @Override
  public Optional<KeyValueEntry> get(String key) {
    Keys.kvKey(key);
    return read(key).filter(this::live).map(e -> entry(key, e));
  }

  @Override
  public long put(String key, byte[] value, @Nullable Duration ttl) {
    TableEntity entity = entity(key, value, ttl);
    try {
      table.upsertEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, null, Context.NONE);
    } catch (RuntimeException e) {
      throw failure("Put entity", e);
    }
    return version(entity);
  }

  @Override
  public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    TableEntity entity = entity(key, value, ttl);
    try {
      table.createEntity(entity);
      return OptionalLong.of(version(entity));
    } catch (RuntimeException e) {
      if (StorageErrors.status(e) != 409) {
        throw failure("Insert entity", e);
      }
    }
    // Something is there: only an expired entry may be replaced, and only the one we read (its ETag).
    Optional<TableEntity> existing = read(key);
    if (existing.isEmpty()) {
      return OptionalLong.empty(); // deleted meanwhile: another writer is racing; let the caller retry
    }
    if (live(existing.get())) {
      return OptionalLong.empty();
    }
    return replaceIfUnchanged(existing.get(), entity);
  }

  @Override
  public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
    TableEntity entity = entity(key, value, ttl);
    Optional<TableEntity> existing = read(key);
    if (existing.isEmpty() || !live(existing.get()) || version(existing.get()) != expectedVersion) {
      return OptionalLong.empty();
    }
    return replaceIfUnchanged(existing.get(), entity);
  }

  @Override
  public boolean delete(String key) {
    Keys.kvKey(key);
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<TableEntity> existing = read(key);
      if (existing.isEmpty()) {
        return false;
      }
      boolean wasLive = live(existing.get());
      try {
        table.deleteEntityWithResponse(existing.get(), true, null, Context.NONE);
        return wasLive;
      } catch (RuntimeException e) {
        int status = StorageErrors.status(e);
        if (status == 404) {
          return false;
        }
        if (status != 412) {
          throw failure("Delete entity", e);
        }
        // rewritten between our read and delete: look again
      }
    }
    throw new KeyValueStoreException(Reason.CONFLICT, "Entity kept changing while deleting it");
  }

  @Override
  public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    List<String> filters = new ArrayList<>();
    String prefixFilter = TableKeys.prefixFilter(prefix);
    if (!prefixFilter.isEmpty()) {
      filters.add(prefixFilter);
    }
    if (pageToken != null) {
      int bar = pageToken.indexOf('|');
      String pk = bar < 0 ? "" : pageToken.substring(0, bar);
      String rk = bar < 0 ? "" : pageToken.substring(bar + 1);
      if (!TableKeys.isEncoded(pk, rk)) {
        throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Page token is not one this store returned");
      }
      filters.add(TableKeys.after(pk, rk));
    }
    ListEntitiesOptions options = new ListEntitiesOptions().setTop(pageSize);
    if (!filters.isEmpty()) {
      options.setFilter(String.join(" and ", filters));
    }
    try {
      Iterator<PagedResponse<TableEntity>> pages = table.listEntities(options, null, Context.NONE).iterableByPage()
          .iterator();
      if (!pages.hasNext()) {
        return new KeyValuePage(List.of(), Optional.empty());
      }
      PagedResponse<TableEntity> page = pages.next();
      List<KeyValueEntry> entries = new ArrayList<>();
      TableEntity last = null;
      for (TableEntity e : page.getValue()) {
        if (entries.size() == pageSize) {
          break;
        }
        last = e;
        if (live(e)) {
          entries.add(entry(TableKeys.decode(e.getPartitionKey(), e.getRowKey()), e));
        }
      }
      boolean more = last != null && (page.getContinuationToken() != null || page.getValue().size() >= pageSize);
      return new KeyValuePage(entries,
          more ? Optional.of(last.getPartitionKey() + "|" + last.getRowKey()) : Optional.empty());
    } catch (KeyValueStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure("Query entities", e);
    }
  }

  private OptionalLong replaceIfUnchanged(TableEntity existing, TableEntity replacement) {
    replacement.addProperty("odata.etag", existing.getETag());
    try {
      table.updateEntityWithResponse(replacement, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
      return OptionalLong.of(version(replacement));
    } catch (RuntimeException e) {
      int status = StorageErrors.status(e);
      if (status == 412 || status == 404) {
        return OptionalLong.empty();
      }
      throw failure("Replace entity", e);
    }
  }

  private Optional<TableEntity> read(String key) {
    TableKeys.Encoded k = TableKeys.encode(key);
    try {
      return Optional.of(table.getEntityWithResponse(k.partitionKey(), k.rowKey(), null, null, Context.NONE)
          .getValue());
    } catch (RuntimeException e) {
      if (StorageErrors.status(e) == 404) {
        return Optional.empty();
      }
      throw failure("Get entity", e);
    }
  }

  private TableEntity entity(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    TableKeys.Encoded k = TableKeys.encode(key);
    TableEntity entity = new TableEntity(k.partitionKey(), k.rowKey());
    entity.addProperty(VERSION, (random.nextLong() >>> 1) | 1L);
    entity.addProperty(SIZE, value.length);
    if (ttl != null) {
      entity.addProperty(EXPIRES_AT, clock.instant().plus(ttl).toEpochMilli());
    }
    for (int i = 0, chunk = 0; i < value.length; i += CHUNK_BYTES, chunk++) {
      entity.addProperty("v" + chunk, Arrays.copyOfRange(value, i, Math.min(value.length, i + CHUNK_BYTES)));
    }
    return entity;
  }

  private boolean live(TableEntity e) {
    Object expires = e.getProperty(EXPIRES_AT);
    return !(expires instanceof Number n) || clock.millis() < n.longValue();
  }

  private static long version(TableEntity e) {
    Object v = e.getProperty(VERSION);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      return Long.parseLong(s);
    }
    throw new KeyValueStoreException(Reason.UNKNOWN, "Entity has no version property; it was not written by faas4j");
  }

  private static KeyValueEntry entry(String key, TableEntity e) {
    Object size = e.getProperty(SIZE);
    int length = size instanceof Number n ? n.intValue() : 0;
    ByteArrayOutputStream value = new ByteArrayOutputStream(length);
    for (int chunk = 0; value.size() < length; chunk++) {
      Object part = e.getProperty("v" + chunk);
      if (!(part instanceof byte[] bytes)) {
        throw new KeyValueStoreException(Reason.UNKNOWN, "Entity value is incomplete (missing chunk " + chunk + ")");
      }
      value.writeBytes(bytes);
    }
    Object expires = e.getProperty(EXPIRES_AT);
    return new KeyValueEntry(key, value.toByteArray(), version(e),
        expires instanceof Number n ? Optional.of(Instant.ofEpochMilli(n.longValue())) : Optional.empty());
  }

  private static KeyValueStoreException failure(String operation, RuntimeException e) {
    return new KeyValueStoreException(StorageErrors.reason(e), StorageErrors.describe(operation, e), e);
  }

  @Override
  public String toString() {
    return "TableKeyValueStore[" + table() + "]";
  }
}
