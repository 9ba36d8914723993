package dev.faas4j.local;

import dev.faas4j.FunctionApp;
import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.local.http.LocalHttpServer;
import dev.faas4j.local.internal.LocalEngine;
import dev.faas4j.local.internal.LocalPlatform;
import dev.faas4j.local.store.FileSystemObjectStorage;
import dev.faas4j.local.store.LocalDatabase;
import dev.faas4j.local.store.SqliteDurableQueue;
import dev.faas4j.local.store.SqliteKeyValueStore;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.spi.log.LogSink;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionApps;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.spi.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs an application on a laptop: HTTP functions on a local server, and object, queue, topic and schedule
 * functions fired by the local cloud, with state under one data directory.
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.builder(new ShopApp()).port(0).start()) {
 *   URI base = runtime.baseUri();
 *   ...
 * }
 * }</pre>
 *
 * <p>Threads: the HTTP server's pool; a small scheduler pool shared by one poller per consumed queue (each asleep
 * until its next message is due or one is sent) and the schedule ticker; and one directory watcher, so a file
 * dropped into {@code <data-dir>/buckets/<bucket>/} fires the bucket's object functions.
 *
 * <p>{@link #close()} (also run on SIGTERM when started from {@link #main}) stops accepting requests, stops leasing
 * messages and lets invocations in progress finish for up to the grace period; a message still leased after that
 * is redelivered when its lease runs out.
 */
public final class LocalRuntime implements AutoCloseable {
  private final FunctionLogger log;
  private final LocalHttpServer http;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<String, QueuePoller> pollers;
  private final @Nullable BucketWatcher watcher;
  private final Duration grace;
  private final Path dataDir;
  private final LocalDatabase db;
  private final DataDirLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalRuntime(Builder b) {
    Path data = b.dataDir.toAbsolutePath().normalize();
    this.dataDir = data;
    this.grace = b.shutdownGrace;
    Path bucketsDir = data.resolve("buckets");
    try {
      Files.createDirectories(bucketsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + data, e);
    }
    this.lock = DataDirLock.acquire(data);
    try {
      this.db = LocalDatabase.open(data);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    try {
      LogConfig logConfig = LogConfig.fromEnvironment(System::getenv).withFormat(b.logFormat).withSink(b.logSink)
          .withClock(b.clock);
      Clock clock = b.clock;
      Map<String, String> properties = Map.copyOf(b.config);
      LocalDatabase database = db;
      Map<String, FileSystemObjectStorage> stores = new ConcurrentHashMap<>();
      LocalPlatform platform = new LocalPlatform("local", clock,
          (bucket, listener) -> {
            FileSystemObjectStorage s = new FileSystemObjectStorage(database, bucketsDir, bucket, clock);
            s.onChange(c -> listener.changed(c.bucket(), c.key(), c.written()));
            stores.put(bucket, s);
            return s;
          },
          q -> new SqliteDurableQueue(database, q, clock),
          t -> new SqliteKeyValueStore(database, t, clock),
          key -> {
            String env = System.getenv(key);
            return env != null ? env : properties.get(key);
          });
      FunctionRegistry registry = FunctionRegistry.of(b.app, platform);
      ConsoleService.checkRoutes(registry.definitions());
      Dispatcher dispatcher = new Dispatcher(registry, "local", logConfig);
      this.log = dispatcher.runtimeLogger();
      LocalEngine engine = new LocalEngine(dispatcher, platform::durableQueue,
          platform.keyValueStore(LocalEngine.SCHEDULE_TABLE), clock, b.timeout, b.timeout.plus(b.timeout));
      platform.bind(engine);

      AtomicInteger threadCount = new AtomicInteger();
      List<String> queues = engine.consumedQueues();
      this.scheduler = new ScheduledThreadPoolExecutor(Math.max(2, Math.min(4, queues.size() + 1)), r -> {
        Thread t = new Thread(r, "faas4j-worker-" + threadCount.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      scheduler.setRemoveOnCancelPolicy(true);
      // On shutdown, pending polls and ticks are dropped; only work already running gets the grace period.
      scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      Map<String, QueuePoller> map = new LinkedHashMap<>();
      for (String q : queues) {
        map.put(q, new QueuePoller(q, engine, scheduler, clock, log));
      }
      this.pollers = Map.copyOf(map);
      engine.onEnqueue(q -> {
        QueuePoller p = pollers.get(q);
        if (p != null) {
          p.wake();
        }
      });

      List<String> buckets = engine.watchedBuckets();
      buckets.forEach(platform::objectStorage); // create each watched bucket's store before files arrive
      // Changes committed by a process that died before their trigger was queued: queued now.
      for (String bucket : FileSystemObjectStorage.bucketsWithPendingChanges(db)) {
        platform.objectStorage(bucket);
        int n = stores.get(bucket).redeliverPending();
        log.info("Fired object changes committed before the last stop but never delivered", "bucket", bucket,
            "changes", n);
      }
      this.watcher = buckets.isEmpty() ? null : new BucketWatcher(bucketsDir, buckets,
          (bucket, key, file) -> platform.objectStorage(bucket).head(key), engine, log, b.settleTime);

      ConsoleService console = new ConsoleService(dispatcher, engine, platform, db, bucketsDir,
          key -> platform.config(key).orElse(null), clock);
      this.http = LocalHttpServer.start(dispatcher, b.host, b.port, b.maxBodyBytes, b.timeout, clock,
          new LocalHttpServer.Console() {
            @Override
            public boolean owns(String path) {
              return ConsoleService.owns(path);
            }

            @Override
            public HttpResponse handle(HttpRequest request, Invocation invocation) {
              return console.handle(request, invocation);
            }
          });
      if (watcher != null) {
        watcher.start();
      }
      pollers.values().forEach(QueuePoller::wake);
      scheduler.execute(new ScheduleTicker(engine, clock));
      banner(registry, buckets.stream().map(bucketsDir::resolve).toList());
    } catch (RuntimeException | Error e) {
      // Nothing half-started keeps the data directory: a retry in this JVM (another port, say) can take it.
      db.close();
      lock.close();
      throw e;
    }
  }

  private void banner(FunctionRegistry registry, List<Path> bucketDirs) {
    InetSocketAddress a = http.address();
    log.info("faas4j local runtime listening on http://" + a.getHostString() + ":" + a.getPort(),
        "dataDir", dataDir.toString());
    log.info("Local console: http://" + a.getHostString() + ":" + a.getPort() + ConsoleService.PREFIX
        + "/functions (loopback only), or dev.faas4j.local.LocalConsole on the command line");
    for (FunctionDefinition d : registry.definitions()) {
      log.info("  " + d.describe());
    }
    for (Path dir : bucketDirs) {
      log.info("Watching " + dir + " (files dropped here fire the bucket's object functions)");
    }
  }

  /** Starts configuring a runtime for {@code app}. */
  public static Builder builder(FunctionApp app) {
    return new Builder(app);
  }

  /** The port the HTTP server is bound to (useful with port 0). */
  public int port() {
    return http.address().getPort();
  }

  public InetSocketAddress address() {
    return http.address();
  }

  public java.net.URI baseUri() {
    InetSocketAddress a = http.address();
    return java.net.URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops gracefully: no new requests or leases, then up to the grace period for invocations in progress.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping: finishing invocations in progress", "graceSeconds", grace.toSeconds());
    pollers.values().forEach(QueuePoller::stop);
    if (watcher != null) {
      watcher.close();
    }
    http.stop(grace);
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Invocations still running after the grace period; their messages will be redelivered");
        scheduler.shutdownNow();
        scheduler.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    db.close();
    lock.close();
    log.info("Stopped");
  }

  /** Fires due schedules, then sleeps until the next one (at most 30 s, to follow clock changes). */
  private final class ScheduleTicker implements Runnable {
    private final LocalEngine engine;
    private final Clock clock;

    ScheduleTicker(LocalEngine engine, Clock clock) {
      this.engine = engine;
      this.clock = clock;
    }

    @Override
    public void run() {
      long delay = 1000;
      try {
        Instant now = clock.instant();
        engine.fireDueSchedules(now);
        delay = engine.nextScheduleAt().map(t -> Duration.between(clock.instant(), t).toMillis()).orElse(30_000L);
      } catch (RuntimeException e) {
        log.error("Schedule ticker failed; trying again", e);
      }
      if (!closed.get()) {
        scheduler.schedule(this, Math.max(10, Math.min(30_000, delay)), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The flags of {@link #main}, printed by {@code --help}. */
  static final String USAGE = """
      Usage: java -cp <class path> dev.faas4j.local.LocalRuntime [flags]
      Runs a faas4j application locally until stopped (SIGTERM or Ctrl-C shut it down gracefully).
        --port N              HTTP port (default 8080; 0 picks a free one)
        --host ADDRESS        address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)
        --data-dir PATH       where buckets, queues and tables live (default ./.faas4j)
        --max-body BYTES      largest request body accepted (default 6291456, as Lambda)
        --log-format FORMAT   console (readable) or json (default, one object per line)
        --app CLASS           the FunctionApp class (default FAAS4J_APP, then META-INF/services)
        --help                prints this
      """;

  /**
   * Runs the application named by {@code --app} or found by {@link FunctionApps#load} until stopped (SIGTERM or
   * Ctrl-C shut it down gracefully); the flags are {@link #USAGE}'s. A start-up error (a bad flag, no app, a port
   * in use) is one line on standard error and exit status 2, not a stack trace.
   */
  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(USAGE);
      return;
    }
    try {
      run(args);
    } catch (RuntimeException e) {
      System.err.println("faas4j: " + startupError(e) + " (--help lists the flags)");
      System.exit(2);
    }
  }

  /** The one line a start-up failure prints: the message, and the cause's where it adds one. */
  static String startupError(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof NumberFormatException) {
      message = "not a number: " + message;
    }
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    return message.replace('\n', ' ');
  }

  private static void run(String[] args) {
    Map<String, String> flags = parseFlags(args);
    FunctionApp app = flags.containsKey("app")
        ? FunctionApps.load(LocalRuntime.class.getClassLoader(), k -> k.equals(FunctionApps.APP_SETTING)
            ? flags.get("app") : null)
        : FunctionApps.load(Thread.currentThread().getContextClassLoader(), System::getenv);
    Builder b = builder(app);
    if (flags.containsKey("port")) {
      b.port(Integer.parseInt(flags.get("port")));
    }
    if (flags.containsKey("host")) {
      b.host(flags.get("host"));
    }
    if (flags.containsKey("data-dir")) {
      b.dataDir(Path.of(flags.get("data-dir")));
    }
    if (flags.containsKey("max-body")) {
      b.maxBodyBytes(Long.parseLong(flags.get("max-body")));
    }
    String format = flags.getOrDefault("log-format", "json");
    switch (format) {
      case "json" -> b.logFormat(LogFormat.json());
      case "console" -> b.logFormat(consoleFormat());
      default -> throw new IllegalArgumentException("--log-format must be console or json; got " + format);
    }
    LocalRuntime runtime = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "faas4j-shutdown"));
  }

  static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + a + "'; flags look like --port 8080");
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("Flag --" + name + " needs a value");
      }
      if (!List.of("port", "host", "data-dir", "max-body", "log-format", "app").contains(name)) {
        throw new IllegalArgumentException("Unknown flag --" + name
            + "; known: --port, --host, --data-dir, --max-body, --log-format, --app");
      }
      flags.put(name, value);
    }
    return flags;
  }

  /** The human-readable console log format ({@code HH:mm:ss.SSS LEVEL function [invocationId] message k=v}). */
  public static LogFormat consoleFormat() {
    return new ConsoleLogFormat(ZoneId.systemDefault());
  }

  /** Settings for a {@link LocalRuntime}; every one has a default. */
  public static final class Builder {
    private final FunctionApp app;
    private String host = "127.0.0.1";
    private int port = 8080;
    private Path dataDir = Path.of(".faas4j");
    private long maxBodyBytes = 6L * 1024 * 1024;
    private LogFormat logFormat = LogFormat.json();
    private LogSink logSink = LogSink.stdout();
    private Clock clock = Clock.systemUTC();
    private Duration timeout = Duration.ofSeconds(60);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Duration settleTime = Duration.ofMillis(200);
    private Map<String, String> config = Map.of();

    private Builder(FunctionApp app) {
      this.app = app;
    }

    /** The address to bind; the default, 127.0.0.1, keeps the runtime off the network. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The HTTP port; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535; got " + port);
      }
      this.port = port;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The largest request body; larger ones get a 413 (default 6 MiB, Lambda's limit). */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative; got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** {@link LogFormat#json()} (default) or {@link LocalRuntime#consoleFormat()}. */
    public Builder logFormat(LogFormat format) {
      this.logFormat = format;
      return this;
    }

    /** Where log lines and the start-up banner go (default standard output). */
    public Builder logSink(LogSink sink) {
      this.logSink = sink;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Each invocation's deadline (default 60 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive; got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How long {@link LocalRuntime#close()} waits for invocations in progress (default 10 s). */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative; got " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Configuration values the app reads after the environment's (its {@code Platform.config}). */
    public Builder config(Map<String, String> config) {
      this.config = Map.copyOf(config);
      return this;
    }

    /** Binds, starts every thread and prints the functions; {@link LocalRuntime#close()} stops it all. */
    public LocalRuntime start() {
      return new LocalRuntime(this);
    }
  }
}
