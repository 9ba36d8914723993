package dev.faas4j.aws;

import dev.faas4j.port.PortException.Reason;
import dev.faas4j.spi.PortErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** SDK failures as port reasons, and payload-free messages that name the operation and AWS's error code. */
final class AwsErrors {
  private AwsErrors() {}

  /** AWS's error codes first (some throttling and not-found errors come as a 400), then the HTTP status. */
  static Reason reason(SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = code(s);
      if (s.isThrottlingException() || code.equals("SlowDown")) {
        return Reason.THROTTLED;
      }
      if (code.equals("ResourceNotFoundException") || code.contains("NonExistentQueue")
          || code.equals("QueueDoesNotExist") || code.equals("NotFound") || code.equals("NoSuchBucket")) {
        return Reason.NOT_FOUND;
      }
      if (code.equals("ConditionalCheckFailedException")) {
        return Reason.CONFLICT;
      }
      if (code.equals("EntityTooLarge")) {
        return Reason.TOO_LARGE;
      }
      if (code.equals("AccessDenied") || code.equals("AuthorizationError") || code.equals("AccessDeniedException")) {
        return Reason.ACCESS_DENIED;
      }
      return PortErrors.forHttpStatus(s.statusCode());
    }
    return e instanceof SdkClientException ? Reason.UNAVAILABLE : Reason.UNKNOWN;
  }

  static String message(String operation, SdkException e) {
    if (e instanceof AwsServiceException s) {
      return operation + " failed: " + s.statusCode() + " " + code(s);
    }
    return operation + " failed: " + e.getClass().getSimpleName();
  }

  static String code(AwsServiceException s) {
    return s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null
        ? "" : s.awsErrorDetails().errorCode();
  }
}
