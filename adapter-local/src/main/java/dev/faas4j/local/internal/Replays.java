package dev.faas4j.local.internal;

import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.Dispatcher;
import dev.faas4j.spi.FunctionHost;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.WireReplayer;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A cloud's dead-lettered message mapped by its adapter's replayer; shared by the test kit and the local console. */
public final class Replays {
  private Replays() {}

  /**
   * The delivery of {@code payload} for {@code dispatcher}'s app.
   *
   * @param cloud {@code aws}, {@code gcp} or {@code azure}; null to tell from the payload
   * @param queue the logical queue for formats that do not name theirs; null if none
   * @param function the function the cloud's deployment serves ({@code FAAS4J_FUNCTION}), null if none
   * @throws dev.faas4j.event.InvalidEventException if the payload is not JSON or no replayer recognises it
   */
  public static Delivery map(@Nullable String cloud, byte[] payload, @Nullable String queue,
      @Nullable String function, Dispatcher dispatcher, Function<String, String> config, Clock clock,
      Invocation invocation) {
    if (function != null && dispatcher.registry().find(function).isEmpty()) {
      throw new IllegalArgumentException("No function named '" + function + "'");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : Replays.class.getClassLoader();
    WireReplayer replayer = WireReplayer.find(cloud, payload, loader);
    return replayer.map(payload, new WireReplayer.Target(FunctionHost.of(dispatcher, function), config, clock, invocation,
        Optional.ofNullable(queue).filter(q -> !q.isBlank())));
  }
}
