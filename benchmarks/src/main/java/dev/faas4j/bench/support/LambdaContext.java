package dev.faas4j.bench.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda {@code Context} as the runtime builds one per invocation (fixed request id, 30 s left), with the X-Ray
 * header Lambda hands every invocation, traced or not (a hand-written handler ignores it; faas4j reads it when the
 * function asks for its trace).
 */
public final class LambdaContext implements Context {
  private final long deadline = System.currentTimeMillis() + 3_600_000L;

  @Override
  public String getAwsRequestId() {
    return "c6af9ac6-7b61-11e6-9a41-93e812345678";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/fn";
  }

  @Override
  public String getLogStreamName() {
    return "2025/03/10/[$LATEST]abcdef";
  }

  @Override
  public String getFunctionName() {
    return "fn";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:fn";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadline - System.currentTimeMillis());
  }

  @Override
  public String getXrayTraceId() {
    return "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
