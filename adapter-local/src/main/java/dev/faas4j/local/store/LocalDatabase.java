package dev.faas4j.local.store;

import dev.faas4j.port.PortException;
import dev.faas4j.port.PortException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The embedded database behind the local durable ports: one SQLite file, {@code <dataDir>/faas4j.db}.
 *
 * <p>Why SQLite (through {@code org.xerial:sqlite-jdbc}): one file per data directory and no server to run; WAL
 * journaling with {@code synchronous=FULL}, so a committed write survives kill -9 and power loss; a mature,
 * exhaustively tested, public-domain engine whose file format has been stable since 2004. H2 was the alternative:
 * pure Java (no native library), but its on-disk format changes between major versions, which would strand a
 * developer's local data on an upgrade.
 *
 * <p>SQLite allows one writer at a time, so this class keeps a single connection behind a lock: calls from this
 * JVM are serialised, and writes run in {@code BEGIN IMMEDIATE} transactions, which also serialises them with another
 * process that opens the same file (that one waits up to the busy timeout, then fails as retryable UNAVAILABLE).
 * Open one instance per data directory and share it between the stores; close it when the runtime stops.
 */
public final class LocalDatabase implements AutoCloseable {
  /** The database's file name inside the data directory. */
  public static final String FILE_NAME = "faas4j.db";
  static final int SCHEMA_VERSION = 1;
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;

  private static final String[] SCHEMA = {
      """
      CREATE TABLE IF NOT EXISTS sequence (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID""",
      """
      CREATE TABLE IF NOT EXISTS kv_entry (
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        value BLOB NOT NULL,
        version INTEGER NOT NULL,
        expires_at INTEGER,
        PRIMARY KEY (tbl, key)
      ) WITHOUT ROWID""",
      "CREATE INDEX IF NOT EXISTS kv_entry_expiry ON kv_entry (tbl, expires_at) WHERE expires_at IS NOT NULL",
      """
      CREATE TABLE IF NOT EXISTS queue_message (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        queue TEXT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        body BLOB NOT NULL,
        attributes TEXT NOT NULL,
        group_key TEXT,
        sent_at INTEGER NOT NULL,
        visible_at INTEGER NOT NULL,
        delivery_count INTEGER NOT NULL DEFAULT 0,
        lease_token TEXT
      )""",
      "CREATE INDEX IF NOT EXISTS queue_message_visible ON queue_message (queue, visible_at)",
      "CREATE INDEX IF NOT EXISTS queue_message_group ON queue_message (queue, group_key, seq)"
          + " WHERE group_key IS NOT NULL",
      """
      CREATE TABLE IF NOT EXISTS queue_dead_letter (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        queue TEXT NOT NULL,
        id TEXT NOT NULL,
        body BLOB NOT NULL,
        attributes TEXT NOT NULL,
        group_key TEXT,
        sent_at INTEGER NOT NULL,
        delivery_count INTEGER NOT NULL,
        reason TEXT NOT NULL,
        dead_lettered_at INTEGER NOT NULL
      )""",
      "CREATE INDEX IF NOT EXISTS queue_dead_letter_queue ON queue_dead_letter (queue, seq)",
      """
      CREATE TABLE IF NOT EXISTS object_meta (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        etag TEXT NOT NULL,
        size INTEGER NOT NULL,
        content_type TEXT,
        metadata TEXT NOT NULL,
        last_modified INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        file_id TEXT NOT NULL,
        PRIMARY KEY (bucket, key)
      ) WITHOUT ROWID""",
      // Object changes that may have happened but whose listener (the trigger) has not finished: one row per
      // write or delete, committed before the file is touched, deleted once the listener returns, replayed on start.
      """
      CREATE TABLE IF NOT EXISTS object_outbox (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        token TEXT NOT NULL,
        deleting INTEGER NOT NULL,
        PRIMARY KEY (bucket, key, token)
      ) WITHOUT ROWID""",
  };

  /** Work done with the connection, inside the lock. */
  @FunctionalInterface
  interface Work<T extends @Nullable Object> {
    T run(Connection connection) throws SQLException;
  }

  /** Creates the calling port's exception, so each port throws its own family. */
  @FunctionalInterface
  interface Failure {
    PortException create(Reason reason, String message, @Nullable Throwable cause);
  }

  private final Path file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private boolean closed;

  private LocalDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the database in {@code dataDir}, creating the directory too.
   *
   * @throws IllegalStateException if the file cannot be opened, is not a faas4j database, or is from a newer
   *     version of faas4j
   */
  public static LocalDatabase open(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
    Connection connection = null;
    try {
      Files.createDirectories(dataDir);
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
            throw new IllegalStateException("The file system of " + file + " does not support WAL journaling");
          }
        }
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA foreign_keys = ON");
      }
      LocalDatabase db = new LocalDatabase(file, connection);
      db.write(SchemaException::new, db::createSchema);
      return db;
    } catch (SQLException | IOException | RuntimeException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IllegalStateException("Cannot open the local database " + file, e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Closes the connection; later calls on the stores fail. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close the local database " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /** The key-value tables that hold at least one entry, by name. */
  public java.util.List<String> keyValueTables() {
    return read(dev.faas4j.port.KeyValueStoreException::new, c -> {
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT tbl FROM kv_entry ORDER BY tbl");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      return java.util.List.copyOf(tables);
    });
  }

  /** Runs read-only work: statements in auto-commit mode, serialised with every other call. */
  <T extends @Nullable Object> T read(Failure failure, Work<T> work) {
    lock.lock();
    try {
      checkOpen(failure);
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(failure, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs work in one {@code BEGIN IMMEDIATE} transaction: committed (and durable) when it returns, rolled back when
   * it throws.
   */
  <T extends @Nullable Object> T write(Failure failure, Work<T> work) {
    lock.lock();
    try {
      checkOpen(failure);
      try (Statement s = connection.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        throw translate(failure, e);
      }
      try {
        T result = work.run(connection);
        try (Statement s = connection.createStatement()) {
          s.execute("COMMIT");
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        throw e instanceof SQLException sql ? translate(failure, sql) : (RuntimeException) e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next value of a named sequence that never repeats, even across restarts; call inside {@link #write}. */
  static long nextSequence(Connection c, String name) throws SQLException {
    try (PreparedStatement up = c.prepareStatement(
        "INSERT INTO sequence (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1")) {
      up.setString(1, name);
      up.executeUpdate();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT value FROM sequence WHERE name = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** An instant as nanoseconds since the epoch, saturating beyond the year 2262. */
  static long toNanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** SQLITE_BUSY and SQLITE_LOCKED (another writer holds the file) are retryable; anything else is not. */
  static PortException translate(Failure failure, SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    Reason reason = primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? Reason.UNAVAILABLE : Reason.UNKNOWN;
    return failure.create(reason, "Local database call failed (" + reason + ", SQLite code " + e.getErrorCode()
        + ")", e);
  }

  private @Nullable Void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int version;
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > SCHEMA_VERSION) {
        throw new IllegalStateException(file + " has schema version " + version + "; this faas4j reads up to "
            + SCHEMA_VERSION);
      }
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
      s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
    }
    return null;
  }

  private void checkOpen(Failure failure) {
    if (closed) {
      throw failure.create(Reason.UNKNOWN, "The local database " + file + " is closed", null);
    }
  }

  private void rollback(Exception cause) {
    try (Statement s = connection.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Only for failures while opening; {@link #open} wraps it. */
  private static final class SchemaException extends PortException {
    private static final long serialVersionUID = 1L;

    SchemaException(Reason reason, String message, @Nullable Throwable cause) {
      super(reason, message, cause);
    }
  }
}
