package dev.faas4j.bench.jmh;

import dev.faas4j.InvocationContext;
import dev.faas4j.QueueFunction;
import dev.faas4j.bench.Seen;
import dev.faas4j.bench.app.BenchApp;
import dev.faas4j.bench.support.BenchContext;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.idempotency.Idempotency;
import dev.faas4j.local.store.LocalDatabase;
import dev.faas4j.local.store.SqliteKeyValueStore;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.memory.InMemoryKeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The idempotency decorator's cost per invocation of a queue function (parse the order), over the in-memory store
 * and the embedded SQLite store, against the undecorated function. {@code first}: every message id is new (claim,
 * run, store the outcome: the normal path). {@code duplicate}: the same id again (read the record, compare the
 * fingerprint, skip). Each iteration starts from an empty store; log lines are formatted and discarded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IdempotencyBenchmark {
  @Param({"memory", "sqlite"})
  public String store = "memory";

  private static final byte[] BODY = "{\"orderId\":\"order-1\",\"amount\":101}".getBytes(StandardCharsets.UTF_8);
  private static final Instant SENT = Instant.parse("2025-03-10T13:40:52Z");
  private final QueueFunction plain = (message, context) -> Seen.order(message.json(BenchApp.Order.class).amount());
  private final InvocationContext context = BenchContext.create("orders");
  private @Nullable Path dir;
  private @Nullable LocalDatabase db;
  private QueueFunction decorated = plain;
  private long next;
  private final QueueMessage duplicate = message("dup-1");

  @Setup(Level.Iteration)
  public void freshStore() throws Exception {
    KeyValueStore kv;
    if (store.equals("sqlite")) {
      dir = Files.createTempDirectory("faas4j-idem");
      db = LocalDatabase.open(dir);
      kv = new SqliteKeyValueStore(db, "idempotency", Clock.systemUTC());
    } else {
      kv = new InMemoryKeyValueStore("idempotency");
    }
    decorated = Idempotency.builder(kv).build().queue(plain);
    decorated.handle(duplicate, context);
  }

  @TearDown(Level.Iteration)
  public void dropStore() throws IOException {
    if (db != null) {
      db.close();
      db = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      dir = null;
    }
  }

  private static QueueMessage message(String id) {
    return QueueMessage.builder().id(id).queue("orders").body(BODY).time(SENT).attributes(Map.of()).build();
  }

  /** The function alone (with the same per-message construction as the decorated runs). */
  @Benchmark
  public long undecorated() throws Exception {
    plain.handle(message("m-" + next++), context);
    return Seen.amounts();
  }

  @Benchmark
  public long first() throws Exception {
    decorated.handle(message("m-" + next++), context);
    return Seen.amounts();
  }

  @Benchmark
  public long duplicate() throws Exception {
    decorated.handle(duplicate, context);
    return Seen.amounts();
  }
}
