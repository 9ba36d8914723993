package dev.faas4j.port;

import org.jspecify.annotations.Nullable;

/**
 * The base of each port's exception family. {@link #retryable()} says whether trying the same call again later
 * can succeed; the retry utility and the dispatcher both go by it.
 */
public abstract class PortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a port call failed, in terms every backend can map to. */
  public enum Reason {
    /** A key, name, size or option the backend (or portability) does not allow. Not retryable. */
    INVALID_ARGUMENT(false),
    /** A condition did not hold: the object exists, the etag or version changed. Not retryable as is. */
    CONFLICT(false),
    /** The bucket, queue, topic or table does not exist. Not retryable. */
    NOT_FOUND(false),
    /** The credentials may not do this. Not retryable. */
    ACCESS_DENIED(false),
    /** The payload is over the backend's limit. Not retryable. */
    TOO_LARGE(false),
    /** The backend asked us to slow down. Retryable. */
    THROTTLED(true),
    /** The backend could not be reached or failed on its side (5xx, timeout, connection reset). Retryable. */
    UNAVAILABLE(true),
    /** Anything else. Not retryable. */
    UNKNOWN(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;

  protected PortException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Whether a later attempt of the same call may succeed. */
  public boolean retryable() {
    return reason.retryable();
  }
}
