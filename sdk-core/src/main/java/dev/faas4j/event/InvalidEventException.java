package dev.faas4j.event;

import org.jspecify.annotations.Nullable;

/**
 * An event or request that cannot be understood: malformed JSON, a wrong type, invalid base64, an unknown event
 * shape, a missing required field. Retrying the same input cannot help; HTTP adapters answer it with a 400.
 *
 * <p>Functions may throw it too, to reject their input as permanently bad (it then goes to the dead-letter queue
 * instead of being retried). Messages name the field at fault, never the payload itself.
 */
public class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
