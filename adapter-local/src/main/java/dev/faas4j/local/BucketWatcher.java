package dev.faas4j.local;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.faas4j.local.internal.LocalEngine;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.PortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fires object functions for files put into {@code <data>/buckets/<bucket>/} by hand (or by any other program).
 *
 * <p>Every bucket directory, and each subdirectory as it appears, is registered with a {@link WatchService}. A
 * change is not fired when seen: the path waits until its size and modification time have stayed the same for the
 * settle time, so a file being copied fires once, complete. Names starting with {@code .} (the store's temporary
 * and metadata files, editors' swap files) are ignored. Writes made through the port reach the engine first through
 * the store's listener; {@link LocalEngine#fileObserved} drops the watcher's sighting when the etag is the same, so
 * they fire once. Files changed while the runtime was stopped are not fired.
 */
final class BucketWatcher implements AutoCloseable {

  /** Reads what the bucket's store knows about a file: its etag must be the one the store's listener reports. */
  @FunctionalInterface
  interface Inspector {
    Optional<ObjectInfo> inspect(String bucket, String key, Path file);
  }

  private record Pending(long size, long modified, long changedAtNanos) {}

  private final Path root;
  private final List<String> buckets;
  private final Inspector inspector;
  private final LocalEngine engine;
  private final FunctionLogger log;
  private final long settleNanos;
  private final WatchService watcher;
  private final Map<WatchKey, Path> dirs = new HashMap<>();
  private final Map<Path, Pending> pending = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopped;

  BucketWatcher(Path root, List<String> buckets, Inspector inspector, LocalEngine engine, FunctionLogger log,
      Duration settle) {
    this.root = root;
    this.buckets = List.copyOf(buckets);
    this.inspector = inspector;
    this.engine = engine;
    this.log = log;
    this.settleNanos = settle.toNanos();
    try {
      this.watcher = root.getFileSystem().newWatchService();
      for (String bucket : buckets) {
        Path dir = root.resolve(bucket);
        Files.createDirectories(dir);
        registerTree(dir, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot watch the bucket directories under " + root, e);
    }
    this.thread = new Thread(this::loop, "faas4j-bucket-watcher");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() {
    stopped = true;
    try {
      watcher.close();
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (IOException e) {
      log.debug("Closing the watch service failed", "error", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        WatchKey key = watcher.poll(50, TimeUnit.MILLISECONDS);
        if (key != null) {
          handle(key);
        }
        settle();
      } catch (ClosedWatchServiceException | InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Bucket watcher failed to handle a change; it keeps watching", e);
      }
    }
  }

  private void handle(WatchKey key) {
    Path dir = dirs.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        buckets.forEach(b -> rescan(root.resolve(b)));
        continue;
      }
      if (dir == null || !(event.context() instanceof Path name) || ignored(name)) {
        continue;
      }
      Path path = dir.resolve(name);
      if (event.kind() == ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        registerTree(path, true); // files copied in before the registration are picked up by the scan
      } else {
        touch(path);
      }
    }
    if (!key.reset()) {
      dirs.remove(key);
    }
  }

  private void registerTree(Path top, boolean markFiles) {
    try (Stream<Path> walk = Files.walk(top)) {
      walk.forEach(p -> {
        if (!root.relativize(p).toString().isEmpty() && hasIgnoredSegment(p)) {
          return;
        }
        try {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            dirs.put(p.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), p);
          } else if (markFiles) {
            touch(p);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not watch a bucket directory", "directory", top.toString(), "error", e.getMessage());
    }
  }

  private void rescan(Path bucketDir) {
    registerTree(bucketDir, true);
  }

  private void touch(Path path) {
    long[] stat = stat(path);
    pending.put(path, new Pending(stat[0], stat[1], System.nanoTime()));
  }

  /** Fires the paths whose size and time have not changed for the settle time. */
  private void settle() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, Pending> e = it.next();
      long[] stat = stat(e.getKey());
      Pending p = e.getValue();
      if (stat[0] != p.size || stat[1] != p.modified) {
        e.setValue(new Pending(stat[0], stat[1], now));
      } else if (now - p.changedAtNanos >= settleNanos) {
        it.remove();
        fire(e.getKey(), stat[0] >= 0);
      }
    }
  }

  private void fire(Path path, boolean exists) {
    Path relative = root.relativize(path);
    if (relative.getNameCount() < 2 || hasIgnoredSegment(path) || exists && !Files.isRegularFile(path)) {
      return;
    }
    String bucket = relative.getName(0).toString();
    StringBuilder key = new StringBuilder();
    for (int i = 1; i < relative.getNameCount(); i++) {
      key.append(i > 1 ? "/" : "").append(relative.getName(i));
    }
    try {
      Keys.objectKey(key.toString());
    } catch (PortException e) {
      log.warn("Ignoring a file whose name is not a portable object key", "bucket", bucket, "file",
          relative.toString());
      return;
    }
    Optional<ObjectInfo> info = exists ? inspector.inspect(bucket, key.toString(), path) : Optional.empty();
    if (engine.fileObserved(bucket, key.toString(), info)) {
      log.debug("File change fired object functions", "bucket", bucket, "key", key.toString());
    }
  }

  private boolean hasIgnoredSegment(Path path) {
    Path relative = root.relativize(path);
    for (int i = 1; i < relative.getNameCount(); i++) {
      if (ignored(relative.getName(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean ignored(Path name) {
    String n = name.toString();
    return n.startsWith(".") || n.endsWith("~");
  }

  /** Size and modification time in millis; {-1, -1} once the file is gone. */
  private static long[] stat(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return new long[] {a.size(), a.lastModifiedTime().toMillis()};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }
}
