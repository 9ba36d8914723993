package dev.faas4j.spi;

import dev.faas4j.event.HttpResponse;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A response's body as it is, for adapters that hand it to the platform: {@link HttpResponse#body()} copies it for
 * callers that may keep or change it, which an adapter writing it out once does not need. Functions do not use this.
 */
public final class HttpBodies {
  private static volatile @Nullable Function<HttpResponse, byte[]> reader;

  private HttpBodies() {}

  /**
   * The body of {@code response} without a copy (empty, never null). The array is the response's own: write it out,
   * never change it.
   */
  public static byte[] of(HttpResponse response) {
    Function<HttpResponse, byte[]> r = reader; // set when HttpResponse was initialised, before any response existed
    return r != null ? r.apply(response) : response.body();
  }

  /**
   * Called once, by {@link HttpResponse}'s class initialiser, with its reader of the body field; a second call is
   * refused, so no other class can put its own reader here.
   */
  public static synchronized void install(Function<HttpResponse, byte[]> bodyReader) {
    if (reader != null) {
      throw new IllegalStateException("HttpResponse's body reader is installed already");
    }
    reader = bodyReader;
  }
}
