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
  /**
   * The calling thread's invocation and its platform log target, in one thread-local: an invocation that binds its
   * logger and runs a function looks it up once each, and clears fields of the frame it holds, no further lookups.
   */
  private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();
  private static final InvocationHook[] HOOKS = loadHooks();
  /** The process's log settings, for lines logged outside an invocation (set by each dispatcher built). */
  private static volatile @Nullable LogConfig runtimeLogs;

  private CurrentInvocation() {}

  /**
   * This thread's frame, made on its first use: not through {@code ThreadLocal.withInitial(Frame::new)}, whose method
   * reference is linked anew on every cold start, nor a subclass, one more class in every function.
   */
  private static Frame frame() {
    Frame f = FRAME.get();
    if (f == null) {
      f = new Frame();
      FRAME.set(f);
    }
    return f;
  }

  /** The context of the invocation this thread is running, if any. */
  public static Optional<InvocationContext> get() {
    return Optional.ofNullable(frame().context);
  }

  /** The trace context of the invocation this thread is running: what outgoing messages and objects carry. */
  public static Optional<TraceContext> trace() {
    DefaultInvocationContext c = frame().context;
    return c == null ? Optional.empty() : c.trace();
  }

  /**
   * A logger named {@code name} (a library's logger name) for log bridges: inside an invocation its lines carry the
   * invocation's id, function and trace; outside one they are runtime lines. Empty before any dispatcher exists.
   */
  public static Optional<FunctionLogger> logger(String name) {
    DefaultInvocationContext c = frame().context;
    if (c != null) {
      return Optional.of(c.logger(name));
    }
    LogConfig config = runtimeLogs;
    return config == null ? Optional.empty() : Optional.of(config.logger(LogContext.none(), name));
  }

  static void runtimeLogs(LogConfig config) {
    runtimeLogs = config;
  }

  /**
   * The platform's per-invocation log target bound to this thread (the Azure worker's logger for the invocation),
   * or null: what a log sink that writes through the platform's own logger looks up on each line.
   */
  public static @Nullable Object logTarget() {
    return frame().logTarget;
  }

  /**
   * Binds {@code target} as this thread's log target until the returned scope closes, which binds again the one it
   * replaced. Kept with the current invocation in one thread-local; the scope holds this thread's entry, so closing
   * it looks nothing up, and an outermost binding's scope is made once per thread, not per call.
   */
  public static InvocationHook.Scope logTarget(@Nullable Object target) {
    Frame f = frame();
    Object previous = f.logTarget;
    f.logTarget = target;
    return previous == null ? f.unbind : () -> f.logTarget = previous;
  }

  /** Makes {@code context} this thread's invocation until the returned scope closes, and runs the hooks. */
  static InvocationHook.Scope enter(DefaultInvocationContext context) {
    Frame f = frame();
    DefaultInvocationContext previous = f.context;
    f.context = context;
    if (HOOKS.length == 0) {
      return previous == null ? f.clear : () -> f.context = previous;
    }
    InvocationHook.Scope[] opened = new InvocationHook.Scope[HOOKS.length];
    for (int i = 0; i < HOOKS.length; i++) {
      opened[i] = HOOKS[i].enter(context);
    }
    return () -> {
      for (int i = opened.length - 1; i >= 0; i--) {
        opened[i].close();
      }
      f.context = previous;
    };
  }

  /**
   * One thread's state. Only its own thread reads or writes it; a cleared field (rather than a removed entry) keeps
   * the thread-local's entry, so no invocation allocates one anew.
   */
  private static final class Frame {
    @Nullable DefaultInvocationContext context;
    @Nullable Object logTarget;
    /** End an outermost invocation and an outermost log target binding: made once per thread, not per call. */
    final InvocationHook.Scope clear = new Clear(this, false);
    final InvocationHook.Scope unbind = new Clear(this, true);
  }

  /**
   * Clears the frame's invocation, or ({@code logTarget}) its log target. A class, not a lambda: C1 allocates a
   * capturing lambda through a method handle; one class for both, one class fewer to load on every cold start.
   */
  private record Clear(Frame frame, boolean logTarget) implements InvocationHook.Scope {
    @Override
    public void close() {
      if (logTarget) {
        frame.logTarget = null;
      } else {
        frame.context = null;
      }
    }
  }

  private static InvocationHook[] loadHooks() {
    List<InvocationHook> hooks = new ArrayList<>(1);
    for (InvocationHook hook : ServiceLoader.load(InvocationHook.class, CurrentInvocation.class.getClassLoader())) {
      hooks.add(hook); // a loop, not forEach(hooks::add): no call site to link at start-up
    }
    return hooks.toArray(new InvocationHook[0]);
  }
}
