package dev.faas4j.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.PortErrors;
import org.jspecify.annotations.Nullable;

/**
 * Maps Azure SDK failures onto the ports' reasons, once for Blob, Queue, Table and Service Bus: Azure Storage's own
 * error code ({@code x-ms-error-code}) where it says more than the status, else the status as on every cloud.
 */
final class StorageErrors {
  private static final HttpHeaderName ERROR_CODE = HttpHeaderName.fromString("x-ms-error-code");

  private StorageErrors() {}

  /** The HTTP status of an Azure SDK failure, or 0 if it never got a response (connection refused, timeout). */
  static int status(Throwable e) {
    HttpResponse response = response(e);
    return response == null ? 0 : response.getStatusCode();
  }

  static Reason reason(Throwable e) {
    HttpResponse response = response(e);
    if (response == null) {
      return PortErrors.forHttpStatus(0);
    }
    String code = response.getHeaders().getValue(ERROR_CODE);
    if ("ServerBusy".equals(code)) {
      return Reason.THROTTLED; // a 503 (or 500) asking the client to back off: the account's scalability limits
    }
    if ("OperationTimedOut".equals(code)) {
      return Reason.UNAVAILABLE;
    }
    return PortErrors.forHttpStatus(response.getStatusCode());
  }

  /** A payload-free description: the operation and the status, never the service's message (it can echo keys). */
  static String describe(String operation, Throwable e) {
    int status = status(e);
    return operation + " failed" + (status == 0 ? " (no response: " + e.getClass().getSimpleName() + ")"
        : " with HTTP " + status);
  }

  private static @Nullable HttpResponse response(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException h && h.getResponse() != null) {
        return h.getResponse();
      }
    }
    return null;
  }
}
