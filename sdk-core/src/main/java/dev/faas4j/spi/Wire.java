package dev.faas4j.spi;

import dev.faas4j.event.InvalidEventException;
import dev.faas4j.event.QueryParameters;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decoding chores every adapter meets in its platform's payloads, done once with typed errors: base64 bodies,
 * form- and percent-encoded keys and paths, and the many timestamp formats of the platforms. Errors name the
 * field, never the value.
 */
public final class Wire {
  /** Built on first use only: loading the formatter costs an HTTP cold start ~10 ms, and most events never need it. */
  private static final class Clf {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  }

  private Wire() {}

  /**
   * Decodes standard base64 (padding optional; MIME line breaks tolerated, as some platforms wrap long values).
   *
   * @throws InvalidEventException naming {@code field} if the value is not base64
   */
  public static byte[] base64(String value, String field) {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(value, field));
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(field + " is not valid base64", e);
    }
  }

  private static String strictBase64(String value, String field) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
          || c == '=' || c == '\r' || c == '\n' || c == '-' || c == '_';
      if (!ok) {
        throw new InvalidEventException(field + " is not valid base64");
      }
    }
    // The MIME decoder silently skips unknown characters; the URL-safe alphabet is mapped onto the standard one.
    return value.replace('-', '+').replace('_', '/');
  }

  /**
   * Decodes an {@code application/x-www-form-urlencoded} value ({@code +} is a space), as S3 notifications encode
   * object keys.
   *
   * @throws InvalidEventException naming {@code field} on a malformed escape or invalid UTF-8
   */
  public static String formDecode(String value, String field) {
    try {
      return QueryParameters.parse("v=" + value.replace("&", "%26").replace("=", "%3D")).first("v").orElse("");
    } catch (InvalidEventException e) {
      throw new InvalidEventException(field + " has an invalid percent-encoding", e);
    }
  }

  /**
   * Decodes a percent-encoded path or header value once ({@code +} stays a plus).
   *
   * @throws InvalidEventException naming {@code field} on a malformed escape or invalid UTF-8
   */
  public static String percentDecode(String value, String field) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '%') {
        if (i + 2 >= bytes.length) {
          throw new InvalidEventException(field + " has a truncated percent-escape");
        }
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          throw new InvalidEventException(field + " has an invalid percent-escape");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEventException(field + " is not valid UTF-8 after percent-decoding", e);
    }
  }

  /**
   * The charset a {@code Content-Type} names, UTF-8 when it names none (for platforms that hand over text bodies).
   *
   * @throws InvalidEventException if the named charset is malformed or not supported
   */
  public static java.nio.charset.Charset charset(String contentType) {
    return dev.faas4j.internal.MediaTypes.charset(contentType);
  }

  /**
   * Parses the timestamps platforms send: RFC 3339 / ISO-8601 with 0 to 9 fractional digits and {@code Z} or an
   * offset; epoch milliseconds as a number or string (SQS, API Gateway); epoch seconds with a fraction (DynamoDB
   * Streams, Kinesis); the common log format {@code 10/Feb/2021:13:40:43 +0000} (API Gateway).
   *
   * @throws InvalidEventException naming {@code field} if none fits
   */
  public static Instant instant(String text, String field) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new InvalidEventException(field + " is empty; expected a timestamp");
    }
    char first = t.charAt(0);
    if (Character.isDigit(first) && t.indexOf('-') < 0 && t.indexOf('/') < 0) {
      try {
        BigDecimal number = new BigDecimal(t);
        // Epoch milliseconds have 12+ integer digits for any date after 1973; seconds have at most 10 until 2286.
        boolean millis = number.precision() - number.scale() > 11;
        BigDecimal nanos = number.movePointRight(millis ? 6 : 9);
        long n = nanos.longValueExact();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new InvalidEventException(field + " is not a valid epoch timestamp", e);
      }
    }
    Instant common = rfc3339(t);
    if (common != null) {
      return common;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // fall through to the other shapes
    }
    try {
      return ZonedDateTime.parse(t, Clf.FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(field + " is not a timestamp in a known format", e);
    }
  }

  /**
   * The commonest timestamp, {@code 2025-03-10T13:40:52[.fraction](Z|+01:00)}, read without the formatter (which
   * allocates about a kilobyte per call); null for anything else, including out-of-range fields, which
   * {@code OffsetDateTime.parse} then accepts or rejects as before.
   */
  static @Nullable Instant rfc3339(String t) {
    int n = t.length();
    if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        nanos = nanos * 10 + (t.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offset;
    if (i == n - 1 && t.charAt(i) == 'Z') {
      offset = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int oh = digits(t, i + 1, 2);
      int om = digits(t, i + 4, 2);
      if (oh < 0 || oh > 17 || om < 0 || om > 59) {
        return null;
      }
      offset = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    long seconds = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offset;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The value of {@code count} ASCII digits at {@code from}; -1 if any is not one. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean leap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int monthLength(int year, int month) {
    return month == 2 ? (leap(year) ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a date in years 0-9999 (as {@code LocalDate.toEpochDay}). */
  private static long epochDay(int year, int month, int day) {
    long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
        + (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      total -= leap(year) ? 1 : 2;
    }
    return total - 719_528L; // days from 0000-01-01 to 1970-01-01
  }

  /**
   * The reason phrase of an HTTP status for wire formats that carry one (an HTTP/1.1 status line, ALB's
   * {@code statusDescription}); a status without a registered phrase gets its class ("Client Error").
   */
  public static String reasonPhrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status < 200 ? "Informational" : status < 300 ? "Success" : status < 400 ? "Redirection"
          : status < 500 ? "Client Error" : "Server Error";
    };
  }
}
