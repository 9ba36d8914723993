package dev.faas4j.port;

import org.jspecify.annotations.Nullable;

/** A key-value store call failed; {@link #reason()} says why and whether a retry can help. */
public class KeyValueStoreException extends PortException {
  private static final long serialVersionUID = 1L;

  public KeyValueStoreException(Reason reason, String message) {
    super(reason, message, null);
  }

  public KeyValueStoreException(Reason reason, String message, @Nullable Throwable cause) {
    super(reason, message, cause);
  }
}
