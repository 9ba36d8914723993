package dev.faas4j.local.testkit;

import dev.faas4j.event.HttpResponse;
import java.util.Optional;

/**
 * An HTTP function's response with, for a 4xx or 5xx, why: what the function threw and what was logged.
 *
 * <pre>{@code
 * tester.http().invoke(TestEvents.http("GET", "/orders/42")).assertStatus(200);
 * // AssertionError: expected status 200 but was 500: java.lang.IllegalArgumentException: No path parameter
 * //   'orderId'; the matched route declares [id] (logged: ERROR Invocation failed: ...)
 * }</pre>
 */
public record HttpResult(HttpResponse response, Optional<Failure> failure) {

  public int status() {
    return response.status();
  }

  /**
   * Passes if the status is {@code expected}; otherwise fails with the failure's reason, or the body when the
   * function answered that status itself.
   */
  public HttpResult assertStatus(int expected) {
    if (response.status() != expected) {
      throw new AssertionError("expected status " + expected + " but was " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    if (failure.isPresent()) {
      return failure.get().toString();
    }
    return response.status() + (response.isTextual() && response.body().length > 0 ? ": " + response.text() : "");
  }
}
