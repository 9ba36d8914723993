package dev.faas4j.internal;

import dev.faas4j.event.HttpResponse;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bridge through which {@code spi.HttpBodies} reads a response's body array: {@link HttpResponse} installs its
 * reader here when it is initialised (the contract may depend on this package, not on the SPI).
 */
public final class ResponseBodies {
  private static volatile @Nullable Function<HttpResponse, byte[]> reader;

  private ResponseBodies() {}

  /** The body of {@code response} without a copy; never change it. */
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
