package dev.faas4j;

import dev.faas4j.event.HttpRequest;
import dev.faas4j.event.HttpResponse;

/**
 * A function that answers HTTP requests.
 *
 * <p>Throwing {@link dev.faas4j.event.InvalidEventException} yields a 400 with its message; any other exception a
 * 500 that carries only the invocation id (the exception is logged once, as structured fields).
 */
@FunctionalInterface
public interface HttpFunction {
  HttpResponse handle(HttpRequest request, InvocationContext context) throws Exception;
}
