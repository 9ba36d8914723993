package dev.faas4j.spi;

import dev.faas4j.event.HttpResponse;
import dev.faas4j.internal.ResponseBodies;

/**
 * A response's body as it is, for adapters that hand it to the platform: {@link HttpResponse#body()} copies it for
 * callers that may keep or change it, which an adapter writing it out once does not need. Functions do not use this.
 */
public final class HttpBodies {
  private HttpBodies() {}

  /**
   * The body of {@code response} without a copy (empty, never null). The array is the response's own: write it out,
   * never change it.
   */
  public static byte[] of(HttpResponse response) {
    return ResponseBodies.of(response);
  }
}
