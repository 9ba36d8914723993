package dev.faas4j.spi;

import dev.faas4j.InvocationContext;
import dev.faas4j.TraceContext;
import dev.faas4j.event.Event;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.log.FunctionLogger;
import dev.faas4j.spi.log.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The context the dispatcher hands to functions. Its logger is built on first use: most invocations of a warm
 * function log nothing, and the log context and logger are most of what a context would otherwise allocate.
 */
final class DefaultInvocationContext implements InvocationContext {
  /** The invocation's id, deadline (made when first read) and platform attributes. */
  private final Invocation invocation;
  private final String functionName;
  /**
   * The dispatcher that made it, for what every context of the process shares (the platform's name, the clock, the
   * log settings): one field, not three per invocation.
   */
  private final Dispatcher dispatcher;
  /**
   * The event this call handles, whose trace it continues (a message's id is also on every log line), or null for
   * an HTTP request or a batch, which continue the invocation's. Either is read only if the trace is asked for.
   */
  private final @Nullable Event event;
  private final Optional<TraceContext> nativeTrace;
  /** This invocation's span, once read: a new span costs a random id and its checks, and most calls never ask. */
  private volatile @Nullable Optional<TraceContext> trace;
  private final boolean coldStart;
  private @Nullable FunctionLogger logger;

  /** A context whose trace continues the invocation's (a new span, the invocation's as parent). */
  DefaultInvocationContext(Invocation invocation, String functionName, Dispatcher dispatcher, boolean coldStart) {
    this(invocation, functionName, dispatcher, null, Optional.empty(), coldStart);
  }

  /**
   * A context for one event, whose trace continues the event's (see {@link Dispatcher#caller}), worked out when
   * first read; a message's id is {@code messageId} on every log line.
   */
  DefaultInvocationContext(Invocation invocation, Event event, Optional<TraceContext> nativeTrace,
      String functionName, Dispatcher dispatcher, boolean coldStart) {
    this(invocation, functionName, dispatcher, event, nativeTrace, coldStart);
  }

  private DefaultInvocationContext(Invocation invocation, String functionName, Dispatcher dispatcher,
      @Nullable Event event, Optional<TraceContext> nativeTrace, boolean coldStart) {
    this.invocation = invocation;
    this.functionName = functionName;
    this.dispatcher = dispatcher;
    this.event = event;
    this.nativeTrace = nativeTrace;
    this.coldStart = coldStart;
  }

  /**
   * A new span continuing {@code caller}'s trace, if any: plain code, not {@code caller.map(TraceContext::child)},
   * whose method reference every cold start would link before the first response.
   */
  private static Optional<TraceContext> child(Optional<TraceContext> caller) {
    return caller.isPresent() ? Optional.of(caller.get().child()) : caller;
  }

  /**
   * The same invocation for one of its batch's messages: its id on every log line and a trace continuing its
   * (see {@link Dispatcher#caller}), worked out when first read.
   */
  DefaultInvocationContext with(QueueMessage message, Optional<TraceContext> nativeTrace) {
    return new DefaultInvocationContext(invocation, functionName, dispatcher, message, nativeTrace, coldStart);
  }

  @Override
  public String invocationId() {
    return invocation.invocationId();
  }

  @Override
  public String functionName() {
    return functionName;
  }

  @Override
  public String platform() {
    return dispatcher.platform();
  }

  @Override
  public Instant deadline() {
    return invocation.deadline();
  }

  @Override
  public Optional<TraceContext> trace() {
    Optional<TraceContext> t = trace;
    if (t == null) {
      synchronized (this) { // one span however many threads of the invocation ask first
        t = trace;
        if (t == null) {
          t = child(event != null ? Dispatcher.caller(event, nativeTrace, invocation) : invocation.trace());
          trace = t;
        }
      }
    }
    return t;
  }

  @Override
  public FunctionLogger logger() {
    FunctionLogger l = logger;
    if (l == null) {
      l = bind(dispatcher.logConfig().logger(logContext()));
      logger = l; // a benign race: concurrent first calls build equal loggers
    }
    return l;
  }

  /** A logger named {@code name} (a library's, through a log bridge) whose lines belong to this invocation. */
  FunctionLogger logger(String name) {
    return bind(dispatcher.logConfig().logger(logContext(), name));
  }

  private FunctionLogger bind(FunctionLogger l) {
    return event instanceof QueueMessage m ? l.with("messageId", m.id()) : l;
  }

  /** Plain code rather than method references: each reference's call site is linked on a cold start. */
  private LogContext logContext() {
    TraceContext t = trace().orElse(null);
    return new LogContext(Optional.of(functionName), Optional.of(invocation.invocationId()),
        t == null ? Optional.empty() : Optional.of(t.traceId()), t == null ? Optional.empty() : Optional.of(t.spanId()),
        coldStart);
  }

  @Override
  public Clock clock() {
    return dispatcher.clock();
  }

  @Override
  public boolean coldStart() {
    return coldStart;
  }

  @Override
  public Map<String, String> platformAttributes() {
    return invocation.platformAttributes();
  }

  @Override
  public String toString() {
    return "InvocationContext[" + invocation.invocationId() + ", " + functionName + "]";
  }
}
