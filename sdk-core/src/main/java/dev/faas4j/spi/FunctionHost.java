package dev.faas4j.spi;

import dev.faas4j.FunctionApp;
import dev.faas4j.Platform;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogFormat;
import dev.faas4j.spi.log.LogSink;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every cloud entry point does once per instance: load the application, register its functions on the
 * platform, configure logging from the environment with the platform's log format, and read which function this
 * deployment serves. Adapters create one lazily (in a static holder) and keep it for the instance's life.
 */
public final class FunctionHost {
  /** The setting naming the function a deployment serves; optional for single-function apps and HTTP routing. */
  public static final String FUNCTION_SETTING = "FAAS4J_FUNCTION";
  /** The invocation timeout, in seconds, for platforms that do not pass a deadline (default 60). */
  public static final String TIMEOUT_SETTING = "FAAS4J_TIMEOUT_SECONDS";

  /**
   * The process environment ({@code System.getenv}) as settings, for every cloud's entry point: a class, not the
   * method reference {@code System::getenv}, which Java 17 links at run time on every cold start (a start-up archive
   * holds a lambda's class, not its linked call site).
   */
  public static final Function<String, String> ENVIRONMENT = new Environment();

  private static final class Environment implements Function<String, String> {
    @Override
    public String apply(String name) {
      return System.getenv(name);
    }
  }
  private static final long DEFAULT_TIMEOUT_SECONDS = 60;

  private final Dispatcher dispatcher;
  private final @Nullable String functionName;
  /** Seconds, not a {@code Duration}: its class initialisation (and BigInteger's) would be on every cold start. */
  private final long timeoutSeconds;

  private FunctionHost(Dispatcher dispatcher, @Nullable String functionName, long timeoutSeconds) {
    this.dispatcher = dispatcher;
    this.functionName = functionName;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Loads the app ({@code FAAS4J_APP} or {@code META-INF/services}) and registers its functions.
   *
   * @throws IllegalStateException or {@link dev.faas4j.trigger.InvalidTriggerException} saying what to fix;
   *     adapters report it as their platform's initialisation error
   */
  public static FunctionHost start(Platform platform, LogFormat format, Function<String, String> config,
      ClassLoader loader) {
    return start(platform, format, LogSink.stdout(), config, loader);
  }

  /**
   * Like {@link #start(Platform, LogFormat, Function, ClassLoader)} for platforms that collect logs somewhere other
   * than standard output (Azure's per-invocation logger).
   */
  public static FunctionHost start(Platform platform, LogFormat format, LogSink sink, Function<String, String> config,
      ClassLoader loader) {
    FunctionApp app = FunctionApps.load(loader, config);
    return start(app, platform, format, sink, config);
  }

  /** Like {@link #start(Platform, LogFormat, Function, ClassLoader)} with an application already at hand. */
  public static FunctionHost start(FunctionApp app, Platform platform, LogFormat format,
      Function<String, String> config) {
    return start(app, platform, format, LogSink.stdout(), config);
  }

  /** Like {@link #start(FunctionApp, Platform, LogFormat, Function)} with log lines written to {@code sink}. */
  public static FunctionHost start(FunctionApp app, Platform platform, LogFormat format, LogSink sink,
      Function<String, String> config) {
    LogConfig logConfig = LogConfig.fromEnvironment(config).withFormat(format).withSink(sink)
        .withClock(platform.clock());
    FunctionRegistry registry = FunctionRegistry.of(app, platform);
    String name = config.apply(FUNCTION_SETTING);
    if (name != null && !name.isBlank() && registry.find(name.trim()).isEmpty()) {
      throw new IllegalStateException(FUNCTION_SETTING + "=" + name + " is not a registered function; registered: "
          + registry.definitions().stream().map(FunctionDefinition::name).toList());
    }
    return new FunctionHost(new Dispatcher(registry, platform.name(), logConfig),
        name == null || name.isBlank() ? null : name.trim(), timeout(config));
  }

  /**
   * A host around a dispatcher that already runs the app (the local runtime's, a test's), for code that takes a
   * host: a {@link WireReplayer} replaying a cloud's message through that cloud's mapping.
   */
  public static FunctionHost of(Dispatcher dispatcher, @Nullable String functionName) {
    return new FunctionHost(dispatcher, functionName, DEFAULT_TIMEOUT_SECONDS);
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The function this deployment serves, if {@code FAAS4J_FUNCTION} names one. */
  public Optional<String> functionName() {
    return Optional.ofNullable(functionName);
  }

  /** The deadline of an invocation starting at {@code start} on a platform that passes none. */
  public Instant deadlineFrom(Instant start) {
    return start.plusSeconds(timeoutSeconds);
  }

  /** {@link #deadlineFrom} in epoch milliseconds, for {@link Invocation#until}: no {@link Instant} made per call. */
  public long deadlineFrom(long startMillis) {
    return startMillis + timeoutSeconds * 1000;
  }

  private static long timeout(Function<String, String> config) {
    String value = config.apply(TIMEOUT_SETTING);
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds < 1) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(TIMEOUT_SETTING + " must be a positive number of seconds; got '" + value + "'",
          e);
    }
  }
}
