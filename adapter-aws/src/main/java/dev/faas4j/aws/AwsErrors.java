package dev.faas4j.aws;

import dev.faas4j.port.PortException.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** SDK failures as port reasons, and payload-free messages that name the operation and AWS's error code. */
final class AwsErrors {
  private AwsErrors() {}

  static Reason reason(SdkException e) {
    if (e instanceof AwsServiceException s) {
      int status = s.statusCode();
      String code = code(s);
      if (s.isThrottlingException() || status == 429 || code.equals("SlowDown")) {
        return Reason.THROTTLED;
      }
      if (code.equals("ResourceNotFoundException") || code.contains("NonExistentQueue")
          || code.equals("QueueDoesNotExist") || code.equals("NotFound") || code.equals("NoSuchBucket")) {
        return Reason.NOT_FOUND;
      }
      if (status == 412 || status == 409 || code.equals("ConditionalCheckFailedException")) {
        return Reason.CONFLICT;
      }
      if (status == 413 || code.equals("EntityTooLarge")) {
        return Reason.TOO_LARGE;
      }
      if (status == 401 || status == 403 || code.equals("AccessDenied") || code.equals("AuthorizationError")
          || code.equals("AccessDeniedException")) {
        return Reason.ACCESS_DENIED;
      }
      if (status == 404) {
        return Reason.NOT_FOUND;
      }
      if (status >= 500) {
        return Reason.UNAVAILABLE;
      }
      if (status == 400) {
        return Reason.INVALID_ARGUMENT;
      }
      return Reason.UNKNOWN;
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
