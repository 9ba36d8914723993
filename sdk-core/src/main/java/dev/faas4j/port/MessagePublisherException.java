package dev.faas4j.port;

import org.jspecify.annotations.Nullable;

/** A topic publisher call failed; {@link #reason()} says why and whether a retry can help. */
public class MessagePublisherException extends PortException {
  private static final long serialVersionUID = 1L;

  public MessagePublisherException(Reason reason, String message) {
    super(reason, message, null);
  }

  public MessagePublisherException(Reason reason, String message, @Nullable Throwable cause) {
    super(reason, message, cause);
  }
}
