package dev.faas4j.azure;

import com.azure.core.exception.HttpResponseException;
import dev.faas4j.port.PortException.Reason;

/** Maps Azure SDK failures onto the ports' reasons, once for Blob, Queue, Table and Service Bus. */
final class StorageErrors {
  private StorageErrors() {}

  /** The HTTP status of an Azure SDK failure, or 0 if it never got a response (connection refused, timeout). */
  static int status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException h && h.getResponse() != null) {
        return h.getResponse().getStatusCode();
      }
    }
    return 0;
  }

  static Reason reason(Throwable e) {
    int status = status(e);
    return switch (status) {
      case 0 -> Reason.UNAVAILABLE;
      case 400 -> Reason.INVALID_ARGUMENT;
      case 401, 403 -> Reason.ACCESS_DENIED;
      case 404 -> Reason.NOT_FOUND;
      case 409, 412 -> Reason.CONFLICT;
      case 413 -> Reason.TOO_LARGE;
      case 429, 503 -> Reason.THROTTLED;
      default -> status >= 500 ? Reason.UNAVAILABLE : Reason.UNKNOWN;
    };
  }

  /** A payload-free description: the operation and the status, never the service's message (it can echo keys). */
  static String describe(String operation, Throwable e) {
    int status = status(e);
    return operation + " failed" + (status == 0 ? " (no response: " + e.getClass().getSimpleName() + ")"
        : " with HTTP " + status);
  }
}
