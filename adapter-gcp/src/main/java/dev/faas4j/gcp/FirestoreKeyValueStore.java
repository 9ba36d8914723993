package dev.faas4j.gcp;

import dev.faas4j.spi.Lazy;
import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyValueStore} on a Firestore collection: one document per key.
 *
 * <ul>
 *   <li>Document ids are {@code k.} plus the key's UTF-8 bytes in unpadded base64url, because keys may hold
 *       {@code /} and other characters Firestore ids cannot; the key itself is the field {@code k}, which scans
 *       query and order by.
 *   <li>The value is the bytes field {@code v}; the version, a random 63-bit number per write, is {@code version}.
 *   <li>Compare-and-set and put-if-absent over an expired entry use Firestore's {@code updateTime} precondition on
 *       the document just read; put-if-absent on a missing key uses {@code create}, which fails if it exists. So
 *       each conditional write is one atomic server-side check, without transactions.
 *   <li>Time-to-live is the timestamp field {@code expireAt}: entries past it are absent for every method at once
 *       (checked on read with the store's clock); a Firestore TTL policy on {@code expireAt} deletes them later.
 * </ul>
 */
final class FirestoreKeyValueStore implements KeyValueStore {
  /** The field holding the expiry; point a Firestore TTL policy at it. */
  static final String EXPIRE_AT_FIELD = "expireAt";
  private static final String KEY = "k";
  private static final String VALUE = "v";
  private static final String VERSION = "version";
  private static final long TIMEOUT_SECONDS = 60;

  private final Supplier<Firestore> db;
  private final String table;
  private final Clock clock;

  /** A store on collection {@code table} of {@code firestore}, reading time from {@code clock}. */
  FirestoreKeyValueStore(Firestore firestore, String table, Clock clock) {
    this(Lazy.ofValue(firestore), table, clock);
  }

  private FirestoreKeyValueStore(Supplier<Firestore> db, String table, Clock clock) {
    if (table.isEmpty() || table.contains("/")) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "A Firestore collection id cannot contain '/'");
    }
    this.db = db;
    this.table = table;
    this.clock = clock;
  }

  /** A store on collection {@code table} of the default database, with a client made on first use. */
  static FirestoreKeyValueStore create(String table, Clock clock) {
    return new FirestoreKeyValueStore(Lazy.of(() -> FirestoreOptions.getDefaultInstance().getService()), table,
        clock);
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public Optional<KeyValueEntry> get(String key) {
    Keys.kvKey(key);
    return live(read(doc(key)));
  }

  @Override
  public long put(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    long version = newVersion();
    await(doc(key).set(fields(key, value, version, ttl, false)), "put");
    return version;
  }

  @Override
  public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    DocumentReference ref = doc(key);
    DocumentSnapshot current = read(ref);
    long version = newVersion();
    if (!current.exists()) {
      return conditional(ref.create(fields(key, value, version, ttl, false)), version);
    }
    if (live(current).isPresent()) {
      return OptionalLong.empty();
    }
    return conditional(ref.update(fields(key, value, version, ttl, true),
        Precondition.updatedAt(current.getUpdateTime())), version);
  }

  @Override
  public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
    Keys.kvWrite(key, value, ttl);
    DocumentReference ref = doc(key);
    DocumentSnapshot current = read(ref);
    Optional<KeyValueEntry> entry = live(current);
    if (entry.isEmpty() || entry.get().version() != expectedVersion) {
      return OptionalLong.empty();
    }
    long version = newVersion();
    return conditional(ref.update(fields(key, value, version, ttl, true),
        Precondition.updatedAt(current.getUpdateTime())), version);
  }

  @Override
  public boolean delete(String key) {
    Keys.kvKey(key);
    DocumentReference ref = doc(key);
    for (int attempt = 0; attempt < 5; attempt++) {
      DocumentSnapshot current = read(ref);
      if (!current.exists()) {
        return false;
      }
      boolean wasLive = live(current).isPresent();
      if (conditional(ref.delete(Precondition.updatedAt(current.getUpdateTime())), 0).isPresent()) {
        return wasLive;
      }
      // written between our read and delete: read again
    }
    throw new KeyValueStoreException(Reason.THROTTLED, "The key kept changing while being deleted");
  }

  @Override
  public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    String after = pageToken == null ? null : decodeToken(pageToken);
    List<KeyValueEntry> entries = new ArrayList<>();
    boolean more = false;
    boolean end = false;
    while (!end && entries.size() <= pageSize) {
      int batch = pageSize + 1;
      Query q = collection().whereGreaterThanOrEqualTo(KEY, prefix).orderBy(KEY).limit(batch);
      if (after != null) {
        q = q.startAfter(after);
      }
      List<QueryDocumentSnapshot> docs = await(q.get(), "scan").getDocuments();
      for (QueryDocumentSnapshot d : docs) {
        String k = d.getString(KEY);
        if (k == null || !k.startsWith(prefix)) {
          end = true;
          break;
        }
        after = k;
        Optional<KeyValueEntry> e = live(d);
        if (e.isPresent()) {
          if (entries.size() == pageSize) {
            more = true;
            end = true;
            break;
          }
          entries.add(e.get());
        }
      }
      end |= docs.size() < batch;
    }
    String token = more ? encodeToken(entries.get(entries.size() - 1).key()) : null;
    return new KeyValuePage(entries, Optional.ofNullable(token));
  }

  // ------------------------------------------------------------------ helpers

  private CollectionReference collection() {
    return db.get().collection(table);
  }

  private DocumentReference doc(String key) {
    return collection().document("k." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, Object> fields(String key, byte[] value, long version, @Nullable Duration ttl,
      boolean update) {
    Map<String, Object> f = new HashMap<>();
    f.put(KEY, key);
    f.put(VALUE, Blob.fromBytes(value));
    f.put(VERSION, version);
    if (ttl != null) {
      Instant at = clock.instant().plus(ttl);
      f.put(EXPIRE_AT_FIELD, Timestamp.ofTimeSecondsAndNanos(at.getEpochSecond(), at.getNano()));
    } else if (update) {
      f.put(EXPIRE_AT_FIELD, FieldValue.delete());
    }
    return f;
  }

  private Optional<KeyValueEntry> live(DocumentSnapshot d) {
    if (!d.exists()) {
      return Optional.empty();
    }
    Timestamp expires = d.getTimestamp(EXPIRE_AT_FIELD);
    Optional<Instant> expiresAt = Optional.ofNullable(expires)
        .map(t -> Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
    if (expiresAt.isPresent() && !clock.instant().isBefore(expiresAt.get())) {
      return Optional.empty();
    }
    Blob value = d.getBlob(VALUE);
    Long version = d.getLong(VERSION);
    String key = d.getString(KEY);
    if (value == null || version == null || key == null) {
      throw new KeyValueStoreException(Reason.UNKNOWN, "Document " + d.getId() + " in " + table
          + " is not a faas4j entry (missing k, v or version)");
    }
    return Optional.of(new KeyValueEntry(key, value.toBytes(), version, expiresAt));
  }

  private DocumentSnapshot read(DocumentReference ref) {
    return await(ref.get(), "get");
  }

  /** The version if the precondition held; empty if it failed (the entry exists or changed). */
  private OptionalLong conditional(ApiFuture<?> write, long version) {
    try {
      write.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return OptionalLong.of(version);
    } catch (ExecutionException e) {
      StatusCode.Code code = GcpErrors.grpcCode(e.getCause());
      if (code == StatusCode.Code.ALREADY_EXISTS || code == StatusCode.Code.FAILED_PRECONDITION
          || code == StatusCode.Code.NOT_FOUND) {
        return OptionalLong.empty();
      }
      throw failure("conditional write", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyValueStoreException(Reason.UNAVAILABLE, "Interrupted", e);
    } catch (TimeoutException e) {
      throw new KeyValueStoreException(Reason.UNAVAILABLE, "Firestore did not answer in time", e);
    }
  }

  private <T> T await(ApiFuture<T> future, String operation) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw failure(operation, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyValueStoreException(Reason.UNAVAILABLE, "Interrupted", e);
    } catch (TimeoutException e) {
      throw new KeyValueStoreException(Reason.UNAVAILABLE, "Firestore did not answer in time", e);
    }
  }

  private KeyValueStoreException failure(String operation, @Nullable Throwable cause) {
    Reason reason = cause == null ? Reason.UNKNOWN : GcpErrors.reason(GcpErrors.grpcCode(cause));
    return new KeyValueStoreException(reason, "Firestore " + operation + " on " + table + " failed (" + reason + ")",
        cause);
  }

  private static long newVersion() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private static String encodeToken(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Not a page token of this store", e);
    }
  }
}
