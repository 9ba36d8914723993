package dev.faas4j.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import dev.faas4j.event.Headers;
import dev.faas4j.spi.FunctionFailedException;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Functions Framework target for the invoker's CloudEvent signature: the invoker decodes binary and structured
 * CloudEvents and converts legacy background events before calling {@link #accept}. Deploy with
 * {@code --entry-point dev.faas4j.gcp.GcpEventFunction}.
 *
 * <p>The invoker answers 500 for anything this method throws, and rejects Pub/Sub push envelopes and malformed
 * bodies with a 500 before we see them. So bad input can only be answered with the invoker's 500 here (it is still
 * logged once, as a rejection with its reason). {@link GcpHttpFunction} handles all of those itself with precise
 * statuses; prefer it unless you deploy with {@code --signature-type=cloudevent} for another reason.
 */
public final class GcpEventFunction implements CloudEventsFunction {
  private final @Nullable GcpAdapter adapter;

  /** Used by the Functions Framework: the app loads on the first event and stays for the instance's life. */
  public GcpEventFunction() {
    this(null);
  }

  GcpEventFunction(@Nullable GcpAdapter adapter) {
    this.adapter = adapter;
  }

  /**
   * Dispatches the event inside the dispatcher's guard. Returns when it was handled or is not for this function
   * (outside its trigger's filters); throws otherwise, so that the invoker answers 500 and Pub/Sub or Eventarc
   * redeliver it (towards the dead-letter topic for a permanently bad event).
   *
   * @throws FunctionFailedException if the event is malformed, of a type no function of this deployment takes, or
   *     its function failed; the failure was logged once before, and the exception carries no payload and no stack
   *     of its own
   */
  @Override
  public void accept(CloudEvent event) {
    GcpAdapter a = adapter != null ? adapter : GcpHost.adapter();
    Invocation invocation = a.invocation(event.getId(), event.getExtension("traceparent"));
    Outcome outcome;
    try { // Dispatcher.guard's policy, caught here: a guard would allocate two lambdas per event
      outcome = a.deliver(incoming(event), invocation);
    } catch (Throwable t) {
      outcome = a.dispatcher().failure(invocation, t);
    }
    if (!outcome.isSuccess()) {
      throw new FunctionFailedException(a.functionLabel(), outcome);
    }
  }

  static IncomingEvent incoming(CloudEvent event) {
    Facts extensions = new Facts(event.getExtensionNames().size());
    for (String name : event.getExtensionNames()) {
      Object value = event.getExtension(name);
      if (value != null) {
        extensions.put(name, value.toString());
      }
    }
    CloudEventData data = event.getData();
    byte[] bytes = data == null ? new byte[0] : data.toBytes();
    Optional<Instant> time = Optional.ofNullable(event.getTime()).map(t -> t.toInstant());
    // The invoker hands over the decoded event, not the request: the data is the payload, with no headers.
    return new IncomingEvent(event.getId(), event.getSource().toString(), event.getType(),
        Optional.ofNullable(event.getSubject()), time, event.getSpecVersion().toString(),
        Optional.ofNullable(event.getDataContentType()),
        Optional.ofNullable(event.getDataSchema()).map(Object::toString), null, bytes, extensions.toMap(), bytes,
        Headers.empty());
  }
}
