package dev.faas4j.spi;

import dev.faas4j.port.PortException.Reason;

/**
 * The one table from a storage or messaging service's HTTP status to a port {@link Reason}, so that a status means
 * the same on every cloud (and so whether a retry helps). Adapters look up vendor error codes first (an AWS
 * {@code ThrottlingException} under 400, Azure's {@code ServerBusy}) and fall back to this.
 */
public final class PortErrors {
  private PortErrors() {}

  /**
   * The reason for an HTTP status; {@code 0} means no response at all (connection refused, reset, timed out),
   * which is transient.
   */
  public static Reason forHttpStatus(int status) {
    return switch (status) {
      case 0, 408, 500, 502, 503, 504 -> Reason.UNAVAILABLE;
      case 400, 422 -> Reason.INVALID_ARGUMENT;
      case 401, 403 -> Reason.ACCESS_DENIED;
      case 404, 410 -> Reason.NOT_FOUND;
      case 409, 412 -> Reason.CONFLICT;
      case 413 -> Reason.TOO_LARGE;
      case 429 -> Reason.THROTTLED;
      default -> status > 500 && status < 600 ? Reason.UNAVAILABLE : Reason.UNKNOWN;
    };
  }
}
