package dev.faas4j.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.faas4j.BatchResult;
import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.event.HttpResponse;
import dev.faas4j.port.KeyValueStore;
import dev.faas4j.port.MessagePublisher;
import dev.faas4j.port.MessageQueue;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.spi.FunctionDefinition;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.FunctionRegistry;
import dev.faas4j.retry.Jitter;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * SnapStart / CRaC priming. Before the snapshot, one sample event per registered function kind runs through the
 * adapter's mapping and the dispatcher, on a twin of the app whose functions (same names and triggers) do nothing:
 * the classes of those paths are loaded and initialised in the snapshot, user code never runs, and no port is built
 * (ports are lazy, so no connection or secret is kept). After the restore, faas4j's own random source is re-seeded;
 * its clocks read the system clock on every call and it caches no credentials (SDK clients are built on first use).
 * The {@code org.crac} resource is registered only when that library is on the class path ({@link CracResource}).
 */
final class Priming {
  /** org.crac holds its resources weakly: the registered one is kept here. */
  private static volatile @Nullable Object registered;

  private final FunctionRegistry registry;
  private final @Nullable String functionName;
  private final Function<String, String> config;
  private volatile @Nullable Primed last;

  Priming(FunctionHost host, Function<String, String> config) {
    this.registry = host.dispatcher().registry();
    this.functionName = host.functionName().orElse(null);
    this.config = config;
  }

  /** Registers the priming resource; called once {@code org.crac} is known to be there ({@link LambdaHandler}). */
  static boolean register(FunctionHost host, Function<String, String> config) {
    try {
      registered = CracResource.register(new Priming(host, config));
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false; // an org.crac that does not work here: the function starts unprimed rather than not at all
    }
  }

  /** What {@code beforeCheckpoint} did: the events run, and the twin functions they reached. */
  record Primed(int events, int reached) {}

  /** Runs the sample events (see the class comment); failures are left to the dispatcher's own handling. */
  Primed beforeCheckpoint() {
    AtomicInteger reached = new AtomicInteger();
    LambdaEngine twin = new LambdaEngine(FunctionHost.start(twin(registry, reached), new NoPorts(),
        LambdaLogFormat.create(), (level, line) -> { }, config), config, Clock.systemUTC());
    int events = 0;
    Set<FunctionDefinition.Kind> seen = EnumSet.noneOf(FunctionDefinition.Kind.class);
    for (FunctionDefinition fn : registry.definitions()) {
      boolean served = functionName == null ? seen.add(fn.kind()) : fn.name().equals(functionName);
      byte[] event = served ? SampleEvents.of(fn).orElse(null) : null;
      if (event == null) {
        continue;
      }
      try {
        twin.handle(new ByteArrayInputStream(event), CONTEXT);
      } catch (RuntimeException e) {
        // a signal for Lambda (the twin's functions do not fail): nothing to prime beyond what already ran
      }
      events++;
    }
    Primed primed = new Primed(events, reached.get());
    last = primed;
    return primed;
  }

  /** What the last {@link #beforeCheckpoint()} did, if it ran. */
  @Nullable Primed last() {
    return last;
  }

  void afterRestore() {
    Jitter.reseed();
  }

  /** The app's registrations, each function replaced by one that only counts its invocations. */
  private static FunctionApp twin(FunctionRegistry registry, AtomicInteger reached) {
    List<FunctionDefinition> definitions = registry.definitions();
    return new FunctionApp() {
      @Override
      public void configure(Functions f, Platform platform) {
        for (FunctionDefinition d : definitions) {
          if (d instanceof FunctionDefinition.Http h) {
            f.http(h.name(), h.trigger(), (r, c) -> {
              reached.incrementAndGet();
              return HttpResponse.status(204).empty();
            });
          } else if (d instanceof FunctionDefinition.Storage s) {
            f.onObject(s.name(), s.trigger(), (e, c) -> reached.incrementAndGet());
          } else if (d instanceof FunctionDefinition.Queue q) {
            f.onQueueMessage(q.name(), q.trigger(), (m, c) -> reached.incrementAndGet());
          } else if (d instanceof FunctionDefinition.QueueBatch q) {
            f.onQueueBatch(q.name(), q.trigger(), (m, c) -> {
              reached.incrementAndGet();
              return BatchResult.success();
            });
          } else if (d instanceof FunctionDefinition.Topic t) {
            f.onTopicMessage(t.name(), t.trigger(), (m, c) -> reached.incrementAndGet());
          } else if (d instanceof FunctionDefinition.Schedule s) {
            f.onSchedule(s.name(), s.trigger(), (e, c) -> reached.incrementAndGet());
          } else if (d instanceof FunctionDefinition.CloudEvents e) {
            f.onCloudEvent(e.name(), e.trigger(), (ev, c) -> reached.incrementAndGet());
          }
        }
      }
    };
  }

  /** The invocation context of a priming event: a fixed request id, 30 s to run. */
  private static final Context CONTEXT = new Context() {
    @Override public String getAwsRequestId() { return "faas4j-priming"; }
    @Override public String getLogGroupName() { return "priming"; }
    @Override public String getLogStreamName() { return "priming"; }
    @Override public String getFunctionName() { return "priming"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:priming"; }
    @Override public @Nullable CognitoIdentity getIdentity() { return null; }
    @Override public @Nullable ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 512; }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { }
        @Override public void log(byte[] message) { }
      };
    }
  };

  static @Nullable Object registered() {
    return registered;
  }

  /** The twin's platform: priming must not build ports (no connection or secret in the snapshot). */
  private static final class NoPorts implements Platform {
    @Override
    public String name() {
      return "priming";
    }

    @Override
    public ObjectStorage objectStorage(String bucket) {
      throw refused();
    }

    @Override
    public MessageQueue messageQueue(String queue) {
      throw refused();
    }

    @Override
    public MessagePublisher messagePublisher(String topic) {
      throw refused();
    }

    @Override
    public KeyValueStore keyValueStore(String table) {
      throw refused();
    }

    @Override
    public Optional<String> config(String key) {
      return Optional.empty();
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    private static IllegalStateException refused() {
      return new IllegalStateException("Priming builds no ports");
    }
  }
}
