package dev.faas4j.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} as the runtime would pass it. */
final class TestLambdaContext implements Context {
  private final String requestId;
  private final int remainingMillis;
  private final String traceHeader;

  TestLambdaContext(String requestId, int remainingMillis, String traceHeader) {
    this.requestId = requestId;
    this.remainingMillis = remainingMillis;
    this.traceHeader = traceHeader;
  }

  TestLambdaContext(String requestId) {
    this(requestId, 30_000, null);
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/fn"; }
  @Override public String getLogStreamName() { return "2024/04/07/[$LATEST]0123456789abcdef"; }
  @Override public String getFunctionName() { return "fn"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:fn"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return remainingMillis; }
  @Override public int getMemoryLimitInMB() { return 512; }
  @Override public String getXrayTraceId() { return traceHeader; }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { }
      @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }
    };
  }
}
