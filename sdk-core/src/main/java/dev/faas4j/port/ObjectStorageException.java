package dev.faas4j.port;

import org.jspecify.annotations.Nullable;

/** A object storage call failed; {@link #reason()} says why and whether a retry can help. */
public class ObjectStorageException extends PortException {
  private static final long serialVersionUID = 1L;

  public ObjectStorageException(Reason reason, String message) {
    super(reason, message, null);
  }

  public ObjectStorageException(Reason reason, String message, @Nullable Throwable cause) {
    super(reason, message, cause);
  }
}
