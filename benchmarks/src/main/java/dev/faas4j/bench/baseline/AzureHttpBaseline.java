package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.util.Optional;

/**
 * The hand-written Azure Functions HTTP entry method for the greeting, using Jackson directly: reads the body the
 * Java worker hands over, binds it, and builds the response through the worker's builder.
 */
public final class AzureHttpBaseline {
  /** What an {@code @FunctionName} method with an HTTP trigger would do. */
  public HttpResponseMessage run(HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
    if (request.getHttpMethod() != HttpMethod.POST || !"/api/greet".equals(request.getUri().getPath())) {
      return request.createResponseBuilder(HttpStatus.NOT_FOUND).build();
    }
    Greeting greeting;
    try {
      greeting = MAPPER.readValue(request.getBody().orElse(""), Greeting.class);
    } catch (JsonProcessingException e) {
      return request.createResponseBuilder(HttpStatus.BAD_REQUEST).build();
    }
    try {
      return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
          .body(MAPPER.writeValueAsString(greeting.reply())).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
