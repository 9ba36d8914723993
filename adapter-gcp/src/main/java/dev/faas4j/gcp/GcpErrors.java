package dev.faas4j.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import dev.faas4j.port.PortException.Reason;
import java.util.concurrent.ExecutionException;

/** Google API failures as port reasons: gRPC status codes (Pub/Sub, Firestore) and HTTP codes (GCS). */
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

  static Reason httpReason(int code) {
    return switch (code) {
      case 400 -> Reason.INVALID_ARGUMENT;
      case 401, 403 -> Reason.ACCESS_DENIED;
      case 404 -> Reason.NOT_FOUND;
      case 409, 412 -> Reason.CONFLICT;
      case 413 -> Reason.TOO_LARGE;
      case 429 -> Reason.THROTTLED;
      default -> code >= 500 || code == 0 || code == 408 ? Reason.UNAVAILABLE : Reason.UNKNOWN;
    };
  }
}
