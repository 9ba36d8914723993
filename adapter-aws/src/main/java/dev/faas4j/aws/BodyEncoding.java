package dev.faas4j.aws;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.spi.Wire;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * SQS and SNS carry text only (XML characters, at least one of them), while the ports carry bytes. A body that is
 * such text travels as is; any other body (binary, control characters, empty) travels base64-encoded or as a
 * placeholder, marked by the message attribute {@value #ATTRIBUTE}. The Lambda mapping reads the mark back, so
 * bodies round-trip exactly between faas4j senders and functions; other consumers see ordinary text messages.
 */
final class BodyEncoding {
  /** The message attribute that marks an encoded body. */
  static final String ATTRIBUTE = "faas4j-encoding";
  static final String BASE64 = "base64";
  static final String EMPTY = "empty";

  /** @param encoding the value of {@value #ATTRIBUTE}, or null when the body is sent as is */
  record Encoded(String text, @Nullable String encoding) {}

  private BodyEncoding() {}

  static Encoded encode(byte[] body) {
    if (body.length == 0) {
      return new Encoded(" ", EMPTY);
    }
    String text = strictUtf8(body);
    if (text != null && isXmlText(text)) {
      return new Encoded(text, null);
    }
    return new Encoded(Base64.getEncoder().encodeToString(body), BASE64);
  }

  /**
   * The bytes of a received body.
   *
   * @throws InvalidEventException if the mark is unknown or the base64 is invalid
   */
  static byte[] decode(String text, @Nullable String encoding, String field) {
    if (encoding == null) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return switch (encoding) {
      case BASE64 -> Wire.base64(text, field);
      case EMPTY -> new byte[0];
      default -> throw new InvalidEventException("Message attribute " + ATTRIBUTE + " has an unknown value");
    };
  }

  private static @Nullable String strictUtf8(byte[] bytes) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The characters SQS accepts: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
  private static boolean isXmlText(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
          || c >= 0x10000 && c <= 0x10FFFF;
      if (!ok) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
