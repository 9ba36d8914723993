package dev.faas4j.local.store;

import dev.faas4j.local.store.DurableQueue.Delivery;
import dev.faas4j.port.OutgoingMessage;
import dev.faas4j.port.PutOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The process the crash tests kill with SIGKILL. It works in an endless loop and reports each operation on stdout
 * only after the call returned, so every reported operation is one the store had accepted. Stdout here is the
 * protocol to the parent test, not logging.
 */
final class CrashChild {
  static final String QUEUE = "crash.test.queue";
  static final Duration LEASE = Duration.ofMinutes(5);
  static final int OBJECT_BYTES = 1024 * 1024;

  private CrashChild() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path dataDir = Path.of(args[1]);
    LocalDatabase db = LocalDatabase.open(dataDir);
    if (args[0].equals("queue")) {
      sendAndLeaseForever(db, out);
    } else {
      writeObjectsForever(db, dataDir.resolve("objects"), out);
    }
  }

  private static void sendAndLeaseForever(LocalDatabase db, PrintStream out) {
    SqliteDurableQueue queue = new SqliteDurableQueue(db, QUEUE, Clock.systemUTC());
    for (int i = 0; ; i++) {
      String id = queue.send(OutgoingMessage.text("message-" + i));
      out.println("sent " + id);
      if (i % 4 == 3) {
        for (Delivery d : queue.receive(1, LEASE)) {
          out.println("leased " + d.id());
          if (i % 8 == 7) {
            out.println("acking " + d.id());
            queue.ack(d);
            out.println("acked " + d.id());
          }
        }
      }
    }
  }

  private static void writeObjectsForever(LocalDatabase db, Path root, PrintStream out) {
    FileSystemObjectStorage storage = new FileSystemObjectStorage(db, root, "bucket", Clock.systemUTC());
    for (long i = 0; ; i++) {
      String key = "big/" + (i % 4);
      storage.put(key, content(i), PutOptions.contentType("application/octet-stream").metadata("seq", "" + i));
      out.println("wrote " + key + " " + i);
    }
  }

  /** One MB that names its sequence number in its first and last eight bytes, so a reader can check it is whole. */
  static byte[] content(long seq) {
    byte[] content = new byte[OBJECT_BYTES];
    java.util.Arrays.fill(content, (byte) (seq * 31 + 7));
    ByteBuffer.wrap(content).putLong(seq).putLong(OBJECT_BYTES - Long.BYTES, seq);
    return content;
  }

  static long seqOf(byte[] content) {
    return ByteBuffer.wrap(content).getLong();
  }
}
