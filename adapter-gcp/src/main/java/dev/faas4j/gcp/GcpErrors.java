package dev.faas4j.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import dev.faas4j.port.PortException.Reason;
import java.util.concurrent.ExecutionException;

/**
 * Google API failures as port reasons: the gRPC status codes of Pub/Sub and Firestore (a vendor table, not an HTTP
 * one). GCS answers with HTTP statuses, which mean what {@link dev.faas4j.spi.PortErrors#forHttpStatus} says.
 */
final class GcpErrors {
  private GcpErrors() {}

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** The gRPC status of {@code t} or of one of its causes, if any. */
  static StatusCode.Code grpcCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApiException api) {
        return api.getStatusCode().getCode();
      }
      if (c instanceof io.grpc.StatusRuntimeException s) {
        return StatusCode.Code.valueOf(s.getStatus().getCode().name());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return StatusCode.Code.UNKNOWN;
  }

  static Reason reason(StatusCode.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, OUT_OF_RANGE -> Reason.INVALID_ARGUMENT;
      case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED -> Reason.CONFLICT;
      case NOT_FOUND -> Reason.NOT_FOUND;
      case PERMISSION_DENIED, UNAUTHENTICATED -> Reason.ACCESS_DENIED;
      case RESOURCE_EXHAUSTED -> Reason.THROTTLED;
      case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, CANCELLED -> Reason.UNAVAILABLE;
      default -> Reason.UNKNOWN;
    };
  }
}
