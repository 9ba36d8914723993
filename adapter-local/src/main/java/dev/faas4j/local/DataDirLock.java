package dev.faas4j.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One runtime per data directory: two would both fire every object function (each one's watcher and outbox sees
 * every change) and race on the same schedules. An OS file lock on {@code <data-dir>/faas4j.lock}, which the OS
 * releases when the process dies, so a kill -9 never leaves a stale lock behind. The file holds the owner's pid,
 * for the message the second runtime gives.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "faas4j.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir}.
   *
   * @throws IllegalStateException if another runtime (in this process or another) holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another runtime in this JVM
      }
      if (lock == null) {
        String owner = owner(file);
        channel.close();
        throw new IllegalStateException("Another faas4j local runtime" + owner + " is already using the data "
            + "directory " + dataDir + " (it holds " + file + "); stop it, or start this one with another "
            + "--data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("Cannot lock the data directory " + dataDir, e);
    }
  }

  private static String owner(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
      return pid.matches("[0-9]{1,19}") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock with the file anyway
    }
  }
}
