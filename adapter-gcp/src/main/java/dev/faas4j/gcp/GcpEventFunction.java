package dev.faas4j.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Invocation;
import dev.faas4j.spi.Outcome;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Functions Framework target for the invoker's CloudEvent signature: the invoker decodes binary and structured
 * CloudEvents and converts legacy background events before calling {@link #accept}. Deploy with
 * {@code --entry-point dev.faas4j.gcp.GcpEventFunction}.
 *
 * <p>The invoker answers 500 for anything this method throws, and rejects Pub/Sub push envelopes and malformed
 * bodies with a 500 before we see them. {@link GcpHttpFunction} handles all of those itself with precise statuses;
 * prefer it unless you deploy with {@code --signature-type=cloudevent} for another reason.
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
   * Dispatches the event. Throws when it was not handled, so that the invoker answers 500 and Pub/Sub or Eventarc
   * redeliver it (towards the dead-letter topic for a permanently bad event).
   *
   * @throws EventNotHandledException if the event is malformed, of an unmapped type, or its function failed
   */
  @Override
  public void accept(CloudEvent event) {
    GcpAdapter a = adapter != null ? adapter : GcpHost.adapter();
    IncomingEvent incoming = incoming(event);
    Invocation invocation = a.invocation(incoming);
    Outcome outcome;
    try {
      outcome = a.dispatch(incoming, invocation);
    } catch (InvalidEventException e) {
      a.dispatcher().runtimeLogger().warn("Rejected a malformed event: " + e.getMessage(), "invocationId",
          invocation.invocationId());
      throw new EventNotHandledException(Outcome.Status.CLIENT_ERROR, e.getMessage(), e);
    }
    if (!outcome.isSuccess()) {
      throw new EventNotHandledException(outcome.status(), outcome.message(), null);
    }
  }

  static IncomingEvent incoming(CloudEvent event) {
    Map<String, String> extensions = new LinkedHashMap<>();
    for (String name : event.getExtensionNames()) {
      Object value = event.getExtension(name);
      if (value != null) {
        extensions.put(name, value.toString());
      }
    }
    CloudEventData data = event.getData();
    Optional<Instant> time = Optional.ofNullable(event.getTime()).map(t -> t.toInstant());
    return new IncomingEvent(event.getId(), event.getSource().toString(), event.getType(),
        Optional.ofNullable(event.getSubject()), time, Optional.ofNullable(event.getDataContentType()),
        data == null ? new byte[0] : data.toBytes(), extensions);
  }

  /** An event that was not handled; the invoker turns it into a 500 so the event is redelivered. */
  public static final class EventNotHandledException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Outcome.Status status;

    EventNotHandledException(Outcome.Status status, String message, @Nullable Throwable cause) {
      super(status + ": " + message, cause);
      this.status = status;
    }

    /** Why it was not handled. */
    public Outcome.Status status() {
      return status;
    }
  }
}
