package dev.faas4j.bench.throughput;

import static dev.faas4j.bench.Stats.f;
import static dev.faas4j.trigger.Triggers.queue;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.bench.Flags;
import dev.faas4j.bench.app.BenchApp;
import dev.faas4j.local.LocalRuntime;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The local queue end to end: messages sent through the {@code MessageQueue} port (the durable SQLite queue,
 * {@code synchronous=FULL}) are leased, run through the dispatcher by the local runtime's poller and acknowledged.
 * Reports sends/s and end-to-end messages/s (first send to last message processed), one message per send and in
 * batches of 10. {@code --dir} puts the data directory elsewhere (tmpfs shows what the fsyncs cost). Bounded: gives up after {@code --timeout} seconds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.faas4j.bench.throughput.QueueThroughput [--messages 2000] [--timeout 120]
 *     [--dir /dev/shm]
 * </pre>
 */
public final class QueueThroughput {
  private static final AtomicReference<MessageQueue> QUEUE = new AtomicReference<>();
  private static final AtomicReference<CountDownLatch> REMAINING = new AtomicReference<>(new CountDownLatch(0));
  private static final AtomicLong LAST_DONE = new AtomicLong();

  /** One queue function that parses each order; the app hands the harness its queue port. */
  public static final class QueueApp implements FunctionApp {
    @Override
    public void configure(Functions functions, Platform platform) {
      QUEUE.set(platform.messageQueue("orders"));
      functions.onQueueMessage("orders", queue("orders").batchSize(10), (message, context) -> {
        message.json(BenchApp.Order.class);
        LAST_DONE.set(System.nanoTime());
        REMAINING.get().countDown();
      });
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = Flags.parse(args);
    int n = Integer.parseInt(flags.getOrDefault("messages", "2000"));
    int timeout = Integer.parseInt(flags.getOrDefault("timeout", "120"));
    Path dir = flags.containsKey("dir") ? Files.createTempDirectory(Path.of(flags.get("dir")), "faas4j-queue")
        : Files.createTempDirectory("faas4j-queue");
    System.out.println(f("local queue end to end: %d messages per run, data dir %s (%s)", n, dir,
        Files.getFileStore(dir).type()));
    LocalRuntime runtime = LocalRuntime.builder(new QueueApp()).host("127.0.0.1").port(0).dataDir(dir)
        .logFormat(LogFormat.json()).logSink((level, line) -> { }).start();
    try {
      MessageQueue q = QUEUE.get();
      byte[] body = "{\"orderId\":\"order-1\",\"amount\":101}".getBytes(StandardCharsets.UTF_8);
      run("warm-up, single sends", q, Math.min(n, 200), 1, body, timeout);
      for (int round = 0; round < 2; round++) {
        run("single sends", q, n, 1, body, timeout);
        run("batches of 10", q, n, 10, body, timeout);
      }
    } finally {
      runtime.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(String label, MessageQueue q, int n, int batch, byte[] body, int timeout)
      throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(n);
    REMAINING.set(latch);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i += batch) {
      if (batch == 1) {
        q.send(OutgoingMessage.of(body));
      } else {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int j = 0; j < batch && i + j < n; j++) {
          messages.add(OutgoingMessage.of(body));
        }
        q.sendBatch(messages);
      }
    }
    long sent = System.nanoTime();
    if (!latch.await(timeout, TimeUnit.SECONDS)) {
      throw new IllegalStateException(label + ": " + latch.getCount() + " of " + n + " not processed in " + timeout
          + " s");
    }
    double sendSeconds = (sent - t0) / 1e9;
    double totalSeconds = (LAST_DONE.get() - t0) / 1e9;
    System.out.println(f("%s: %d messages, sent in %.2f s (%.0f sends/s), all processed after %.2f s "
        + "(%.0f messages/s end to end)", label, n, sendSeconds, n / sendSeconds, totalSeconds, n / totalSeconds));
  }
}
