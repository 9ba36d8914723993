package dev.faas4j.local.store;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStorage} bucket as a directory, {@code <root>/<bucket>/}, with keys mapped to nested directories
 * on {@code /}, so developers can look at (and drop files into) their local buckets with ordinary tools.
 *
 * <p><b>Atomicity and durability.</b> A put writes the content to a temporary file in {@code <root>/.faas4j-tmp}
 * (same file system), fsyncs it and renames it over the target with {@code ATOMIC_MOVE}, then fsyncs the directory:
 * a reader, or a restart after kill -9, sees the old content or the new, never a mix. Content type, metadata, etag
 * and generation live in the {@link LocalDatabase}, together with the identity of the file they describe (file key,
 * size and modification time). Where that identity no longer matches, because a crash fell between the rename and
 * the database commit or because someone changed or dropped in the file by hand, the object is still readable: its
 * etag is computed as the MD5 of its content and its content type is guessed from its name, with no metadata. So an
 * etag never disagrees with the content.
 *
 * <p><b>Conditional writes</b> check and rename inside one database write transaction, which serialises them with
 * every other write through any instance on the same database, in this JVM or in another process sharing the data
 * directory. A process that writes the directory without going through this class is not serialised.
 *
 * <p><b>Keys.</b> Every key passes {@link Keys#objectKey}, must resolve to a path under the bucket directory, and
 * must not go through a symbolic link (links are never followed, even ones pointing inside the bucket, so no key can
 * alias another or reach outside). Segments are limited to 255 UTF-8 bytes, and a key cannot be both an object and
 * a folder of other keys ({@code a} and {@code a/b}): the file system cannot hold both, so the second write fails
 * with INVALID_ARGUMENT. On case-insensitive file systems, keys differing only in case are the same object.
 * Listings are in code point order (the UTF-8 byte order S3 and GCS use) and skip links, non-regular files and
 * names that are not valid keys.
 */
public final class FileSystemObjectStorage implements ObjectStorage {
  /** The directory inside the root for files being written; never a bucket, never listed. */
  static final String TEMP_DIR = ".faas4j-tmp";
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
  private static final int MAX_SEGMENT_BYTES = 255;
  private static final LocalDatabase.Failure FAILURE = ObjectStorageException::new;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};
  static final Comparator<String> CODE_POINT_ORDER = FileSystemObjectStorage::compareCodePoints;

  /** A write ({@code written} present) or a delete of an existing object, through this store. */
  public record Change(String bucket, String key, Optional<ObjectInfo> written) {
    public Change {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(written, "written");
    }
  }

  private final LocalDatabase db;
  private final String bucket;
  private final Clock clock;
  private final Path bucketDir;
  private final Path tempDir;
  private volatile Consumer<Change> listener = change -> {};
  private volatile boolean tracked;

  /**
   * Opens the bucket directory {@code <root>/<bucket>}, creating it if needed.
   *
   * @param bucket letters, digits, {@code . _ -}, starting with a letter or digit
   */
  public FileSystemObjectStorage(LocalDatabase db, Path root, String bucket, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("Bucket name '" + bucket
          + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    try {
      Path realRoot = Files.createDirectories(root).toRealPath();
      Path dir = realRoot.resolve(bucket);
      if (Files.isSymbolicLink(dir)) {
        throw new IllegalArgumentException("Bucket directory " + dir + " is a symbolic link");
      }
      this.bucketDir = Files.createDirectories(dir).toRealPath();
      this.tempDir = Files.createDirectories(realRoot.resolve(TEMP_DIR)).toRealPath();
    } catch (IOException e) {
      throw new ObjectStorageException(Reason.UNKNOWN, "Cannot open bucket directory under " + root, e);
    }
    deleteAbandonedTempFiles();
  }

  /**
   * Called after every successful write ({@code written} present) and every delete of an existing object, once it
   * is durable; the local runtime fires storage triggers from it. Exceptions from it reach the writer.
   *
   * <p>With a listener set, a change is first recorded as pending (committed before the file is renamed or
   * deleted, since that happens before the metadata commits), and the record is cleared when the listener returns.
   * A process killed anywhere in between leaves the record, and {@link #redeliverPending()} calls the listener for
   * it on the next start if the change did happen. So a change that reached the disk reaches the listener at least
   * once (twice if the kill falls after the listener and before the clearing).
   */
  public void onChange(Consumer<Change> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.tracked = true;
  }

  /**
   * Calls the listener for every change of this bucket recorded as pending by a process that died before its
   * listener finished, and that did happen: a write whose object now exists (reported as it is now), a delete whose
   * object is now gone. Clears the records.
   *
   * @return how many changes were delivered
   */
  public int redeliverPending() {
    Map<String, List<String[]>> byKey = db.read(FAILURE, c -> {
      Map<String, List<String[]>> rows = new java.util.LinkedHashMap<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT key, token, deleting FROM object_outbox WHERE bucket = ? ORDER BY key")) {
        q.setString(1, bucket);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new String[] {rs.getString(2), rs.getInt(3) == 1 ? "delete" : "put"});
          }
        }
      }
      return rows;
    });
    int delivered = 0;
    for (Map.Entry<String, List<String[]>> e : byKey.entrySet()) {
      String key = e.getKey();
      Optional<ObjectInfo> now;
      try {
        now = head(key);
      } catch (ObjectStorageException ex) {
        now = Optional.empty(); // no longer readable as an object (a folder now, say)
      }
      boolean wrote = e.getValue().stream().anyMatch(r -> r[1].equals("put"));
      boolean deleted = e.getValue().stream().anyMatch(r -> r[1].equals("delete"));
      if (now.isPresent() && wrote || now.isEmpty() && deleted) {
        listener.accept(new Change(bucket, key, now));
        delivered++;
      }
      for (String[] row : e.getValue()) {
        settled(key, row[0]);
      }
    }
    return delivered;
  }

  /** The buckets with pending changes, to redeliver on start. */
  public static List<String> bucketsWithPendingChanges(LocalDatabase db) {
    return db.read(FAILURE, c -> {
      List<String> buckets = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT bucket FROM object_outbox ORDER BY bucket");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          buckets.add(rs.getString(1));
        }
      }
      return buckets;
    });
  }

  /** Records a change about to happen (its own transaction, committed first); null when nobody listens. */
  private @Nullable String pending(String key, boolean deleting) {
    if (!tracked) {
      return null;
    }
    String token = UUID.randomUUID().toString();
    db.write(FAILURE, c -> {
      try (PreparedStatement u = c.prepareStatement(
          "INSERT INTO object_outbox (bucket, key, token, deleting) VALUES (?, ?, ?, ?)")) {
        u.setString(1, bucket);
        u.setString(2, key);
        u.setString(3, token);
        u.setInt(4, deleting ? 1 : 0);
        u.executeUpdate();
      }
      return null;
    });
    return token;
  }

  /** The listener finished, or the change failed: the record is cleared. */
  private void settled(String key, @Nullable String token) {
    if (token == null) {
      return;
    }
    db.write(FAILURE, c -> {
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM object_outbox WHERE bucket = ? AND key = ? AND token = ?")) {
        d.setString(1, bucket);
        d.setString(2, key);
        d.setString(3, token);
        d.executeUpdate();
      }
      return null;
    });
  }

  /** Clears a record after a failure without hiding the failure; a record left behind only fires a duplicate. */
  private void settledQuietly(String key, @Nullable String token, RuntimeException failure) {
    try {
      settled(key, token);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions options) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(options, "options");
    Path target = resolve(key);
    String etag = md5(content);
    String token = pending(key, false);
    Path temp;
    try {
      temp = writeTemp(key, content);
    } catch (RuntimeException e) {
      settledQuietly(key, token, e);
      throw e;
    }
    try {
      ObjectInfo written;
      try {
        written = db.write(FAILURE, c -> {
          checkNoLinks(key, target);
          if (Files.isDirectory(target, NOFOLLOW_LINKS)) {
            throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Key '" + key
                + "' is a folder of other keys; the local file system cannot also hold an object there");
          }
          Optional<ObjectInfo> current = current(c, key, target);
          if (options.isIfAbsent() && current.isPresent()) {
            throw new ObjectStorageException(Reason.CONFLICT,
                "Condition failed for " + bucket + "/" + key + ": the object exists");
          }
          if (options.ifMatchEtag().isPresent()
              && (current.isEmpty() || !current.get().etag().equals(options.ifMatchEtag().get()))) {
            throw new ObjectStorageException(Reason.CONFLICT,
                "Condition failed for " + bucket + "/" + key + ": the etag does not match");
          }
          createParents(key, target);
          io(key, () -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE));
          fsyncDirectory(target.getParent());
          BasicFileAttributes attributes = attributes(key, target);
          if (attributes == null) {
            throw new ObjectStorageException(Reason.UNKNOWN, "Object " + key + " vanished after it was written");
          }
          ObjectInfo info = new ObjectInfo(key, content.length, etag, options.contentType(), options.metadata(),
              clock.instant(), Optional.of(Long.toString(LocalDatabase.nextSequence(c, "object_generation"))));
          saveMeta(c, info, fileId(attributes));
          return info;
        });
      } catch (RuntimeException e) {
        settledQuietly(key, token, e); // the put failed, and says so to its caller
        throw e;
      }
      listener.accept(new Change(bucket, key, Optional.of(written)));
      settled(key, token);
      return written;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Left for the next start's clean-up of abandoned temp files; the put's outcome is already decided.
      }
    }
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Path file = resolve(key);
    return db.read(FAILURE, c -> {
      BasicFileAttributes before = attributes(key, file);
      if (before == null) {
        return Optional.empty();
      }
      if (before.size() > Integer.MAX_VALUE - 16) {
        throw new ObjectStorageException(Reason.TOO_LARGE, "Object " + key + " is too large to read at once");
      }
      byte[] content;
      try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
        content = in.readAllBytes();
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw ioFailure(key, e);
      }
      BasicFileAttributes after = attributes(key, file);
      Optional<ObjectInfo> meta = after != null && fileId(before).equals(fileId(after))
          ? meta(c, key, fileId(after)) : Optional.empty();
      ObjectInfo info = meta.orElseGet(() -> unknownFile(key, file, before, md5(content), content.length));
      return Optional.of(new StoredObject(info, content));
    });
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Path file = resolve(key);
    return db.read(FAILURE, c -> current(c, key, file));
  }

  @Override
  public void delete(String key) {
    Path file = resolve(key);
    String token = pending(key, true);
    boolean existed;
    try {
      existed = db.write(FAILURE, c -> {
        checkNoLinks(key, file);
        boolean deleted = false;
        if (Files.isRegularFile(file, NOFOLLOW_LINKS)) {
          deleted = io(key, () -> Files.deleteIfExists(file));
          fsyncDirectory(file.getParent());
          deleteEmptyFolders(file.getParent());
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM object_meta WHERE bucket = ? AND key = ?")) {
          d.setString(1, bucket);
          d.setString(2, key);
          d.executeUpdate();
        }
        return deleted;
      });
    } catch (RuntimeException e) {
      settledQuietly(key, token, e);
      throw e;
    }
    if (existed) {
      listener.accept(new Change(bucket, key, Optional.empty()));
    }
    settled(key, token);
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    Objects.requireNonNull(prefix, "prefix");
    if (pageSize < 1 || pageSize > 1000) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    Path start = bucketDir;
    int slash = prefix.lastIndexOf('/');
    if (slash >= 0) {
      try {
        start = resolve(prefix.substring(0, slash));
      } catch (ObjectStorageException e) {
        return new ObjectPage(List.of(), Optional.empty()); // no valid key can start with this prefix
      }
      if (!Files.isDirectory(start, NOFOLLOW_LINKS)) {
        return new ObjectPage(List.of(), Optional.empty());
      }
    }
    TreeSet<String> keys = walk(start, prefix, pageToken, pageSize + 1);
    List<String> pageKeys = new ArrayList<>(keys).subList(0, Math.min(pageSize, keys.size()));
    List<ObjectInfo> infos = db.read(FAILURE, c -> {
      List<ObjectInfo> found = new ArrayList<>();
      for (String key : pageKeys) {
        current(c, key, bucketDir.resolve(key)).ifPresent(found::add);
      }
      return found;
    });
    Optional<String> next = keys.size() > pageSize ? Optional.of(pageKeys.get(pageSize - 1)) : Optional.empty();
    return new ObjectPage(infos, next);
  }

  /** The smallest {@code limit} keys under {@code start} that begin with {@code prefix} and follow the token. */
  private TreeSet<String> walk(Path start, String prefix, @Nullable String pageToken, int limit) {
    TreeSet<String> keys = new TreeSet<>(CODE_POINT_ORDER);
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(bucketDir)) {
            return FileVisitResult.CONTINUE;
          }
          String folder = keyOf(dir) + "/";
          return folder.startsWith(prefix) || prefix.startsWith(folder)
              ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE; // links (never followed), devices, sockets
          }
          String key = keyOf(file);
          if (key.startsWith(prefix) && (pageToken == null || compareCodePoints(key, pageToken) > 0)
              && isValidKey(key)) {
            keys.add(key);
            if (keys.size() > limit) {
              keys.pollLast();
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // deleted while listing, or unreadable: not an object
        }
      });
    } catch (IOException e) {
      throw ioFailure(prefix, e);
    }
    return keys;
  }

  /**
   * The path of {@code key}: valid by {@link Keys#objectKey}, strictly under the bucket directory, one path element
   * per key segment, and not through a symbolic link.
   */
  private Path resolve(String key) {
    Keys.objectKey(key);
    String[] segments = key.split("/");
    for (String segment : segments) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new ObjectStorageException(Reason.INVALID_ARGUMENT,
            "The local file system allows at most " + MAX_SEGMENT_BYTES + " UTF-8 bytes per key segment");
      }
    }
    Path path;
    try {
      path = bucketDir.resolve(key).normalize();
    } catch (InvalidPathException e) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Key is not a valid local file name", e);
    }
    if (!path.startsWith(bucketDir) || path.getNameCount() != bucketDir.getNameCount() + segments.length) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Key does not resolve to a path inside the bucket");
    }
    checkNoLinks(key, path);
    return path;
  }

  /** Refuses any symbolic link between the bucket directory and {@code path}, and any that escapes the bucket. */
  private void checkNoLinks(String key, Path path) {
    Path current = bucketDir;
    for (Path name : bucketDir.relativize(path)) {
      current = current.resolve(name);
      if (Files.isSymbolicLink(current)) {
        throw new ObjectStorageException(Reason.ACCESS_DENIED,
            "Key '" + key + "' goes through a symbolic link; the local object storage does not follow links");
      }
      if (!Files.exists(current, NOFOLLOW_LINKS)) {
        return;
      }
    }
  }

  private void createParents(String key, Path target) {
    Path current = bucketDir;
    for (Path name : bucketDir.relativize(target.getParent())) {
      Path next = current.resolve(name);
      if (!Files.isDirectory(next, NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(next);
          fsyncDirectory(current);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(next, NOFOLLOW_LINKS)) {
            throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Key '" + key + "' needs '"
                + keyOf(next) + "' as a folder, but it is an object; the local file system cannot hold both", e);
          }
        } catch (IOException e) {
          throw ioFailure(key, e);
        }
      }
      current = next;
    }
  }

  private void deleteEmptyFolders(Path dir) {
    for (Path d = dir; !d.equals(bucketDir) && d.startsWith(bucketDir); d = d.getParent()) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return; // an empty folder left behind lists nothing; not worth failing a delete for
      }
    }
  }

  /** What the store knows about the file at {@code path}, or a computed description if the metadata is stale. */
  private Optional<ObjectInfo> current(Connection c, String key, Path path) throws SQLException {
    BasicFileAttributes attributes = attributes(key, path);
    if (attributes == null) {
      return Optional.empty();
    }
    Optional<ObjectInfo> meta = meta(c, key, fileId(attributes));
    if (meta.isPresent()) {
      return meta;
    }
    String etag;
    try {
      etag = md5(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw ioFailure(key, e);
    }
    return Optional.of(unknownFile(key, path, attributes, etag, attributes.size()));
  }

  /** The stored description of {@code key}, if it describes the file with this identity. */
  private Optional<ObjectInfo> meta(Connection c, String key, String fileId) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("""
        SELECT etag, size, content_type, metadata, last_modified, generation FROM object_meta
        WHERE bucket = ? AND key = ? AND file_id = ?""")) {
      q.setString(1, bucket);
      q.setString(2, key);
      q.setString(3, fileId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new ObjectInfo(key, rs.getLong(2), rs.getString(1), Optional.ofNullable(rs.getString(3)),
            metadata(rs.getString(4)), LocalDatabase.fromNanos(rs.getLong(5)),
            Optional.of(Long.toString(rs.getLong(6)))));
      }
    }
  }

  private void saveMeta(Connection c, ObjectInfo info, String fileId) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("""
        INSERT INTO object_meta
          (bucket, key, etag, size, content_type, metadata, last_modified, generation, file_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (bucket, key) DO UPDATE SET
          etag = excluded.etag, size = excluded.size, content_type = excluded.content_type,
          metadata = excluded.metadata, last_modified = excluded.last_modified, generation = excluded.generation,
          file_id = excluded.file_id""")) {
      u.setString(1, bucket);
      u.setString(2, info.key());
      u.setString(3, info.etag());
      u.setLong(4, info.size());
      if (info.contentType().isPresent()) {
        u.setString(5, info.contentType().get());
      } else {
        u.setNull(5, Types.VARCHAR);
      }
      u.setString(6, json(info.metadata()));
      u.setLong(7, LocalDatabase.toNanos(info.lastModified()));
      u.setLong(8, Long.parseLong(info.version().orElseThrow()));
      u.setString(9, fileId);
      u.executeUpdate();
    }
  }

  /** A file the store has no current metadata for: dropped in by hand, or written just before a crash. */
  private static ObjectInfo unknownFile(String key, Path path, BasicFileAttributes attributes, String etag,
      long size) {
    return new ObjectInfo(key, size, etag, guessContentType(path), Map.of(),
        attributes.lastModifiedTime().toInstant(), Optional.empty());
  }

  private static Optional<String> guessContentType(Path path) {
    try {
      String probed = Files.probeContentType(path);
      if (probed != null) {
        return Optional.of(probed);
      }
    } catch (IOException e) {
      // fall back to the JDK's table of file name extensions
    }
    return Optional.ofNullable(URLConnection.guessContentTypeFromName(path.getFileName().toString()));
  }

  /** The attributes of the regular file at {@code path}; null if there is none (missing, a folder, a link). */
  private static @Nullable BasicFileAttributes attributes(String key, Path path) {
    if (!Files.isDirectory(path.getParent(), NOFOLLOW_LINKS)) {
      return null; // a parent is missing or is itself an object ("a" when asked for "a/b")
    }
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS);
      return a.isRegularFile() ? a : null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw ioFailure(key, e);
    }
  }

  /** Which file, of which size, last written when: changes whenever the content is replaced or edited. */
  private static String fileId(BasicFileAttributes a) {
    return a.fileKey() + "|" + a.size() + "|" + LocalDatabase.toNanos(a.lastModifiedTime().toInstant());
  }

  private Path writeTemp(String key, byte[] content) {
    Path temp = tempDir.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      return temp;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw ioFailure(key, e);
    }
  }

  /** Deletes temp files of processes that no longer run (they died mid-write); live writers keep theirs. */
  private void deleteAbandonedTempFiles() {
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(tempDir, "*.tmp")) {
      for (Path temp : temps) {
        String name = temp.getFileName().toString();
        int dash = name.indexOf('-');
        try {
          long pid = Long.parseLong(name.substring(0, Math.max(dash, 0)));
          if (pid != self && ProcessHandle.of(pid).isEmpty()) {
            Files.deleteIfExists(temp);
          }
        } catch (NumberFormatException | IOException e) {
          // not ours, or already gone
        }
      }
    } catch (IOException e) {
      // clean-up is best effort; temp files are never visible as objects
    }
  }

  /** Makes a rename or a new directory entry durable; platforms that cannot fsync a directory skip it. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory for fsync; its rename is durable by itself there.
    }
  }

  private String keyOf(Path path) {
    StringBuilder key = new StringBuilder();
    for (Path name : bucketDir.relativize(path)) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(name);
    }
    return key.toString();
  }

  private static boolean isValidKey(String key) {
    try {
      Keys.objectKey(key);
      return true;
    } catch (ObjectStorageException e) {
      return false;
    }
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static String md5(byte[] content) {
    return HexFormat.of().formatHex(md5().digest(content));
  }

  private static String md5(Path file) throws IOException {
    MessageDigest digest = md5();
    try (InputStream in = Files.newInputStream(file, NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }

  private static String json(Map<String, String> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new ObjectStorageException(Reason.UNKNOWN, "Cannot encode object metadata", e);
    }
  }

  private static Map<String, String> metadata(String json) {
    try {
      return Map.copyOf(JSON.readValue(json, METADATA));
    } catch (JsonProcessingException e) {
      throw new ObjectStorageException(Reason.UNKNOWN, "Stored object metadata is corrupt", e);
    }
  }

  /** File work that may fail with an I/O error. */
  @FunctionalInterface
  private interface IoWork<T> {
    T run() throws IOException;
  }

  private static <T> T io(String key, IoWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw ioFailure(key, e);
    }
  }

  private static ObjectStorageException ioFailure(String key, IOException e) {
    Reason reason = e instanceof AccessDeniedException ? Reason.ACCESS_DENIED : Reason.UNKNOWN;
    return new ObjectStorageException(reason, "Local object storage I/O failed for '" + key + "'", e);
  }
}
