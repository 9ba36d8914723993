package dev.faas4j.aws;

import static dev.faas4j.trigger.Triggers.queue;
import static dev.faas4j.trigger.Triggers.route;
import static dev.faas4j.trigger.Triggers.topic;

import dev.faas4j.FunctionApp;
import dev.faas4j.Functions;
import dev.faas4j.Platform;
import dev.faas4j.TraceContext;
import dev.faas4j.event.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The application the end-to-end test runs under the real Runtime Interface Client (loaded by FAAS4J_APP). */
public final class RuntimeClientApp implements FunctionApp {
  public RuntimeClientApp() {}

  @Override
  public void configure(Functions f, Platform platform) {
    f.http("hello", route("GET /hello/{name}"), (request, ctx) -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("hello", request.pathParameter("name"));
      body.put("requestId", ctx.invocationId());
      body.put("traceId", ctx.trace().map(TraceContext::traceId).orElse(null));
      body.put("remainingPositive", !ctx.remainingTime().isZero());
      body.put("platform", ctx.platform());
      ctx.logger().info("said hello", "name", request.pathParameter("name"));
      return HttpResponse.ok().cookie("seen=1").json(body);
    });
    f.onQueueMessage("orders", queue("orders"), (m, ctx) -> {
      if (m.text().equals("fail")) {
        throw new IllegalStateException("cannot process this order");
      }
    });
    f.onTopicMessage("alerts", topic("user-created"), (m, ctx) -> {
      throw new IllegalStateException("alert handler is broken");
    });
  }
}
