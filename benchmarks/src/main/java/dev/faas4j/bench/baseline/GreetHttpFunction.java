package dev.faas4j.bench.baseline;

import static dev.faas4j.bench.baseline.BaselineJson.MAPPER;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The hand-written Functions Framework HTTP function for the greeting, using Jackson directly: the baseline for the
 * invoker's cold start and for local-runtime throughput.
 */
public final class GreetHttpFunction implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    if (!"POST".equals(request.getMethod()) || !"/greet".equals(request.getPath())) {
      response.setStatusCode(404);
      return;
    }
    Greeting greeting;
    try {
      greeting = MAPPER.readValue(request.getInputStream(), Greeting.class);
    } catch (IOException e) {
      response.setStatusCode(400);
      return;
    }
    response.setContentType("application/json");
    try (OutputStream out = response.getOutputStream()) {
      MAPPER.writeValue(out, greeting.reply());
    }
  }
}
