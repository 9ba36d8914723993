package dev.faas4j.internal;

import dev.faas4j.event.InvalidEventException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** Content-Type chores shared by the event types and the SPI. */
public final class MediaTypes {
  private MediaTypes() {}

  /**
   * The charset a {@code Content-Type} names, UTF-8 when it names none.
   *
   * @throws InvalidEventException if the named charset is malformed or not supported
   */
  public static Charset charset(String contentType) {
    if (contentType.indexOf('=') < 0) {
      return StandardCharsets.UTF_8; // no parameter, so no charset: no lower-cased copy to search
    }
    int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (i < 0) {
      return StandardCharsets.UTF_8;
    }
    String name = contentType.substring(i + 8).split("[;,\\s]", 2)[0].replace("\"", "");
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InvalidEventException("Content-Type names an unsupported charset", e);
    }
  }
}
