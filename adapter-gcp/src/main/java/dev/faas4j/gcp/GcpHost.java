package dev.faas4j.gcp;

import dev.faas4j.spi.FunctionHost;
import java.time.Clock;
import java.util.function.Function;

/**
 * The instance's one application: loaded on the first invocation of either entry point and kept for the life of
 * the instance (a lazily initialised holder, so the JVM does the locking and later calls pay nothing).
 */
final class GcpHost {
  private GcpHost() {}

  static GcpAdapter adapter() {
    return Holder.ADAPTER;
  }

  static GcpAdapter start(Function<String, String> env, ClassLoader loader) {
    GcpPlatform platform = GcpPlatform.fromEnvironment(env);
    FunctionHost host = FunctionHost.start(platform, GcpLogFormat.fromEnvironment(env), env, loader);
    return new GcpAdapter(host, env, Clock.systemUTC());
  }

  private static final class Holder {
    static final GcpAdapter ADAPTER = start(FunctionHost.ENVIRONMENT,
        Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
            : GcpHost.class.getClassLoader());
  }
}
