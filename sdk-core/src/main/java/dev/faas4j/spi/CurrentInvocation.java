package dev.faas4j.spi;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogConfig;
import dev.faas4j.spi.log.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The invocation the calling thread is serving. Ports are shared by concurrent invocations, so what one writes on
 * behalf of an invocation (the trace context of a message it sends) is looked up here: the dispatcher makes the
 * function's context current on the thread that runs it, for the duration of the call, and nowhere else. Work a
 * function hands to other threads (executors, async clients' callbacks) does not carry it: messages sent from such a
 * thread go without a trace context, and log bridges write runtime lines there.
 */
public final class CurrentInvocation {
  private static final ThreadLocal<@Nullable DefaultInvocationContext> CURRENT = new ThreadLocal<>();
  private static final InvocationHook[] HOOKS = loadHooks();
  /** The process's log settings, for lines logged outside an invocation (set by each dispatcher built). */
  private static volatile @Nullable LogConfig runtimeLogs;

  private CurrentInvocation() {}

  /** The context of the invocation this thread is running, if any. */
  public static Optional<InvocationContext> get() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The trace context of the invocation this thread is running: what outgoing messages and objects carry. */
  public static Optional<TraceContext> trace() {
    DefaultInvocationContext c = CURRENT.get();
    return c == null ? Optional.empty() : c.trace();
  }

  /**
   * A logger named {@code name} (a library's logger name) for log bridges: inside an invocation its lines carry the
   * invocation's id, function and trace; outside one they are runtime lines. Empty before any dispatcher exists.
   */
  public static Optional<FunctionLogger> logger(String name) {
    DefaultInvocationContext c = CURRENT.get();
    if (c != null) {
      return Optional.of(c.logger(name));
    }
    LogConfig config = runtimeLogs;
    return config == null ? Optional.empty() : Optional.of(config.logger(LogContext.none(), name));
  }

  static void runtimeLogs(LogConfig config) {
    runtimeLogs = config;
  }

  /** Makes {@code context} this thread's invocation until the returned scope closes, and runs the hooks. */
  static InvocationHook.Scope enter(DefaultInvocationContext context) {
    DefaultInvocationContext previous = CURRENT.get();
    CURRENT.set(context);
    if (HOOKS.length == 0) {
      return previous == null ? CLEAR : () -> CURRENT.set(previous);
    }
    InvocationHook.Scope[] opened = new InvocationHook.Scope[HOOKS.length];
    for (int i = 0; i < HOOKS.length; i++) {
      opened[i] = HOOKS[i].enter(context);
    }
    return () -> {
      for (int i = opened.length - 1; i >= 0; i--) {
        opened[i].close();
      }
      CURRENT.set(previous);
    };
  }

  /** Clears rather than removes the entry: removing it made every invocation allocate a new thread-local entry. */
  private static final InvocationHook.Scope CLEAR = () -> CURRENT.set(null);

  private static InvocationHook[] loadHooks() {
    List<InvocationHook> hooks = new ArrayList<>(1);
    ServiceLoader.load(InvocationHook.class, CurrentInvocation.class.getClassLoader()).forEach(hooks::add);
    return hooks.toArray(new InvocationHook[0]);
  }
}
