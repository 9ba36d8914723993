package dev.faas4j.local.store;

import static dev.faas4j.local.store.LocalDatabase.fromNanos;
import static dev.faas4j.local.store.LocalDatabase.toNanos;

import dev.faas4j.port.KeyValueEntry;
import dev.faas4j.port.KeyValuePage;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.KeyValueStoreException;
import dev.faas4j.port.Keys;
import dev.faas4j.port.PortException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyValueStore} table in the {@link LocalDatabase}.
 *
 * <p>Versions come from one database sequence, so a version is never reused for a key, even after a delete, an
 * expiry or a restart. A time-to-live is stored as an expiry instant and checked on every read and condition with
 * the injected clock, so an expired entry is absent everywhere at once; expired rows are purged lazily (overwritten
 * on the next write of their key, and swept every few hundred writes). Keys are ordered by their UTF-8 bytes (as
 * DynamoDB orders them), which is code point order.
 */
public final class SqliteKeyValueStore implements KeyValueStore {
  private static final LocalDatabase.Failure FAILURE = KeyValueStoreException::new;
  private static final int PURGE_EVERY_WRITES = 256;
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final LocalDatabase db;
  private final String table;
  private final Clock clock;
  private final AtomicInteger writesSincePurge = new AtomicInteger();

  public SqliteKeyValueStore(LocalDatabase db, String table, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.table = Objects.requireNonNull(table, "table");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (table.isEmpty()) {
      throw new IllegalArgumentException("table must not be empty");
    }
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public Optional<KeyValueEntry> get(String key) {
    Keys.kvKey(key);
    long now = toNanos(clock.instant());
    return db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT key, value, version, expires_at FROM kv_entry WHERE tbl = ? AND key = ? AND " + LIVE)) {
        q.setString(1, table);
        q.setString(2, key);
        q.setLong(3, now);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public long put(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvKey(key);
    Keys.kvValue(value);
    Instant now = clock.instant();
    @Nullable Long expiresAt = expiry(now, ttl);
    return db.write(FAILURE, c -> upsert(c, key, value, expiresAt, toNanos(now)));
  }

  @Override
  public OptionalLong putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    Keys.kvKey(key);
    Keys.kvValue(value);
    Instant now = clock.instant();
    @Nullable Long expiresAt = expiry(now, ttl);
    return db.write(FAILURE, c -> liveVersion(c, key, toNanos(now)).isPresent()
        ? OptionalLong.empty() : OptionalLong.of(upsert(c, key, value, expiresAt, toNanos(now))));
  }

  @Override
  public OptionalLong compareAndSet(String key, long expectedVersion, byte[] value, @Nullable Duration ttl) {
    Keys.kvKey(key);
    Keys.kvValue(value);
    Instant now = clock.instant();
    @Nullable Long expiresAt = expiry(now, ttl);
    return db.write(FAILURE, c -> {
      OptionalLong current = liveVersion(c, key, toNanos(now));
      if (current.isEmpty() || current.getAsLong() != expectedVersion) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(upsert(c, key, value, expiresAt, toNanos(now)));
    });
  }

  @Override
  public boolean delete(String key) {
    Keys.kvKey(key);
    long now = toNanos(clock.instant());
    return db.write(FAILURE, c -> {
      boolean live = liveVersion(c, key, now).isPresent();
      try (PreparedStatement d = c.prepareStatement("DELETE FROM kv_entry WHERE tbl = ? AND key = ?")) {
        d.setString(1, table);
        d.setString(2, key);
        d.executeUpdate();
      }
      return live;
    });
  }

  @Override
  public KeyValuePage scan(String prefix, @Nullable String pageToken, int pageSize) {
    Objects.requireNonNull(prefix, "prefix");
    if (pageSize < 1 || pageSize > 1000) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    long now = toNanos(clock.instant());
    List<KeyValueEntry> entries = db.read(FAILURE, c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT key, value, version, expires_at FROM kv_entry"
          + " WHERE tbl = ? AND key >= ? AND key > ? AND substr(key, 1, length(?)) = ? AND " + LIVE
          + " ORDER BY key LIMIT ?")) {
        q.setString(1, table);
        q.setString(2, prefix);
        q.setString(3, pageToken == null ? "" : pageToken);
        q.setString(4, prefix);
        q.setString(5, prefix);
        q.setLong(6, now);
        q.setInt(7, pageSize + 1);
        List<KeyValueEntry> found = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            found.add(entry(rs));
          }
        }
        return found;
      }
    });
    if (entries.size() <= pageSize) {
      return new KeyValuePage(entries, Optional.empty());
    }
    List<KeyValueEntry> page = entries.subList(0, pageSize);
    return new KeyValuePage(page, Optional.of(page.get(pageSize - 1).key()));
  }

  private OptionalLong liveVersion(Connection c, String key, long now) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT version FROM kv_entry WHERE tbl = ? AND key = ? AND " + LIVE)) {
      q.setString(1, table);
      q.setString(2, key);
      q.setLong(3, now);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Writes the entry with a fresh version (replacing a live or expired one) and returns that version. */
  private long upsert(Connection c, String key, byte[] value, @Nullable Long expiresAt, long now)
      throws SQLException {
    long version = LocalDatabase.nextSequence(c, "kv_version");
    try (PreparedStatement u = c.prepareStatement("""
        INSERT INTO kv_entry (tbl, key, value, version, expires_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (tbl, key) DO UPDATE SET
          value = excluded.value, version = excluded.version, expires_at = excluded.expires_at""")) {
      u.setString(1, table);
      u.setString(2, key);
      u.setBytes(3, value);
      u.setLong(4, version);
      if (expiresAt == null) {
        u.setNull(5, Types.INTEGER);
      } else {
        u.setLong(5, expiresAt);
      }
      u.executeUpdate();
    }
    if (writesSincePurge.incrementAndGet() >= PURGE_EVERY_WRITES) {
      writesSincePurge.set(0);
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM kv_entry WHERE tbl = ? AND expires_at IS NOT NULL AND expires_at <= ?")) {
        p.setString(1, table);
        p.setLong(2, now);
        p.executeUpdate();
      }
    }
    return version;
  }

  private static @Nullable Long expiry(Instant now, @Nullable Duration ttl) {
    if (ttl == null) {
      return null;
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new KeyValueStoreException(Reason.INVALID_ARGUMENT, "TTL must be positive; got " + ttl);
    }
    try {
      return toNanos(now.plus(ttl));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private static KeyValueEntry entry(ResultSet rs) throws SQLException {
    long expires = rs.getLong(4);
    Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(fromNanos(expires));
    byte[] value = rs.getBytes(2);
    return new KeyValueEntry(rs.getString(1), value == null ? new byte[0] : value, rs.getLong(3), expiresAt);
  }
}
